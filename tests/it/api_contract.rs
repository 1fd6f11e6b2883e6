//! The JSON API against its own OpenAPI document (`/api/openapi.json`):
//! requests made from the document (its paths, parameters and body
//! schemas, with values right and wrong) by each role with a bearer token,
//! and every answer checked: never a 5xx, always a documented status, and
//! a body of the documented shape (a small JSON-schema checker below).
//!
//! A fixed walk through every operation comes first, so each is seen
//! succeeding; then a property test sends generated requests.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use jobclass::auth::model::Role;
use proptest::prelude::*;
use proptest::sample::select;
use reqwest::{Method, StatusCode};
use serde_json::{Map, Value, json};

use crate::hostile::run_property;
use crate::support::TestApp;
use crate::support::api::{SLUG, position_body, seed_names};

/// The OpenAPI document, with `$ref` resolution and the schema checker.
struct Doc {
    root: Value,
}

impl Doc {
    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(reference) => {
                let name = reference
                    .strip_prefix("#/components/schemas/")
                    .unwrap_or_else(|| panic!("unsupported $ref {reference}"));
                let target = &self.root["components"]["schemas"][name];
                assert!(!target.is_null(), "unknown schema {name}");
                self.resolve(target)
            }
            None => schema,
        }
    }

    /// Problems of `value` against `schema`, with JSON paths.
    fn check(&self, schema: &Value, value: &Value, at: &str, problems: &mut Vec<String>) {
        let schema = self.resolve(schema);
        if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
            for part in all {
                self.check(part, value, at, problems);
            }
        }
        for (keyword, exactly_one) in [("oneOf", true), ("anyOf", false)] {
            if let Some(options) = schema.get(keyword).and_then(Value::as_array) {
                let matching = options
                    .iter()
                    .filter(|option| {
                        let mut found = Vec::new();
                        self.check(option, value, at, &mut found);
                        found.is_empty()
                    })
                    .count();
                if matching == 0 || (exactly_one && matching > 1) {
                    problems.push(format!(
                        "{at}: {matching} of the {keyword} alternatives match {value}"
                    ));
                }
            }
        }
        if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
            && !allowed.contains(value)
        {
            problems.push(format!("{at}: {value} is not one of {allowed:?}"));
        }
        if let Some(types) = schema.get("type") {
            let types: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            let actual = match value {
                Value::Null => "null",
                Value::Bool(_) => "boolean",
                Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
                Value::Number(_) => "number",
                Value::String(_) => "string",
                Value::Array(_) => "array",
                Value::Object(_) => "object",
            };
            let fits =
                types.contains(&actual) || (actual == "integer" && types.contains(&"number"));
            if !fits {
                problems.push(format!("{at}: {actual} where {types:?} is documented"));
                return;
            }
        }
        let format = schema.get("format").and_then(Value::as_str);
        let wrong = match (format, value) {
            (Some("date-time"), Value::String(s)) => {
                time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339)
                    .is_err()
            }
            (Some("int32"), Value::Number(n)) => {
                n.as_i64().and_then(|n| i32::try_from(n).ok()).is_none()
            }
            (Some("int64"), Value::Number(n)) => n.as_i64().is_none(),
            _ => false,
        };
        if wrong {
            problems.push(format!("{at}: {value} is not of the format {format:?}"));
        }
        if let (Some(min), Some(n)) = (
            schema.get("minimum").and_then(Value::as_f64),
            value.as_f64(),
        ) && n < min
        {
            problems.push(format!("{at}: {n} is below the minimum {min}"));
        }
        if let Value::Object(map) = value {
            for key in schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                if !map.contains_key(key) {
                    problems.push(format!("{at}: the required {key:?} is missing"));
                }
            }
            let properties = schema.get("properties").and_then(Value::as_object);
            for (key, item) in map {
                let here = format!("{at}.{key}");
                match (
                    properties.and_then(|p| p.get(key)),
                    schema.get("additionalProperties"),
                ) {
                    (Some(property), _) => self.check(property, item, &here, problems),
                    (None, Some(Value::Bool(false))) => {
                        problems.push(format!("{here}: not documented"));
                    }
                    (None, Some(extra @ Value::Object(_))) => {
                        self.check(extra, item, &here, problems);
                    }
                    (None, _) => {}
                }
            }
        }
        if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
            for (i, item) in items.iter().enumerate() {
                self.check(item_schema, item, &format!("{at}[{i}]"), problems);
            }
        }
    }
}

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
            all.push(Operation {
                method,
                path: path.clone(),
                params,
                body: (!body.is_null()).then_some(body),
                responses,
            });
        }
    }
    all
}

