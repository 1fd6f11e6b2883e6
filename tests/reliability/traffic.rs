//! Write load for the fault tests: managers creating and submitting
//! positions through the API and through the HTML form, each request
//! logged with its outcome and duration, so the test can hold the database
//! to what the portal acknowledged.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::Value;
use tokio::sync::Mutex;

use crate::support::actors::Actor;
use crate::support::api::{Api, SLUG, position_body, seed_names};

/// Longest a test request may take before it counts as hung.
pub const HUNG: Duration = Duration::from_secs(10);

/// What was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    ApiCreate,
    ApiSubmit,
    FormCreate,
    FormSubmit,
    Read,
}

impl Kind {
    pub fn is_write(self) -> bool {
        self != Kind::Read
    }
}

/// One request and what came of it.
#[derive(Debug, Clone)]
pub struct Record {
    pub kind: Kind,
    /// The title written (unique per write), or the path read.
    pub marker: String,
    /// The position concerned, when known.
    pub id: Option<i64>,
    /// None: no HTTP answer (connection refused or reset, or hung).
    pub status: Option<u16>,
    pub error: Option<String>,
    pub started: Instant,
    pub elapsed: Duration,
}

impl Record {
    /// Whether the portal said the write was done.
    pub fn acknowledged(&self) -> bool {
        matches!(
            (self.kind, self.status),
            (Kind::ApiCreate, Some(201))
                | (Kind::ApiSubmit, Some(200))
                | (Kind::FormCreate | Kind::FormSubmit, Some(303))
        )
    }
}

/// The shared log and the stop switch of a load.
#[derive(Clone, Default)]
pub struct Run {
    pub log: Arc<Mutex<Vec<Record>>>,
    pub stop: Arc<AtomicBool>,
}

