//! A long load at 256 connections on the real binary with its private
//! cluster: pages of every kind of visitor, API reads and writes, form
//! writes. Not one 5xx, not one dropped connection, and every acknowledged
//! write in the database. `JOBCLASS_LOAD_SECONDS` sets the length (60);
//! the portal runs with its default pool unless `JOBCLASS_DB_POOL` is set
//! (the child inherits it).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jobclass::auth::model::Role;
use reqwest::cookie::Jar;
use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::portal;
use crate::support::actors::PASSWORD;
use crate::support::api::{Api, SLUG, position_body, submitted_position};
use crate::support::html::Page;
use crate::support::{DataFolder, TestApp, percentile};
use crate::traffic::{HUNG, Kind, Record, form_fields};
use crate::verify::verify;

const CONNECTIONS: usize = 256;

fn seconds() -> u64 {
    std::env::var("JOBCLASS_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60)
}

/// A signed-in session that several connections share (sign-in is
/// rate-limited per address, so there are fewer sessions than connections).
#[derive(Clone)]
struct Session {
    jar: Arc<Jar>,
    csrf: String,
}

fn csrf_in(html: &str) -> String {
    Page::parse(html)
        .all("input[name=csrf_token]")
        .first()
        .and_then(|e| e.value().attr("value"))
        .unwrap_or("")
        .to_string()
}

async fn sign_in(app: &TestApp, role: Role, n: usize) -> Session {
    let email = format!("{}-{n}@load.example", role.as_str());
    app.create_user(&email, role, "FOD Last / Dienst 1").await;
    let jar = Arc::new(Jar::default());
    let client = connection(&jar);
    let login = client.get(app.url("/login")).send().await.unwrap();
    let csrf = csrf_in(&login.text().await.unwrap());
    let response = client
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", &email),
            ("password", PASSWORD),
            ("next", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let account = client.get(app.url("/account")).send().await.unwrap();
    let csrf = csrf_in(&account.text().await.unwrap());
    Session { jar, csrf }
}

/// One client: one keep-alive connection, as one browser tab would use.
fn connection(jar: &Arc<Jar>) -> Client {
    Client::builder()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .pool_max_idle_per_host(1)
        .timeout(HUNG)
        .build()
        .unwrap()
}

/// What one connection did.
#[derive(Default)]
struct Stats {
    statuses: BTreeMap<u16, u64>,
    /// Method and path of each 5xx.
    failed: Vec<String>,
    errors: Vec<String>,
    latencies: Vec<Duration>,
    writes: Vec<Record>,
}

impl Stats {
    /// Sends; records the outcome; the answer when there is one.
    async fn send(
        &mut self,
        request: reqwest::RequestBuilder,
        write: Option<(Kind, &str, Option<i64>)>,
    ) -> Option<(StatusCode, Option<String>, String)> {
        let started = Instant::now();
        let (client, request) = request.build_split();
        let request = request.expect("a valid request");
        let what = format!("{} {}", request.method(), request.url().path());
        let result = async {
            let response = client.execute(request).await?;
            let status = response.status();
            let location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let body = response.text().await?;
            Ok::<_, reqwest::Error>((status, location, body))
        }
        .await;
        let elapsed = started.elapsed();
        self.latencies.push(elapsed);
        let (status, error) = match &result {
            Ok((status, _, _)) => (Some(status.as_u16()), None),
            Err(err) => (None, Some(format!("{err:?}"))),
        };
        match (status, &error) {
            (Some(s), _) => {
                *self.statuses.entry(s).or_default() += 1;
                if s >= 500 {
                    self.failed.push(format!("{what}: {s} after {elapsed:?}"));
                }
            }
            (None, Some(e)) => self.errors.push(e.clone()),
            _ => {}
        }
        if let Some((kind, marker, id)) = write {
            let mut id = id;
            if let Ok((_, location, body)) = &result {
                if kind == Kind::ApiCreate {
                    id = serde_json::from_str::<Value>(body)
                        .ok()
                        .and_then(|v| v["id"].as_i64());
                }
                if kind == Kind::FormCreate {
                    id = location
                        .as_deref()
                        .and_then(|l| l.trim_start_matches("/positions/").parse().ok());
                }
            }
            self.writes.push(Record {
                kind,
                marker: marker.to_string(),
                id,
                status,
                error,
                started,
                elapsed,
            });
        }
        result.ok()
    }
}

/// What a connection does, by its number.
#[derive(Clone)]
enum Visitor {
    ApiWriter(Api),
    FormWriter(Session),
    Pages(Session, Vec<String>),
    Anonymous(Vec<String>),
    ApiReader(Api, Vec<String>),
}

async fn connection_loop(base: String, role: Visitor, name: String, until: Instant) -> Stats {
    let mut stats = Stats::default();
    let jar = match &role {
        Visitor::FormWriter(s) | Visitor::Pages(s, _) => s.jar.clone(),
        _ => Arc::new(Jar::default()),
    };
    let client = connection(&jar);
    let mut n = 0usize;
    while Instant::now() < until {
        n += 1;
        match &role {
            Visitor::ApiWriter(api) => {
                let marker = format!("{name}-{n}");
                let request = client
                    .post(format!("{base}/api/v1/positions"))
                    .bearer_auth(&api.token)
                    .json(&position_body(&marker));
                let created = stats
                    .send(request, Some((Kind::ApiCreate, &marker, None)))
                    .await;
                let id = created
                    .filter(|(s, _, _)| *s == StatusCode::CREATED)
                    .and_then(|(_, _, body)| serde_json::from_str::<Value>(&body).ok())
                    .and_then(|v| v["id"].as_i64());
                if let Some(id) = id {
                    let request = client
                        .post(format!("{base}/api/v1/positions/{id}/submit"))
                        .bearer_auth(&api.token);
                    stats
                        .send(request, Some((Kind::ApiSubmit, &marker, Some(id))))
                        .await;
                }
            }
            Visitor::FormWriter(session) => {
                let marker = format!("{name}-{n}");
                let request = client
                    .post(format!("{base}/positions/new"))
                    .form(&[("csrf_token", session.csrf.as_str()), ("profile", SLUG)]);
                let created = stats
                    .send(request, Some((Kind::FormCreate, &marker, None)))
                    .await;
                let id = created
                    .filter(|(s, _, _)| *s == StatusCode::SEE_OTHER)
                    .and_then(|(_, location, _)| location)
                    .and_then(|l| l.trim_start_matches("/positions/").parse::<i64>().ok());
                if let Some(id) = id {
                    // The browser follows the redirect to the form.
                    stats
                        .send(client.get(format!("{base}/positions/{id}")), None)
                        .await;
                    let mut fields = vec![("csrf_token".to_string(), session.csrf.clone())];
                    fields.extend(form_fields(&marker));
                    let request = client.post(format!("{base}/positions/{id}")).form(&fields);
                    stats
                        .send(request, Some((Kind::FormSubmit, &marker, Some(id))))
                        .await;
                    stats
                        .send(client.get(format!("{base}/positions/{id}")), None)
                        .await;
                }
            }
            Visitor::Pages(_, paths) | Visitor::Anonymous(paths) => {
                let path = &paths[n % paths.len()];
                stats.send(client.get(format!("{base}{path}")), None).await;
            }
            Visitor::ApiReader(api, paths) => {
                let path = &paths[n % paths.len()];
                let request = client.get(format!("{base}{path}")).bearer_auth(&api.token);
                stats.send(request, None).await;
            }
        }
    }
    stats
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_fifty_six_connections_get_no_error_and_lose_no_write() {
    let _alone = crate::one_at_a_time().await;
    let folder = DataFolder::new("jcr-");
    let port = portal::free_port();
    let mut portal = portal::binary(&folder.data(), port).await;
    let app = portal::binary_app(&folder.data(), port).await;
    let base = app.url("");

    // Signed-in visitors (sign-in is rate-limited: a dozen sessions).
    let mut api_writers = Vec::new();
    let mut api_owners = Vec::new();
    for _ in 0..4 {
        let manager = app.login_as(Role::Manager).await;
        api_owners.push(manager.user_id);
        api_writers.push(manager.api().await);
    }
    let mut form_sessions = Vec::new();
    for n in 0..4 {
        form_sessions.push(sign_in(&app, Role::Manager, n).await);
    }
    let hr_sessions = [
        sign_in(&app, Role::Hr, 0).await,
        sign_in(&app, Role::Hr, 1).await,
    ];
    let hr_api = app.login_as(Role::Hr).await.api().await;
    // Positions to read: submitted, by the first API writer.
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(submitted_position(&api_writers[0], &format!("Te lezen {i}")).await);
    }
    let css = {
        let page = Page::parse(
            &app.client
                .get(app.url("/"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap(),
        );
        page.one("link[rel=stylesheet]")
            .value()
            .attr("href")
            .unwrap()
            .to_string()
    };
    let hr_pages: Vec<String> = vec![
        "/review".into(),
        format!("/review/{}", ids[0]),
        "/review/dashboard".into(),
        format!("/profiles/{SLUG}/compare?levels=C,B"),
        "/?q=documenten".into(),
        format!("/review?status=submitted&level=C"),
    ];
    let manager_pages: Vec<String> = vec![
        "/positions".into(),
        "/positions/new".into(),
        "/account".into(),
    ];
    let anonymous: Vec<String> = vec![
        "/".into(),
        "/?q=post".into(),
        format!("/profiles/{SLUG}"),
        format!("/profiles/{SLUG}/history"),
        css,
        "/healthz".into(),
        "/api/openapi.json".into(),
    ];
    let api_reads: Vec<String> = vec![
        "/api/v1/positions".into(),
        format!("/api/v1/positions/{}", ids[1]),
        "/api/v1/profiles".into(),
        format!("/api/v1/profiles/{SLUG}"),
        "/api/v1/me".into(),
        "/api/v1/positions?status=submitted&level=C".into(),
    ];

    let length = Duration::from_secs(seconds());
    let started = Instant::now();
    let until = started + length;
    let mut tasks = Vec::new();
    for i in 0..CONNECTIONS {
        let role = match i % 8 {
            0 => Visitor::ApiWriter(api_writers[i / 8 % api_writers.len()].clone()),
            1 => Visitor::FormWriter(form_sessions[i / 8 % form_sessions.len()].clone()),
            2 | 3 => Visitor::Pages(hr_sessions[i % 2].clone(), hr_pages.clone()),
            4 => Visitor::Pages(
                form_sessions[i / 8 % form_sessions.len()].clone(),
                manager_pages.clone(),
            ),
            5 => Visitor::Anonymous(anonymous.clone()),
            _ => Visitor::ApiReader(hr_api.clone(), api_reads.clone()),
        };
        tasks.push(tokio::spawn(connection_loop(
            base.clone(),
            role,
            format!("c{i}"),
            until,
        )));
    }
    let mut all = Stats::default();
    for task in tasks {
        let stats = task.await.unwrap();
        for (status, count) in stats.statuses {
            *all.statuses.entry(status).or_default() += count;
        }
        all.errors.extend(stats.errors);
        all.failed.extend(stats.failed);
        all.latencies.extend(stats.latencies);
        all.writes.extend(stats.writes);
    }
    let took = started.elapsed();
    all.latencies.sort();
    let requests = all.latencies.len();
    let server_errors: u64 = all
        .statuses
        .iter()
        .filter(|(s, _)| **s >= 500)
        .map(|(_, c)| c)
        .sum();
    let summary = format!(
        "load: {CONNECTIONS} connections for {took:.1?}: {requests} requests ({:.0}/s); statuses {:?}; \
         transport errors {}; latency p50 {:?}, p99 {:?}, max {:?}",
        requests as f64 / took.as_secs_f64(),
        all.statuses,
        all.errors.len(),
        percentile(&all.latencies, 0.5),
        percentile(&all.latencies, 0.99),
        all.latencies.last().copied().unwrap_or_default(),
    );
    println!("{summary}");
    assert!(
        all.errors.is_empty(),
        "dropped connections: {:?}\n{summary}",
        &all.errors[..all.errors.len().min(5)]
    );
    assert_eq!(
        server_errors,
        0,
        "{summary}\nfirst ones: {:?}",
        &all.failed[..all.failed.len().min(10)]
    );
    assert!(requests > CONNECTIONS * 2, "{summary}");

    let tally = verify(&app.pool, &all.writes, &api_owners).await;
    println!("load writes: {tally}");
    assert!(tally.acknowledged > 0);
    assert_eq!(tally.failed_writes, 0, "{tally}");

    let status = portal.stop();
    assert!(status.success(), "{status}");
}