/// The app, a bearer token per role, and what the answers were.
struct World {
    app: TestApp,
    doc: Doc,
    /// Index 0: no token.
    tokens: Vec<Option<String>>,
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
        let mut request = self
            .app
            .client
            .request(op.method.clone(), self.app.url(path));
        if let Some(token) = &self.tokens[role] {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
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
    let mut tokens = vec![None];
    for role in [Role::Manager, Role::Hr, Role::Admin] {
        let actor = app.login_as(role).await;
        tokens.push(Some(actor.api_token().await));
    }
    let (status, root) = app.json("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    World {
        app,
        doc: Doc { root },
        tokens,
        seen: Mutex::default(),
    }
}

/// Every operation, once with what it needs to succeed, in an order that
/// makes that possible.
async fn walk(w: &World) -> Vec<i64> {
    let (manager, hr, admin) = (1, 2, 3);
    w.step("GET", "/api/v1/me", "/api/v1/me", manager, None, 200)
        .await;
    w.step("GET", "/api/v1/profiles", "/api/v1/profiles", 0, None, 200)
        .await;
    w.step(
        "GET",
        "/api/v1/profiles/{slug}",
        &format!("/api/v1/profiles/{SLUG}"),
        0,
        None,
        200,
    )
    .await;
    w.step(
        "GET",
        "/api/v1/profiles/{slug}/versions",
        &format!("/api/v1/profiles/{SLUG}/versions"),
        0,
        None,
        200,
    )
    .await;
    w.step(
        "GET",
        "/api/v1/profiles/{slug}/versions/{n}",
        &format!("/api/v1/profiles/{SLUG}/versions/1"),
        0,
        None,
        200,
    )
    .await;

    let created = w
        .step(
            "POST",
            "/api/v1/positions",
            "/api/v1/positions",
            manager,
            Some(&position_body("Contract")),
            201,
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    let one = "/api/v1/positions/{id}";
    let here = format!("/api/v1/positions/{id}");
    w.step(
        "GET",
        "/api/v1/positions",
        "/api/v1/positions?status=draft",
        manager,
        None,
        200,
    )
    .await;
    w.step("GET", one, &here, manager, None, 200).await;
    let mut update = position_body("Contract bijgewerkt");
    update["revision"] = created["revision"].clone();
    update.as_object_mut().unwrap().remove("profile");
    w.step("PUT", one, &here, manager, Some(&update), 200).await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/submit",
        &format!("{here}/submit"),
        manager,
        None,
        200,
    )
    .await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/claim",
        &format!("{here}/claim"),
        hr,
        None,
        200,
    )
    .await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/comments",
        &format!("{here}/comments"),
        hr,
        Some(&json!({"body": "Een vraag"})),
        201,
    )
    .await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/return",
        &format!("{here}/return"),
        hr,
        Some(&json!({"message": "Graag meer uitleg"})),
        200,
    )
    .await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/submit",
        &format!("{here}/submit"),
        manager,
        Some(&json!({})),
        200,
    )
    .await;
    w.step(
        "POST",
        "/api/v1/positions/{id}/claim",
        &format!("{here}/claim"),
        hr,
        None,
        200,
    )
    .await;
    let (_, criteria) = seed_names();
    let decision = json!({
        "level": "C",
        "rationale": "Lang genoeg gemotiveerd voor een beslissing.",
        "hr_placements": [{"criterion": criteria[0], "level": "C", "note": "Zelfde"}],
    });
    w.step(
        "POST",
        "/api/v1/positions/{id}/decision",
        &format!("{here}/decision"),
        hr,
        Some(&decision),
        200,
    )
    .await;
    let other = w
        .step(
            "POST",
            "/api/v1/positions",
            "/api/v1/positions",
            manager,
            Some(&position_body("Ingetrokken")),
            201,
        )
        .await["id"]
        .as_i64()
        .unwrap();
    w.step(
        "POST",
        "/api/v1/positions/{id}/withdraw",
        &format!("/api/v1/positions/{other}/withdraw"),
        manager,
        None,
        200,
    )
    .await;
    let kept = w
        .step(
            "POST",
            "/api/v1/positions",
            "/api/v1/positions",
            manager,
            Some(&position_body("Blijft")),
            201,
        )
        .await["id"]
        .as_i64()
        .unwrap();

    // The draft of a profile: none, made, read, published, compared, made
    // again and discarded.
    let draft = "/api/v1/profiles/{slug}/draft";
    let draft_path = format!("/api/v1/profiles/{SLUG}/draft");
    w.step("GET", draft, &draft_path, admin, None, 404).await;
    let mut doc = w
        .step(
            "GET",
            "/api/v1/profiles/{slug}",
            &format!("/api/v1/profiles/{SLUG}"),
            0,
            None,
            200,
        )
        .await;
    for key in ["version", "status", "published_at"] {
        doc.as_object_mut().unwrap().remove(key);
    }
    doc["purpose"] = json!("Een nieuw doel.");
    w.step("PUT", draft, &draft_path, admin, Some(&doc), 200)
        .await;
    let read = w.step("GET", draft, &draft_path, admin, None, 200).await;
    w.step(
        "POST",
        "/api/v1/profiles/{slug}/draft/publish",
        &format!("{draft_path}/publish"),
        admin,
        Some(&json!({"change_note": "Doel", "revision": read["revision"]})),
        200,
    )
    .await;
    w.step(
        "GET",
        "/api/v1/profiles/{slug}/diff",
        &format!("/api/v1/profiles/{SLUG}/diff?from=1&to=2"),
        0,
        None,
        200,
    )
    .await;
    w.step("PUT", draft, &draft_path, admin, Some(&doc), 200)
        .await;
    w.step("DELETE", draft, &draft_path, admin, None, 204).await;
    vec![id, other, kept]
}

