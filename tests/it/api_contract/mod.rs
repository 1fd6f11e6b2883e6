//! The JSON API against its own OpenAPI document (`/api/openapi.json`):
//! requests made from the document (its paths, parameters and body
//! schemas, with values right and wrong) by each role with a bearer token,
//! and every answer checked: never a 5xx, always a documented status, and
//! a body of the documented shape (a small JSON-schema checker, `schema`).
//!
//! A fixed walk through every operation comes first, so each is seen
//! succeeding (`walk`); then a property test sends generated requests
//! (`generate`), checked by `schema`.

mod generate;
mod schema;
mod walk;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use jobclass::auth::model::Role;
use proptest::prelude::*;
use reqwest::{Method, StatusCode};
use serde_json::Value;

use crate::support::api::Api;
use crate::support::{TestApp, run_property};

use generate::calls;
use schema::Doc;
use walk::walk;

/// A parameter of an operation.
#[derive(Clone, Debug)]
struct Param {
    name: String,
    in_path: bool,
    schema: Value,
}

/// An operation of the document.
#[derive(Clone, Debug)]
struct Operation {
    method: Method,
    path: String,
    params: Vec<Param>,
    body: Option<Value>,
    /// The body is `text/csv` (given as a JSON string, sent as it is).
    csv: bool,
    /// Status → the schema of its JSON body (None: no body).
    responses: BTreeMap<u16, Option<Value>>,
}

impl Operation {
    fn name(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

fn operations(doc: &Doc) -> Vec<Operation> {
    let mut all = Vec::new();
    for (path, item) in doc.root["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = Method::from_bytes(method.to_uppercase().as_bytes()) else {
                continue;
            };
            let params = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| Param {
                    name: p["name"].as_str().unwrap().to_string(),
                    in_path: p["in"] == "path",
                    schema: p["schema"].clone(),
                })
                .collect();
            let body = op["requestBody"]["content"]["application/json"]["schema"].clone();
            let responses = op["responses"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(status, response)| {
                    let schema = response["content"]["application/json"]["schema"].clone();
                    (
                        status.parse().unwrap(),
                        (!schema.is_null()).then_some(schema),
                    )
                })
                .collect();
            let csv = !op["requestBody"]["content"]["text/csv"].is_null();
            all.push(Operation {
                method,
                path: path.clone(),
                params,
                body: (!body.is_null()).then_some(body),
                csv,
                responses,
            });
        }
    }
    all
}

/// The app, an API caller with a bearer token per role, and what the
/// answers were.
struct World {
    app: TestApp,
    doc: Doc,
    /// Index 0: no caller, requests without a token.
    callers: Vec<Option<Api>>,
    seen: Mutex<BTreeMap<String, BTreeSet<u16>>>,
}

const ROLES: [&str; 4] = ["anonymous", "manager", "hr", "admin"];

impl World {
    /// Sends a request and checks the answer against the document.
    async fn call(
        &self,
        op: &Operation,
        role: usize,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Value), String> {
        let mut request = match &self.callers[role] {
            Some(api) => api.request(op.method.clone(), path),
            None => self
                .app
                .client
                .request(op.method.clone(), self.app.url(path)),
        };
        if let Some(body) = body {
            request = match (op.csv, body.as_str()) {
                (true, Some(text)) => request
                    .header("content-type", "text/csv")
                    .body(text.to_string()),
                _ => request.json(body),
            };
        }
        let response = request.send().await.map_err(|e| e.to_string())?;
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        let what = format!("{} {path} as {}", op.method, ROLES[role]);
        self.seen
            .lock()
            .unwrap()
            .entry(op.name())
            .or_default()
            .insert(status);
        if status >= 500 {
            return Err(format!("{what}: {status} {text}"));
        }
        let Some(documented) = op.responses.get(&status) else {
            return Err(format!(
                "{what}: {status} is not documented (documented: {:?}); body {text}",
                op.responses.keys().collect::<Vec<_>>()
            ));
        };
        let value = match documented {
            None => {
                if !text.is_empty() {
                    return Err(format!(
                        "{what}: {status} has a body, none documented: {text}"
                    ));
                }
                Value::Null
            }
            Some(schema) => {
                let value: Value = serde_json::from_str(&text)
                    .map_err(|_| format!("{what}: {status} is not JSON: {text}"))?;
                let mut problems = Vec::new();
                self.doc.check(schema, &value, "$", &mut problems);
                if !problems.is_empty() {
                    return Err(format!(
                        "{what}: {status} does not match its schema: {problems:?}"
                    ));
                }
                value
            }
        };
        Ok((status, value))
    }

    fn operation(&self, method: &str, path: &str) -> Operation {
        operations(&self.doc)
            .into_iter()
            .find(|op| op.method.as_str() == method && op.path == path)
            .unwrap_or_else(|| panic!("{method} {path} is not in the document"))
    }

    /// One step of the fixed walk: must answer `expected`.
    async fn step(
        &self,
        method: &str,
        pattern: &str,
        path: &str,
        role: usize,
        body: Option<&Value>,
        expected: u16,
    ) -> Value {
        let op = self.operation(method, pattern);
        let (status, value) = self
            .call(&op, role, path, body)
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            status, expected,
            "{method} {path} as {}: {value}",
            ROLES[role]
        );
        value
    }
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let mut callers = vec![None];
    for role in [Role::Manager, Role::Hr, Role::Admin] {
        callers.push(Some(app.login_as(role).await.api().await));
    }
    let (status, root) = app.json("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    World {
        app,
        doc: Doc { root },
        callers,
        seen: Mutex::default(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_answers_as_its_openapi_document_says_for_every_role() {
    let w = world().await;
    let ops = operations(&w.doc);
    assert!(ops.len() >= 20, "{} operations", ops.len());
    // Every operation documents the errors any of them may give.
    for op in &ops {
        assert!(op.responses.contains_key(&503), "{} lacks 503", op.name());
    }

    let ids = walk(&w).await;
    {
        let seen = w.seen.lock().unwrap();
        for op in &ops {
            let statuses = seen
                .get(&op.name())
                .unwrap_or_else(|| panic!("{} never called", op.name()));
            assert!(
                statuses.iter().any(|s| (200..300).contains(s)),
                "{} never succeeded: {statuses:?}",
                op.name()
            );
        }
    }

    let doc = Arc::new(Doc {
        root: w.doc.root.clone(),
    });
    let ops = Arc::new(ops);
    let handle = tokio::runtime::Handle::current();
    let cases = 400;
    run_property(cases, calls(doc, ops.clone(), ids), |call| {
        handle.block_on(async {
            let op = &ops[call.op];
            let result = w.call(op, call.role, &call.path, call.body.as_ref()).await;
            prop_assert!(result.is_ok(), "{}", result.unwrap_err());
            Ok(())
        })
    });
    let seen = w.seen.lock().unwrap();
    let requests: usize = seen.values().map(BTreeSet::len).sum();
    println!(
        "api contract: {} operations, {cases} generated requests after the walk; statuses seen per operation: {seen:?} ({requests} distinct)",
        ops.len()
    );
}