impl Run {
    pub fn stopped(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    pub fn finish(&self) {
        self.stop.store(true, Ordering::Relaxed);
    }

    pub async fn records(&self) -> Vec<Record> {
        self.log.lock().await.clone()
    }

    pub async fn push(&self, record: Record) {
        self.log.lock().await.push(record);
    }
}

/// Sends a request with a deadline; the status, the Location header, the
/// body, or the transport error.
async fn send(
    request: reqwest::RequestBuilder,
) -> Result<(StatusCode, Option<String>, String), String> {
    match tokio::time::timeout(HUNG, async {
        let response = request.send().await?;
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = response.text().await?;
        Ok::<_, reqwest::Error>((status, location, body))
    })
    .await
    {
        Ok(Ok(answer)) => Ok(answer),
        Ok(Err(err)) => Err(format!("{err:?}")),
        Err(_) => Err("hung".into()),
    }
}

/// Logs one request; returns its answer.
pub async fn logged(
    run: &Run,
    kind: Kind,
    marker: &str,
    id: Option<i64>,
    request: reqwest::RequestBuilder,
) -> Option<(StatusCode, Option<String>, String)> {
    let started = Instant::now();
    let answer = send(request).await;
    let mut record = Record {
        kind,
        marker: marker.to_string(),
        id,
        status: None,
        error: None,
        started,
        elapsed: started.elapsed(),
    };
    match &answer {
        Ok((status, _, _)) => record.status = Some(status.as_u16()),
        Err(err) => record.error = Some(err.clone()),
    }
    let answer = answer.ok();
    if let (Kind::ApiCreate, Some((_, _, body))) = (kind, &answer) {
        record.id = serde_json::from_str::<Value>(body)
            .ok()
            .and_then(|v| v["id"].as_i64());
    }
    if let (Kind::FormCreate, Some((_, Some(location), _))) = (kind, &answer) {
        record.id = location.trim_start_matches("/positions/").parse().ok();
    }
    run.push(record).await;
    answer
}

/// Starts `api` managers writing through the API and `form` managers
/// through the forms, each a new user; returns their tasks and the ids of
/// the API writers (who never leave an empty draft).
pub async fn writers(
    app: &crate::support::TestApp,
    api: usize,
    form: usize,
    run: &Run,
) -> (Vec<tokio::task::JoinHandle<()>>, Vec<i64>) {
    use jobclass::auth::model::Role;
    let mut tasks = Vec::new();
    let mut api_owners = Vec::new();
    for i in 0..api {
        let manager = app.login_as(Role::Manager).await;
        api_owners.push(manager.user_id);
        let client = manager.api().await;
        tasks.push(tokio::spawn(api_writer(
            client,
            format!("api{i}"),
            run.clone(),
        )));
    }
    for i in 0..form {
        let manager = Arc::new(app.login_as(Role::Manager).await);
        tasks.push(tokio::spawn(form_writer(
            manager,
            format!("form{i}"),
            run.clone(),
        )));
    }
    (tasks, api_owners)
}

/// A manager creating and submitting positions through the API until the
/// run stops; titles are `{name}-{n}`.
pub async fn api_writer(api: Api, name: String, run: Run) {
    let mut n = 0;
    while !run.stopped() {
        n += 1;
        let marker = format!("{name}-{n}");
        let request = api
            .client
            .post(format!("{}/api/v1/positions", api.base))
            .bearer_auth(&api.token)
            .json(&position_body(&marker));
        let created = logged(&run, Kind::ApiCreate, &marker, None, request).await;
        let id = match created {
            Some((StatusCode::CREATED, _, body)) => serde_json::from_str::<Value>(&body)
                .ok()
                .and_then(|v| v["id"].as_i64()),
            _ => None,
        };
        match id {
            Some(id) => {
                let request = api
                    .client
                    .post(format!("{}/api/v1/positions/{id}/submit", api.base))
                    .bearer_auth(&api.token);
                logged(&run, Kind::ApiSubmit, &marker, Some(id), request).await;
            }
            // Do not spin while everything fails at once.
            None => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// The complete HTML form of a new position (revision 1), submitted.
pub fn form_fields(marker: &str) -> Vec<(String, String)> {
    let (areas, criteria) = seed_names();
    let mut fields: Vec<(String, String)> = vec![
        ("revision".into(), "1".into()),
        ("action".into(), "submit".into()),
        ("title".into(), marker.into()),
        ("unit".into(), marker.into()),
        ("purpose".into(), marker.into()),
        ("task".into(), marker.into()),
        ("task".into(), format!("{marker} (2)")),
    ];
    for (i, share) in ["40", "10", "50", "0"].iter().enumerate().take(areas.len()) {
        fields.push((format!("share-{i}"), share.to_string()));
    }
    for i in 0..criteria.len() {
        fields.push((format!("level-{i}"), ["D", "C", "B"][i % 3].into()));
        fields.push((
            format!("evidence-{i}"),
            format!("{marker} — evidence long enough"),
        ));
    }
    fields
}

/// A manager in a browser: starts a position with the form, then fills it
/// in and submits it, until the run stops.
pub async fn form_writer(actor: Arc<Actor>, name: String, run: Run) {
    let mut n = 0;
    while !run.stopped() {
        n += 1;
        let marker = format!("{name}-{n}");
        let request = actor
            .client
            .post(actor.url("/positions/new"))
            .form(&[("csrf_token", actor.csrf.as_str()), ("profile", SLUG)]);
        let created = logged(&run, Kind::FormCreate, &marker, None, request).await;
        let id = match created {
            Some((StatusCode::SEE_OTHER, Some(location), _)) => location
                .trim_start_matches("/positions/")
                .parse::<i64>()
                .ok(),
            _ => None,
        };
        let Some(id) = id else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let mut fields = vec![("csrf_token".to_string(), actor.csrf.clone())];
        fields.extend(form_fields(&marker));
        let request = actor
            .client
            .post(actor.url(&format!("/positions/{id}")))
            .form(&fields);
        logged(&run, Kind::FormSubmit, &marker, Some(id), request).await;
    }
}

/// Reads `paths` in turn with `client` (pages with its cookies, or the API
/// with `token`) until the run stops.
pub async fn reader(
    client: reqwest::Client,
    base: String,
    token: Option<String>,
    paths: Vec<String>,
    run: Run,
) {
    let mut i = 0;
    while !run.stopped() {
        let path = &paths[i % paths.len()];
        i += 1;
        let mut request = client.get(format!("{base}{path}"));
        if let Some(token) = &token {
            request = request.bearer_auth(token);
        }
        if logged(&run, Kind::Read, path, None, request)
            .await
            .is_none()
        {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}
