//! `Idempotency-Key` on the API's creating requests: a retry with the same
//! key and body answers what the first answered and creates nothing; the
//! key with another body is refused; keys are per user; a malformed key is
//! a 400; concurrent duplicates create once.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::api::{Api, position_body, submitted_position};

/// POSTs `body` to `path` with `key` as `Idempotency-Key`; the status, the
/// `Idempotent-Replayed` header and the body.
async fn keyed(api: &Api, path: &str, key: &str, body: &Value) -> (StatusCode, bool, Value) {
    let response = api
        .request(Method::POST, path)
        .header("idempotency-key", key)
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let replayed = response
        .headers()
        .get("idempotent-replayed")
        .is_some_and(|v| v == "true");
    let text = response.text().await.unwrap();
    (
        status,
        replayed,
        serde_json::from_str(&text).unwrap_or(Value::Null),
    )
}

async fn positions_titled(app: &TestApp, title: &str) -> i64 {
    sqlx::query_scalar("select count(*) from positions where title = $1")
        .bind(title)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_retried_creation_with_the_same_key_answers_the_first_answer_and_creates_nothing() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Manager).await.api().await;
    let body = position_body("Sleutel een");
    let (status, replayed, first) = keyed(&api, "/api/v1/positions", "key-1", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert!(!replayed);
    let audits = app.audit_count("position.created").await;

    // The same request again: the same status and body, nothing new.
    let (status, replayed, again) = keyed(&api, "/api/v1/positions", "key-1", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(replayed, "the answer says it is a replay");
    assert_eq!(again, first);
    assert_eq!(positions_titled(&app, "Sleutel een").await, 1);
    assert_eq!(app.audit_count("position.created").await, audits);

    // The same key with another body: 422, nothing written.
    let (status, _, error) = keyed(
        &api,
        "/api/v1/positions",
        "key-1",
        &position_body("Sleutel twee"),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"]["code"], "idempotency_key_reused");
    assert!(!error["error"]["message"].as_str().unwrap().is_empty());
    assert_eq!(positions_titled(&app, "Sleutel twee").await, 0);

    // Without a key, as before: each request creates.
    for _ in 0..2 {
        let (status, _) = api
            .post("/api/v1/positions", Some(&position_body("Zonder sleutel")))
            .await;
        assert_eq!(status, StatusCode::CREATED);
    }
    assert_eq!(positions_titled(&app, "Zonder sleutel").await, 2);
    assert_eq!(app.count("idempotency_keys").await, 1);
}

#[tokio::test]
async fn a_refused_creation_keeps_no_key_and_may_be_sent_again_corrected() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Manager).await.api().await;
    let mut body = position_body("Eerst fout");
    body["profile"] = json!("geen-profiel");
    let (status, _, _) = keyed(&api, "/api/v1/positions", "fix-me", &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("idempotency_keys").await, 0);
    let (status, _, _) = keyed(
        &api,
        "/api/v1/positions",
        "fix-me",
        &position_body("Eerst fout"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(positions_titled(&app, "Eerst fout").await, 1);
}

#[tokio::test]
async fn two_users_with_the_same_key_create_independently() {
    let app = TestApp::spawn().await;
    let one = app.login_as(Role::Manager).await.api().await;
    let two = app.login_as(Role::Manager).await.api().await;
    let (status, _, first) = keyed(
        &one,
        "/api/v1/positions",
        "shared",
        &position_body("Van één"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let (status, replayed, second) = keyed(
        &two,
        "/api/v1/positions",
        "shared",
        &position_body("Van twee"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert!(!replayed);
    assert_ne!(first["id"], second["id"]);
    assert_eq!(second["title"], "Van twee");
    // And the second user's identical body too.
    let (status, replayed, third) = keyed(
        &two,
        "/api/v1/positions",
        "other",
        &position_body("Van één"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(!replayed);
    assert_ne!(third["id"], first["id"]);
}

#[tokio::test]
async fn a_malformed_key_is_refused_with_400_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Manager).await.api().await;
    let long = "k".repeat(256);
    let bad: [&[u8]; 3] = [long.as_bytes(), b"tab\tinside", b"caf\xc3\xa9"];
    for key in bad {
        let (status, error) = Api::answer(
            api.request(Method::POST, "/api/v1/positions")
                .header(
                    "idempotency-key",
                    reqwest::header::HeaderValue::from_bytes(key).unwrap(),
                )
                .header("accept-language", "fr")
                .json(&position_body("Slechte sleutel")),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{key:?}");
        assert_eq!(error["error"]["code"], "idempotency_key_invalid");
        assert!(
            error["error"]["message"]
                .as_str()
                .unwrap()
                .contains("Idempotency-Key"),
            "{error}"
        );
    }
    // Twice the header: which one would count? Neither.
    let (status, _) = Api::answer(
        api.request(Method::POST, "/api/v1/positions")
            .header("idempotency-key", "a")
            .header("idempotency-key", "b")
            .json(&position_body("Slechte sleutel")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // An empty header.
    let (status, _) = Api::answer(
        api.request(Method::POST, "/api/v1/positions")
            .header("idempotency-key", "")
            .json(&position_body("Slechte sleutel")),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(positions_titled(&app, "Slechte sleutel").await, 0);
    // The longest key is fine.
    let (status, _, _) = keyed(
        &api,
        "/api/v1/positions",
        &"k".repeat(255),
        &position_body("Lange sleutel"),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
}

#[tokio::test]
async fn concurrent_duplicates_create_one_position_and_answer_alike() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Manager).await.api().await;
    let body = position_body("Gelijktijdig");
    let tries: Vec<_> = (0..6)
        .map(|_| {
            let (api, body) = (api.clone(), body.clone());
            tokio::spawn(async move { keyed(&api, "/api/v1/positions", "together", &body).await })
        })
        .collect();
    let mut answers = Vec::new();
    for t in tries {
        answers.push(t.await.unwrap());
    }
    for (status, _, doc) in &answers {
        assert_eq!(*status, StatusCode::CREATED, "{doc}");
        assert_eq!(doc, &answers[0].2);
    }
    assert_eq!(
        answers.iter().filter(|(_, replayed, _)| !replayed).count(),
        1
    );
    assert_eq!(positions_titled(&app, "Gelijktijdig").await, 1);
}

#[tokio::test]
async fn a_retried_comment_with_the_same_key_adds_one_comment() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Manager).await.api().await;
    let id = submitted_position(&api, "Met commentaar").await;
    let path = format!("/api/v1/positions/{id}/comments");
    let body = json!({"body": "Een vraag over de taken."});
    let (status, replayed, first) = keyed(&api, &path, "comment-1", &body).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert!(!replayed);
    let (status, replayed, again) = keyed(&api, &path, "comment-1", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(replayed);
    assert_eq!(again, first);
    assert_eq!(first["comments"].as_array().unwrap().len(), 1);
    let (_, now) = api.get(&format!("/api/v1/positions/{id}")).await;
    assert_eq!(now["comments"].as_array().unwrap().len(), 1);
    // The key is the request's: another comment, or the same key on the
    // creation route, is another request.
    let (status, _, error) =
        keyed(&api, &path, "comment-1", &json!({"body": "Iets anders."})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"]["code"], "idempotency_key_reused");
    let (status, _, _) = keyed(&api, "/api/v1/positions", "comment-1", &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, now) = api.get(&format!("/api/v1/positions/{id}")).await;
    assert_eq!(now["comments"].as_array().unwrap().len(), 1);
    assert_eq!(app.audit_count("position.commented").await, 1);
}

#[tokio::test]
async fn keys_older_than_a_day_are_forgotten() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Manager).await.api().await;
    let body = position_body("Oude sleutel");
    let (status, _, _) = keyed(&api, "/api/v1/positions", "old", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    sqlx::query("update idempotency_keys set created_at = now() - interval '25 hours'")
        .execute(&app.pool)
        .await
        .unwrap();
    // Expired: the key no longer answers, even before the clean-up ran.
    let (status, replayed, _) = keyed(&api, "/api/v1/positions", "old", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(!replayed);
    assert_eq!(positions_titled(&app, "Oude sleutel").await, 2);
    // The clean-up forgets the old row, and keeps the new one.
    sqlx::query("update idempotency_keys set created_at = now() - interval '25 hours'")
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, _, _) = keyed(&api, "/api/v1/positions", "fresh", &body).await;
    assert_eq!(status, StatusCode::CREATED);
    let forgotten = jobclass::web::idempotency::forget_expired(&app.pool)
        .await
        .unwrap();
    assert_eq!(forgotten, 1);
    assert_eq!(app.count("idempotency_keys").await, 1);
}

#[tokio::test]
async fn the_openapi_document_describes_the_header_on_every_creating_route() {
    let app = TestApp::spawn().await;
    let (status, doc) = app.json("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    for path in [
        "/api/v1/positions",
        "/api/v1/positions/{id}/comments",
        "/api/v1/positions/{id}/appeal",
    ] {
        let parameters = doc["paths"][path]["post"]["parameters"].as_array().unwrap();
        let header = parameters
            .iter()
            .find(|p| p["name"] == "Idempotency-Key")
            .unwrap_or_else(|| panic!("{path}: no Idempotency-Key in {parameters:?}"));
        assert_eq!(header["in"], "header");
        assert_eq!(header["required"], false);
        assert_eq!(header["schema"]["maxLength"], 255);
        let responses = doc["paths"][path]["post"]["responses"].as_object().unwrap();
        assert!(responses.contains_key("400") && responses.contains_key("422"));
    }
}
