//! Reading JSON request bodies of the API.
//!
//! `JsonBody<T>` replaces axum's `Json` extractor: a body that cannot be
//! read as `T` (malformed JSON, a wrong type, an unknown or missing
//! property, a bad date) answers 422 `validation` with `fields` naming the
//! JSON path and what was expected there, in the request's language —
//! never only "some data is not correct". `whole` and `whole_opt` read an
//! integer written as `1.0`, as JSON Schema counts it an integer.

use axum::body::Bytes;
use axum::extract::{FromRequest, OptionalFromRequest, Request};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use serde::de::{self, DeserializeOwned, Deserializer, Unexpected, Visitor};

use crate::error::{AppError, Msg};

/// A JSON request body read as `T`, or a 422 that says what is wrong where.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let raw = RawJson::from_request(request, state).await?;
        raw.read().map(JsonBody)
    }
}

/// An optional body: none when the request says nothing of its content
/// (no `Content-Type`); otherwise read as `JsonBody`.
impl<T: DeserializeOwned, S: Send + Sync> OptionalFromRequest<S> for JsonBody<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        if !request.headers().contains_key(CONTENT_TYPE) {
            return Ok(None);
        }
        <Self as FromRequest<S>>::from_request(request, state)
            .await
            .map(Some)
    }
}

/// A JSON request body not read yet: for a handler that checks the
/// caller's role before it says anything about the body.
#[derive(Debug, Clone)]
pub struct RawJson(Bytes);

impl RawJson {
    /// The body as it came.
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }

    /// Reads the body as `T` (a 422 naming each problem's path).
    pub fn read<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        read(&self.0)
    }

    /// `read`, for endpoints that name fields from the root (`$.x`).
    pub fn read_rooted<T: DeserializeOwned>(&self) -> Result<T, AppError> {
        read(&self.0).map_err(|err| match err {
            AppError::Validation { message, fields } => AppError::Validation {
                message,
                fields: fields
                    .into_iter()
                    .map(|(path, msg)| match path.as_str() {
                        "$" => (path, msg),
                        _ => (format!("$.{path}"), msg),
                    })
                    .collect(),
            },
            other => other,
        })
    }
}

impl<S: Send + Sync> FromRequest<S> for RawJson {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(&request) {
            return Err(AppError::Refused {
                status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
                code: "unsupported_media_type",
                message: Msg::new("error-unsupported-media-type"),
            });
        }
        // The body was read whole already (`web::body`); a failure here
        // is the client's broken encoding.
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| AppError::BadRequest(Msg::new("error-bad-request")))?;
        Ok(RawJson(bytes))
    }
}

/// Whether the request says its body is JSON (`application/json` or a
/// `+json` type), as axum's own extractor asks.
fn is_json(request: &Request) -> bool {
    let Some(value) = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Reads `bytes` as `T`; every failure is a 422 naming its JSON path.
pub fn read<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let deserializer = &mut serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut *deserializer).map_err(|err| {
        let path = err.path().to_string();
        invalid(vec![problem(&path, err.inner())])
    })?;
    deserializer
        .end()
        .map_err(|err| invalid(vec![problem(".", &err)]))?;
    Ok(value)
}

fn invalid(fields: Vec<(String, Msg)>) -> AppError {
    AppError::Validation {
        message: Msg::new("body-invalid"),
        fields,
    }
}

/// The JSON path and message of a serde error at `path` (as
/// `serde_path_to_error` writes it: `.` for the root, `?` for a key not
/// yet known).
pub fn problem(path: &str, err: &serde_json::Error) -> (String, Msg) {
    use serde_json::error::Category;
    let syntax = matches!(
        err.classify(),
        Category::Syntax | Category::Eof | Category::Io
    );
    problem_in(path, &err.to_string(), syntax)
}

/// `problem` from the text of a `serde_json` error (`…[ at line L column C]`).
fn problem_in(path: &str, text: &str, syntax: bool) -> (String, Msg) {
    // serde_json appends " at line L column C" to its messages.
    let (text, place) = match text.rfind(" at line ") {
        Some(at) => (&text[..at], &text[at + " at line ".len()..]),
        None => (text, ""),
    };
    if syntax {
        // Where the text stops being JSON.
        let (line, column) = place.split_once(" column ").unwrap_or(("?", "?"));
        let key = if text.starts_with("EOF") {
            "body-json-incomplete"
        } else {
            "body-json-malformed"
        };
        return (
            "$".into(),
            Msg::new(key).arg("line", line).arg("column", column),
        );
    }
    let base = path.trim_end_matches('?').trim_end_matches('.');
    let (name, message) = describe(text);
    let path = match (base.is_empty(), name) {
        (true, None) => "$".to_string(),
        (false, None) => base.to_string(),
        // An unknown key is in the path already.
        (false, Some(name)) if base == name || base.ends_with(&format!(".{name}")) => {
            base.to_string()
        }
        (true, Some(name)) => name,
        (false, Some(name)) => format!("{base}.{name}"),
    };
    (path, message)
}