/// Values a string may take: the domain's own names (so that generated
/// bodies are sometimes right), and junk.
fn strings() -> BoxedStrategy<String> {
    let (areas, criteria) = seed_names();
    let mut known: Vec<String> = vec![
        SLUG.into(),
        "D".into(),
        "C".into(),
        "B".into(),
        "nl".into(),
        "submitted".into(),
        "draft,submitted".into(),
        "2026-01-01".into(),
        "2026-11-29T10:00:00Z".into(),
        "Een tekst die lang genoeg is voor een motivering.".into(),
    ];
    known.extend(areas);
    known.extend(criteria);
    prop_oneof![
        4 => select(known),
        2 => "\\PC{0,24}",
        1 => Just("x".repeat(6000)),
        1 => Just(String::new()),
    ]
    .boxed()
}

fn integers() -> BoxedStrategy<i64> {
    prop_oneof![
        4 => 0i64..20,
        1 => Just(100),
        1 => Just(-1),
        1 => Just(i64::from(i32::MAX) + 1),
        1 => any::<i64>(),
    ]
    .boxed()
}

/// JSON shaped by `schema`, mostly; sometimes anything at all.
fn body_for(doc: &Arc<Doc>, schema: &Value, depth: u32) -> BoxedStrategy<Value> {
    let shaped = shaped_by(doc, schema, depth);
    prop_oneof![9 => shaped, 1 => any_json()].boxed()
}

