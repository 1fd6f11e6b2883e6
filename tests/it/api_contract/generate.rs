//! Generated requests: values, bodies shaped by the document's schemas
//! (mostly), and calls of any operation by any role.

use std::collections::BTreeSet;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

use super::{Doc, Operation, ROLES};
use crate::support::api::{SLUG, seed_names};
use crate::support::urlencoded;

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
pub(super) struct Call {
    pub(super) op: usize,
    pub(super) role: usize,
    pub(super) path: String,
    pub(super) body: Option<Value>,
}

pub(super) fn calls(
    doc: Arc<Doc>,
    ops: Arc<Vec<Operation>>,
    ids: Vec<i64>,
) -> impl Strategy<Value = Call> {
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
                        .prop_map(|s| urlencoded(&s))
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