/// The problem that the text of an axum `Json` rejection names (a handler
/// that reads its body with axum's own extractor), at a path from the
/// root (`$.x`); `None` when the text is not such a rejection.
pub fn rejection_problem(text: &str) -> Option<(String, Msg)> {
    if let Some(rest) = text.strip_prefix("Failed to parse the request body as JSON: ") {
        return Some(problem_in(".", rest, true));
    }
    let rest = text.strip_prefix("Failed to deserialize the JSON body into the target type: ")?;
    // "path: message", or the message alone at the root; serde's messages
    // begin with words, a path has no spaces before its colon.
    let (path, message) = match rest.split_once(": ") {
        Some((path, message)) if !path.contains(' ') => (path, message),
        _ => (".", rest),
    };
    let (path, msg) = problem_in(path, message, false);
    let path = if path == "$" {
        path
    } else {
        format!("$.{path}")
    };
    Some((path, msg))
}

/// What serde's message says, as a translated message; and the property
/// it names, when it names one (a missing or unknown one).
fn describe(text: &str) -> (Option<String>, Msg) {
    if let Some(rest) = text.strip_prefix("missing field ") {
        return (Some(unquote(rest)), Msg::new("body-required"));
    }
    if let Some(rest) = text.strip_prefix("unknown field ") {
        let (name, known) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (
            Some(unquote(name)),
            Msg::new("body-unknown-property").arg("known", names(known)),
        );
    }
    if let Some(rest) = text.strip_prefix("unknown variant ") {
        let (_, known) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return (None, Msg::new("body-one-of").arg("values", names(known)));
    }
    if let Some(rest) = text
        .strip_prefix("invalid type: ")
        .or_else(|| text.strip_prefix("invalid value: "))
        && let Some((_, expected)) = rest.rsplit_once(", expected ")
    {
        return (None, Msg::new("body-expected").arg("kind", kind(expected)));
    }
    if let Some(rest) = text.strip_prefix("invalid length ") {
        // A list too short or long; or a list where an object belongs.
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        let kind = match kind(expected) {
            "object" => "object",
            _ => "list",
        };
        return (None, Msg::new("body-expected").arg("kind", kind));
    }
    (None, Msg::new("body-not-accepted"))
}

/// The kind of value serde's "expected …" names, as a Fluent selector.
fn kind(expected: &str) -> &'static str {
    let e = expected.trim();
    let integer = [
        "i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128", "usize", "isize",
    ];
    if integer.contains(&e) || e.contains("integer") || e.contains("whole number") {
        "integer"
    } else if e == "f32" || e == "f64" || e.contains("number") {
        "number"
    } else if e.contains("RFC 3339") || e.contains("date") {
        "datetime"
    } else if e.contains("string") || e == "a character" {
        "string"
    } else if e.contains("boolean") {
        "boolean"
    } else if e.contains("sequence") || e.contains("array") || e.contains("tuple") {
        "list"
    } else if e.contains("map") || e.starts_with("struct ") || e.contains("object") {
        "object"
    } else if e.contains("unit") || e.contains("null") {
        "null"
    } else {
        "other"
    }
}

/// `` `x` `` → `x`.
fn unquote(text: &str) -> String {
    text.trim().trim_matches('`').to_string()
}

/// "one of `a`, `b`" or "`a` or `b`" → "a, b".
fn names(text: &str) -> String {
    text.split('`')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a whole number that may be written `1.0` (JSON Schema counts it
/// an integer): for `#[serde(deserialize_with = "…")]` on integer fields.
pub fn whole<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64>,
{
    let n = deserializer.deserialize_any(Whole)?;
    T::try_from(n)
        .map_err(|_| de::Error::invalid_value(Unexpected::Signed(n), &"an integer in range"))
}

/// `whole` for an optional field (`null` or absent: `None`); give the
/// field `#[serde(default)]` too.
pub fn whole_opt<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: TryFrom<i64>,
{
    struct Opt;
    impl<'de> Visitor<'de> for Opt {
        type Value = Option<i64>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an integer or null")
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_any(Whole).map(Some)
        }
    }
    match deserializer.deserialize_option(Opt)? {
        None => Ok(None),
        Some(n) => T::try_from(n)
            .map(Some)
            .map_err(|_| de::Error::invalid_value(Unexpected::Signed(n), &"an integer in range")),
    }
}

/// Visits a JSON number that is a whole number.
struct Whole;

impl Visitor<'_> for Whole {
    type Value = i64;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // Whole and within i64 (2^63 is the first float above it).
        if v.fract() == 0.0 && v >= -(2f64.powi(63)) && v < 2f64.powi(63) {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }
}