fn any_json() -> BoxedStrategy<Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        integers().prop_map(Value::from),
        strings().prop_map(Value::String),
        Just(json!([])),
        Just(json!({})),
    ]
    .boxed()
}

fn shaped_by(doc: &Arc<Doc>, schema: &Value, depth: u32) -> BoxedStrategy<Value> {
    let schema = doc.resolve(schema).clone();
    if depth > 6 {
        return Just(Value::Null).boxed();
    }
    if let Some(parts) = schema.get("allOf").and_then(Value::as_array) {
        let parts: Vec<BoxedStrategy<Value>> =
            parts.iter().map(|p| shaped_by(doc, p, depth + 1)).collect();
        return parts
            .prop_map(|values| {
                let mut merged = Map::new();
                for value in values {
                    if let Value::Object(map) = value {
                        merged.extend(map);
                    }
                }
                Value::Object(merged)
            })
            .boxed();
    }
    for keyword in ["oneOf", "anyOf"] {
        if let Some(options) = schema.get(keyword).and_then(Value::as_array) {
            let options: Vec<BoxedStrategy<Value>> = options
                .iter()
                .map(|o| shaped_by(doc, o, depth + 1))
                .collect();
            return proptest::strategy::Union::new(options).boxed();
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        return select(allowed.clone()).boxed();
    }
    let types: Vec<String> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(|t| t.as_str().map(String::from))
            .collect(),
        _ => vec!["object".into()],
    };
    let options: Vec<BoxedStrategy<Value>> = types
        .iter()
        .map(|t| match t.as_str() {
            "null" => Just(Value::Null).boxed(),
            "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
            "integer" | "number" => integers().prop_map(Value::from).boxed(),
            "string" => strings().prop_map(Value::String).boxed(),
            "array" => {
                let item = schema.get("items").cloned().unwrap_or(json!({}));
                prop::collection::vec(shaped_by(doc, &item, depth + 1), 0..4)
                    .prop_map(Value::Array)
                    .boxed()
            }
            _ => object_by(doc, &schema, depth),
        })
        .collect();
    proptest::strategy::Union::new(options).boxed()
}

fn object_by(doc: &Arc<Doc>, schema: &Value, depth: u32) -> BoxedStrategy<Value> {
    let required: BTreeSet<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|r| r.as_str().map(String::from))
        .collect();
    let mut fields: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
    for (key, property) in schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let key = key.clone();
        let value = shaped_by(doc, property, depth + 1);
        let always = required.contains(&key);
        fields.push(
            (value, 0u8..10)
                .prop_map(move |(v, dice)| (always || dice < 7).then(|| (key.clone(), v)))
                .boxed(),
        );
    }
    if let Some(extra @ Value::Object(_)) = schema.get("additionalProperties") {
        let value = shaped_by(doc, extra, depth + 1);
        fields.push(
            (select(vec!["D", "C", "B", "Z"]), value)
                .prop_map(|(k, v)| Some((k.to_string(), v)))
                .boxed(),
        );
    }
    fields
        .prop_map(|pairs| Value::Object(pairs.into_iter().flatten().collect()))
        .boxed()
}

/// A generated request: operation, role, its URL and body.
#[derive(Debug, Clone)]
struct Call {
    op: usize,
    role: usize,
    path: String,
    body: Option<Value>,
}

