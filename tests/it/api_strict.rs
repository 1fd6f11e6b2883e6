//! The API says exactly what it accepts: the limits the server enforces
//! are in its OpenAPI document (read from the same constants), a body it
//! cannot read is answered with the path and what was expected there, in
//! the caller's language, integers may be written `1.0`, and people can
//! read the document at `/api/docs`.

use jobclass::auth::model::Role;
use jobclass::drafts::input::MAX_NOTE;
use jobclass::positions::actions::{MAX_COMMENT, MAX_RATIONALE, MIN_RATIONALE};
use jobclass::positions::input::{MAX_PURPOSE, MAX_TASK, MAX_TASKS, MAX_TITLE};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::api::{Api, SLUG, position_body};

/// The parameter `name` of the operation `method path`.
fn parameter<'a>(doc: &'a Value, method: &str, path: &str, name: &str) -> &'a Value {
    doc["paths"][path][method]["parameters"]
        .as_array()
        .unwrap_or_else(|| panic!("{method} {path} has no parameters"))
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("{method} {path} has no parameter {name}"))
}

fn required(schema: &Value) -> Vec<&str> {
    schema["required"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect()
}

#[tokio::test]
async fn api_document_states_the_limits_the_server_enforces() {
    let app = TestApp::spawn().await;
    let (status, doc) = app.json("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    let schema = |name: &str| doc["components"]["schemas"][name].clone();

    let decision = schema("DecisionBody");
    let rationale = &decision["properties"]["rationale"];
    assert_eq!(rationale["minLength"], json!(MIN_RATIONALE), "{decision}");
    assert_eq!(rationale["maxLength"], json!(MAX_RATIONALE), "{decision}");
    assert!(required(&decision).contains(&"rationale"), "{decision}");
    for (name, property) in [("CommentBody", "body"), ("MessageBody", "message")] {
        let body = schema(name);
        assert_eq!(
            body["properties"][property]["minLength"],
            json!(1),
            "{body}"
        );
        assert_eq!(
            body["properties"][property]["maxLength"],
            json!(MAX_COMMENT),
            "{body}"
        );
        assert!(required(&body).contains(&property), "{body}");
    }

    let new = schema("NewPositionBody");
    assert!(required(&new).contains(&"profile"), "{new}");
    assert_eq!(new["properties"]["title"]["maxLength"], json!(MAX_TITLE));
    assert_eq!(
        new["properties"]["purpose"]["maxLength"],
        json!(MAX_PURPOSE)
    );
    assert_eq!(new["properties"]["tasks"]["maxItems"], json!(MAX_TASKS));
    assert_eq!(
        new["properties"]["tasks"]["items"]["maxLength"],
        json!(MAX_TASK)
    );
    let update = schema("PositionBody");
    assert!(required(&update).contains(&"revision"), "{update}");
    assert_eq!(update["properties"]["revision"]["minimum"], json!(1));

    let publish = schema("PublishBody");
    assert_eq!(
        publish["properties"]["change_note"]["maxLength"],
        json!(MAX_NOTE)
    );
    assert_eq!(publish["properties"]["effective_at"]["format"], "date-time");
    assert!(required(&publish).contains(&"revision"), "{publish}");
    let format = &schema("ProfileDocument")["properties"]["format"];
    assert_eq!(
        (&format["minimum"], &format["maximum"]),
        (&json!(1), &json!(2))
    );

    let matching = schema("MatchBody");
    assert_eq!(
        matching["properties"]["tasks"]["maxItems"],
        json!(jobclass::assessment::api::MAX_TASKS)
    );
    assert_eq!(
        matching["properties"]["tasks"]["items"]["maxLength"],
        json!(jobclass::assessment::api::MAX_TEXT)
    );

    let page = parameter(&doc, "get", "/api/v1/positions", "page");
    assert_eq!(page["schema"]["minimum"], json!(1), "{page}");
    for name in ["from", "to"] {
        let p = parameter(&doc, "get", "/api/v1/positions", name);
        assert_eq!(p["schema"]["anyOf"][0]["format"], "date", "{p}");
        let p = parameter(&doc, "get", "/api/v1/profiles/{slug}/diff", name);
        assert_eq!(p["schema"]["minimum"], json!(1), "{p}");
    }
    let n = parameter(&doc, "get", "/api/v1/profiles/{slug}/versions/{n}", "n");
    assert_eq!(n["schema"]["minimum"], json!(1), "{n}");
}

/// The status and body of a request with `body` as its raw text.
async fn raw(
    api: &Api,
    method: Method,
    path: &str,
    body: &str,
    language: &str,
) -> (StatusCode, Value) {
    Api::answer(
        api.request(method, path)
            .header("content-type", "application/json")
            .header("accept-language", language)
            .body(body.to_string()),
    )
    .await
}

#[tokio::test]
async fn api_body_errors_name_the_path_and_what_was_expected_in_the_callers_language() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let (status, created) = manager
        .post("/api/v1/positions", Some(&position_body("x")))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    let put = format!("/api/v1/positions/{id}");
    for (method, path, body, field) in [
        // A wrong type inside a list.
        (
            Method::PUT,
            put.as_str(),
            r#"{"revision": 1, "tasks": ["a", 3]}"#,
            "tasks[1]",
        ),
        // An unknown property.
        (
            Method::PUT,
            put.as_str(),
            r#"{"revision": 1, "colour": "red"}"#,
            "colour",
        ),
        // A required value left out.
        (
            Method::POST,
            "/api/v1/positions",
            r#"{"title": "x"}"#,
            "profile",
        ),
        (Method::PUT, put.as_str(), r#"{"title": "x"}"#, "revision"),
        // Malformed JSON.
        (Method::PUT, put.as_str(), r#"{"revision": 1,"#, "$"),
    ] {
        let mut messages = Vec::new();
        for language in ["en", "nl", "fr"] {
            let (status, answer) = raw(&manager, method.clone(), path, body, language).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {answer}");
            assert_eq!(answer["error"]["code"], "validation", "{answer}");
            let message = answer["error"]["fields"][field]
                .as_str()
                .unwrap_or_else(|| panic!("{body} in {language}: no field {field}: {answer}"));
            messages.push(message.to_string());
        }
        messages.sort();
        messages.dedup();
        assert_eq!(
            messages.len(),
            3,
            "{body}: one wording per language: {messages:?}"
        );
    }
    let (_, answer) = raw(
        &manager,
        Method::PUT,
        &put,
        r#"{"revision": 1, "tasks": ["a", 3]}"#,
        "en",
    )
    .await;
    assert_eq!(
        answer["error"]["fields"]["tasks[1]"],
        "This must be a text (a JSON string)."
    );
    let (_, answer) = raw(
        &manager,
        Method::POST,
        "/api/v1/positions",
        r#"{"title": "x"}"#,
        "en",
    )
    .await;
    assert_eq!(
        answer["error"]["fields"]["profile"],
        "This property is required."
    );

    // A bad date when publishing a draft.
    let admin = app.login_as(Role::Admin).await.api().await;
    let (status, answer) = raw(
        &admin,
        Method::POST,
        &format!("/api/v1/profiles/{SLUG}/draft/publish"),
        r#"{"change_note": "x", "revision": 1, "effective_at": "tomorrow"}"#,
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    // A profile document of the wrong shape, in French.
    let (status, document) = raw(
        &admin,
        Method::PUT,
        &format!("/api/v1/profiles/{SLUG}/draft"),
        r#"{"format": 1, "title": "x", "levels": "D, C, B"}"#,
        "fr",
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{document}");
    assert_eq!(
        document["error"]["fields"]["$.levels"], "Ceci doit être une liste (un tableau JSON).",
        "{document}"
    );
    assert!(
        answer["error"]["fields"]["effective_at"]
            .as_str()
            .is_some_and(|m| m.contains("RFC 3339")),
        "{answer}"
    );
}

#[tokio::test]
async fn api_integers_may_be_written_with_a_zero_fraction() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let (status, created) = manager
        .post("/api/v1/positions", Some(&position_body("x")))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    let id = created["id"].as_i64().unwrap();
    let mut body = position_body("x");
    body["revision"] = json!(created["revision"].as_f64().unwrap());
    let text = body.to_string();
    assert!(text.contains(".0"), "{text}");
    let (status, answer) = raw(
        &manager,
        Method::PUT,
        &format!("/api/v1/positions/{id}"),
        &text,
        "en",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    // A fraction is not a whole number.
    body["revision"] = json!(1.5);
    let (status, answer) = manager.put(&format!("/api/v1/positions/{id}"), &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    assert!(
        answer["error"]["fields"]["revision"].is_string(),
        "{answer}"
    );
}

#[tokio::test]
async fn api_reference_is_served_by_the_portal_under_its_content_security_policy() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/docs/").await;
    assert_eq!(response.status(), StatusCode::OK);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let page = response.text().await.unwrap();
    // Every script is a file of ours: no inline script, nothing from elsewhere.
    let html = scraper::Html::parse_document(&page);
    let scripts = scraper::Selector::parse("script").unwrap();
    let mut sources = Vec::new();
    for script in html.select(&scripts) {
        assert!(
            script.inner_html().trim().is_empty(),
            "inline script in {page}"
        );
        let src = script.value().attr("src").unwrap();
        assert!(!src.contains("//"), "{src}");
        sources.push(src.to_string());
    }
    assert!(
        sources.iter().any(|s| s.contains("swagger-initializer.js")),
        "{sources:?}"
    );
    for src in sources {
        let url = format!("/api/docs/{}", src.trim_start_matches("./"));
        let response = app.get(&url).await;
        assert_eq!(response.status(), StatusCode::OK, "{url}");
    }
    let initializer = app
        .get("/api/docs/swagger-initializer.js")
        .await
        .text()
        .await
        .unwrap();
    assert!(initializer.contains("/api/openapi.json"), "{initializer}");
    // The account page, where tokens are made, links to it.
    let manager = app.login_as(Role::Manager).await;
    let (_, account) = manager.page("/account").await;
    assert!(
        !account.texts("a[href='/api/docs/']").is_empty(),
        "no link to the API reference"
    );
}