/// Reads an optional RFC 3339 date-time (`null` or absent: `None`), with an
/// error that says a date-time was expected.
pub fn date_time_opt<'de, D>(deserializer: D) -> Result<Option<time::OffsetDateTime>, D::Error>
where
    D: Deserializer<'de>,
{
    let text: Option<String> = serde::Deserialize::deserialize(deserializer)?;
    text.map(|t| {
        time::OffsetDateTime::parse(&t, &time::format_description::well_known::Rfc3339)
            .map_err(|_| de::Error::invalid_value(Unexpected::Str(&t), &"an RFC 3339 date-time"))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    // Some fields are there only to be refused.
    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Body {
        #[serde(default, deserialize_with = "whole_opt")]
        revision: Option<i32>,
        #[serde(default)]
        tasks: Vec<String>,
        level: String,
        #[serde(default, deserialize_with = "date_time_opt")]
        at: Option<time::OffsetDateTime>,
        #[serde(default)]
        shares: Vec<Share>,
    }

    #[derive(Debug, Deserialize)]
    struct Share {
        #[serde(deserialize_with = "whole")]
        share: i32,
    }

    /// A problem as a test reads it: path, message key, arguments.
    type Found = (String, &'static str, Vec<(&'static str, String)>);

    fn fields(text: &str) -> Vec<Found> {
        match read::<Body>(text.as_bytes()) {
            Ok(body) => panic!("read {body:?}"),
            Err(AppError::Validation { fields, .. }) => fields
                .into_iter()
                .map(|(path, msg)| (path, msg.key, msg.args))
                .collect(),
            Err(other) => panic!("{other:?}"),
        }
    }

    fn one(text: &str) -> (String, &'static str, String) {
        let mut all = fields(text);
        assert_eq!(all.len(), 1, "{all:?}");
        let (path, key, args) = all.remove(0);
        let args = args
            .into_iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(" ");
        (path, key, args)
    }

    #[test]
    fn the_rejections_of_axums_extractor_are_read_too() {
        let (path, msg) = rejection_problem(
            "Failed to deserialize the JSON body into the target type: b[0]: missing field `y` at line 1 column 23",
        )
        .unwrap();
        assert_eq!((path.as_str(), msg.key), ("$.b[0].y", "body-required"));
        let (path, msg) = rejection_problem(
            "Failed to deserialize the JSON body into the target type: invalid type: integer `1`, expected struct MatchBody at line 1 column 1",
        )
        .unwrap();
        assert_eq!((path.as_str(), msg.key), ("$", "body-expected"));
        let (path, msg) = rejection_problem(
            "Failed to parse the request body as JSON: trailing characters at line 1 column 18",
        )
        .unwrap();
        assert_eq!((path.as_str(), msg.key), ("$", "body-json-malformed"));
        assert_eq!(msg.args, [("line", "1".into()), ("column", "18".into())]);
        assert!(rejection_problem("Failed to buffer the request body").is_none());
    }

    #[test]
    fn integers_written_with_a_zero_fraction_are_read() {
        let body: Body =
            read(br#"{"revision": 3.0, "level": "C", "shares": [{"share": 40.0}]}"#).unwrap();
        assert_eq!(body.revision, Some(3));
        assert_eq!(body.shares[0].share, 40);
        let body: Body = read(br#"{"revision": null, "level": "C"}"#).unwrap();
        assert_eq!(body.revision, None);
    }

    #[test]
    fn each_problem_names_its_path_and_what_was_expected() {
        for (text, want) in [
            (
                r#"{"level": "C", "revision": 1.5}"#,
                ("revision", "body-expected", "kind=integer"),
            ),
            (
                r#"{"level": "C", "revision": 9999999999}"#,
                ("revision", "body-expected", "kind=integer"),
            ),
            (
                r#"{"level": "C", "tasks": ["a", 3]}"#,
                ("tasks[1]", "body-expected", "kind=string"),
            ),
            (
                r#"{"level": "C", "tasks": "a"}"#,
                ("tasks", "body-expected", "kind=list"),
            ),
            (r#"{"level": 1}"#, ("level", "body-expected", "kind=string")),
            (r#"{"tasks": []}"#, ("level", "body-required", "")),
            (
                r#"{"level": "C", "colour": 1}"#,
                (
                    "colour",
                    "body-unknown-property",
                    "known=revision, tasks, level, at, shares",
                ),
            ),
            (
                r#"{"level": "C", "at": "yesterday"}"#,
                ("at", "body-expected", "kind=datetime"),
            ),
            (
                r#"{"level": "C", "shares": [{"share": "x"}]}"#,
                ("shares[0].share", "body-expected", "kind=integer"),
            ),
            (
                r#"{"level": "C", "shares": [{}]}"#,
                ("shares[0].share", "body-required", ""),
            ),
            ("[1]", ("$", "body-expected", "kind=object")),
            (
                r#"{"level": "C""#,
                ("$", "body-json-incomplete", "line=1 column=13"),
            ),
            (
                r#"{"level": C}"#,
                ("$", "body-json-malformed", "line=1 column=11"),
            ),
            (
                r#"{"level": "C"} x"#,
                ("$", "body-json-malformed", "line=1 column=16"),
            ),
        ] {
            let (path, key, args) = one(text);
            assert_eq!((path.as_str(), key, args.as_str()), want, "{text}");
        }
    }
}
