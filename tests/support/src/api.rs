//! The JSON API as a caller with a bearer token sees it, and positions
//! built through it (for tests that need many of them, or every field).

use reqwest::{Method, RequestBuilder, StatusCode};
use serde_json::{Value, json};

use super::TestApp;
use super::actors::Actor;

/// Slug of the seed profile.
pub const SLUG: &str = "administratieve-ondersteuning";

/// The rationale `decided_position` decides with.
pub const RATIONALE: &str = "Na herbekijken van de taken en de bewijsstukken in het dossier.";

/// A caller of `/api/v1` with a bearer token.
#[derive(Clone)]
pub struct Api {
    pub client: reqwest::Client,
    pub base: String,
    pub token: String,
}

impl Actor {
    /// This user's API, with a new token made on the account page.
    pub async fn api(&self) -> Api {
        Api::new(&self.base, &self.api_token().await)
    }
}

impl TestApp {
    /// A caller of this app's API with `token`, one the test has from
    /// elsewhere (the command line, an account page) or a wrong one.
    pub fn api(&self, token: &str) -> Api {
        Api::new(&self.url(""), token)
    }
}

impl Api {
    /// A caller of the API at `base` with `token`, with its own client.
    pub fn new(base: &str, token: &str) -> Self {
        Api {
            client: super::client(),
            base: base.to_string(),
            token: token.to_string(),
        }
    }

    /// A request with the bearer token and nothing else yet: for the
    /// shapes `send` does not make (headers, raw bodies, no body at all).
    /// Send it with [`Api::answer`].
    pub fn request(&self, method: Method, path: &str) -> RequestBuilder {
        self.client
            .request(method, format!("{}{}", self.base, path))
            .bearer_auth(&self.token)
    }

    /// Sends a request made with [`Api::request`]; the status and the
    /// body (`Value::Null` when not JSON).
    pub async fn answer(request: RequestBuilder) -> (StatusCode, Value) {
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// Sends a request with `body` as JSON; the status and the body
    /// (`Value::Null` when not JSON).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let mut request = self.request(method, path);
        if let Some(body) = body {
            request = request.json(body);
        }
        Self::answer(request).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.send(Method::PUT, path, Some(body)).await
    }

    /// POSTs `body` as JSON (`None`: no body, as the actions without
    /// input take it).
    pub async fn post(&self, path: &str, body: Option<&Value>) -> (StatusCode, Value) {
        self.send(Method::POST, path, body).await
    }

    /// Sends `body` as JSON with an `Accept-Language` header.
    pub async fn send_in(
        &self,
        language: &str,
        method: Method,
        path: &str,
        body: &Value,
    ) -> (StatusCode, Value) {
        let request = self
            .request(method, path)
            .header("accept-language", language)
            .json(body);
        Self::answer(request).await
    }

    /// Sends and insists on `expected`; returns the body.
    pub async fn expect(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        expected: StatusCode,
    ) -> Value {
        let (status, value) = self.send(method.clone(), path, body).await;
        assert_eq!(status, expected, "{method} {path}: {value}");
        value
    }
}

/// The seed profile's result areas and criteria, by name.
pub fn seed_names() -> (Vec<String>, Vec<String>) {
    let doc = jobclass::profiles::document::parse(jobclass::profiles::document::SEED).unwrap();
    (
        doc.result_areas.into_iter().map(|a| a.title).collect(),
        doc.criteria.into_iter().map(|c| c.name).collect(),
    )
}

/// A complete position on the seed profile with `text` in every free-text
/// field (title, unit, purpose, two tasks, every evidence). Evidence is
/// padded to the 20 characters a submission needs.
pub fn position_body(text: &str) -> Value {
    let (areas, criteria) = seed_names();
    let evidence = format!("{text} — evidence long enough");
    let placements: Vec<Value> = criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let level = ["D", "C", "B"][i % 3];
            json!({"criterion": c, "level": level, "evidence": evidence})
        })
        .collect();
    json!({
        "profile": SLUG,
        "title": text,
        "unit": text,
        "purpose": text,
        "tasks": [text, format!("{text} (2)")],
        "result_areas": [{"title": areas[0], "share": 60}, {"title": areas[2], "share": 40}],
        "placements": placements,
    })
}

/// Creates and submits a position through the API; returns its id.
pub async fn submitted_position(manager: &Api, text: &str) -> i64 {
    let created = manager
        .expect(
            Method::POST,
            "/api/v1/positions",
            Some(&position_body(text)),
            StatusCode::CREATED,
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    manager
        .expect(
            Method::POST,
            &format!("/api/v1/positions/{id}/submit"),
            None,
            StatusCode::OK,
        )
        .await;
    id
}

/// A position `manager` submitted and `hr` claimed and decided at `level`
/// with `RATIONALE`; its id.
pub async fn decided_position(manager: &Api, hr: &Api, title: &str, level: &str) -> i64 {
    let id = submitted_position(manager, title).await;
    hr.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/claim"),
        None,
        StatusCode::OK,
    )
    .await;
    hr.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/decision"),
        Some(&json!({"level": level, "rationale": RATIONALE})),
        StatusCode::OK,
    )
    .await;
    id
}
