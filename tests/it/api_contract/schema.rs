//! The OpenAPI document with `$ref` resolution, and a small JSON-schema
//! checker of the answers against it.

use serde_json::{Value, json};

/// The OpenAPI document, with `$ref` resolution and the schema checker.
pub(super) struct Doc {
    pub(super) root: Value,
}

impl Doc {
    pub(super) fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
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
    pub(super) fn check(
        &self,
        schema: &Value,
        value: &Value,
        at: &str,
        problems: &mut Vec<String>,
    ) {
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
