//! The JSON API as a caller with a bearer token sees it, and positions
//! built through it (for tests that need many of them, or every field).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::actors::Actor;

/// Slug of the seed profile.
pub const SLUG: &str = "administratieve-ondersteuning";

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
        Api {
            client: super::client(),
            base: self.base.clone(),
            token: self.api_token().await,
        }
    }
}

impl Api {
    /// Sends a request; the status and the body (`Value::Null` when not JSON).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> (StatusCode, Value) {
        let mut request = self
            .client
            .request(method, format!("{}{}", self.base, path))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let text = response.text().await.unwrap();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::GET, path, None).await
    }

    pub async fn put(&self, path: &str, body: &Value) -> (StatusCode, Value) {
        self.send(Method::PUT, path, Some(body)).await
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