fn calls(doc: Arc<Doc>, ops: Arc<Vec<Operation>>, ids: Vec<i64>) -> impl Strategy<Value = Call> {
    (0..ops.len(), 0..ROLES.len()).prop_flat_map(move |(i, role)| {
        let op = &ops[i];
        let params: Vec<BoxedStrategy<Option<(String, bool, String)>>> = op
            .params
            .iter()
            .map(|p| {
                let name = p.name.clone();
                let in_path = p.in_path;
                let value: BoxedStrategy<String> = match p.schema["type"].as_str() {
                    Some("integer") => prop_oneof![
                        3 => select(ids.iter().map(std::string::ToString::to_string).chain(["1".into(), "2".into()]).collect::<Vec<_>>()),
                        1 => integers().prop_map(|n| n.to_string()),
                        // (Not "." or "..": the client would resolve them.)
                        1 => "[a-z][a-z%.]{0,5}",
                    ]
                    .boxed(),
                    _ if name == "slug" => prop_oneof![
                        3 => Just(SLUG.to_string()),
                        1 => "[a-z0-9-]{1,20}",
                        1 => Just("%00".to_string()),
                    ]
                    .boxed(),
                    _ => strings()
                        .prop_map(|s| form_urlencoded::byte_serialize(s.as_bytes()).collect())
                        .boxed(),
                };
                (value, any::<bool>())
                    .prop_map(move |(v, give)| (in_path || give).then(|| (name.clone(), in_path, v)))
                    .boxed()
            })
            .collect();
        let body: BoxedStrategy<Option<Value>> = match &op.body {
            Some(schema) => prop_oneof![9 => body_for(&doc, schema, 0).prop_map(Some), 1 => Just(None)].boxed(),
            None => Just(None).boxed(),
        };
        let template = op.path.clone();
        (params, body).prop_map(move |(params, body)| {
            let mut path = template.clone();
            let mut query = Vec::new();
            for (name, in_path, value) in params.into_iter().flatten() {
                if in_path {
                    path = path.replace(&format!("{{{name}}}"), &value);
                } else {
                    query.push(format!("{name}={value}"));
                }
            }
            if !query.is_empty() {
                path = format!("{path}?{}", query.join("&"));
            }
            Call { op: i, role, path, body }
        })
    })
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

#[test]
fn the_schema_checker_refuses_what_does_not_match() {
    let doc = Doc {
        root: json!({"components": {"schemas": {
            "Thing": {"type": "object", "required": ["id", "when"], "additionalProperties": false,
                      "properties": {"id": {"type": "integer", "format": "int32"},
                                     "when": {"type": "string", "format": "date-time"},
                                     "kind": {"type": "string", "enum": ["a", "b"]},
                                     "note": {"type": ["string", "null"]},
                                     "tags": {"type": "array", "items": {"type": "string"}},
                                     "child": {"oneOf": [{"$ref": "#/components/schemas/Thing"}, {"type": "null"}]}}}
        }}}),
    };
    let schema = json!({"$ref": "#/components/schemas/Thing"});
    let problems = |value: Value| {
        let mut found = Vec::new();
        doc.check(&schema, &value, "$", &mut found);
        found
    };
    assert!(problems(json!({"id": 1, "when": "2026-11-29T10:00:00Z", "note": null, "tags": ["x"], "child": null})).is_empty());
    for bad in [
        json!({"when": "2026-11-29T10:00:00Z"}),
        json!({"id": "1", "when": "2026-11-29T10:00:00Z"}),
        json!({"id": 5_000_000_000i64, "when": "2026-11-29T10:00:00Z"}),
        json!({"id": 1, "when": "yesterday"}),
        json!({"id": 1, "when": "2026-11-29T10:00:00Z", "kind": "c"}),
        json!({"id": 1, "when": "2026-11-29T10:00:00Z", "extra": true}),
        json!({"id": 1, "when": "2026-11-29T10:00:00Z", "tags": [1]}),
        json!({"id": 1, "when": "2026-11-29T10:00:00Z", "child": {"id": 2}}),
        json!([]),
    ] {
        assert!(!problems(bad.clone()).is_empty(), "accepted {bad}");
    }
}
