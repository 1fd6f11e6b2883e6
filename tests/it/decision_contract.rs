//! The decision's contract: HR's placements and the decision are one
//! action in one transaction, so a refused decision writes nothing; its
//! problems are named at the JSON paths of the request body (API) or at
//! the form's field ids (review page).

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::api::{Api, seed_names, submitted_position};
use crate::support::html::Page;

/// A position claimed by HR; returns (HR's API, its id).
async fn in_review(app: &TestApp) -> (Api, i64) {
    let manager = app.login_as(Role::Manager).await.api().await;
    let hr = app.login_as(Role::Hr).await.api().await;
    let id = submitted_position(&manager, "Onthaal").await;
    hr.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/claim"),
        None,
        StatusCode::OK,
    )
    .await;
    (hr, id)
}

async fn decide(hr: &Api, id: i64, body: &Value) -> (StatusCode, Value) {
    hr.send(
        Method::POST,
        &format!("/api/v1/positions/{id}/decision"),
        Some(body),
    )
    .await
}

/// What a decision may have written: HR's placements, audit rows, revision.
async fn written(app: &TestApp, id: i64) -> (i64, i64, i32) {
    let placements: i64 =
        sqlx::query_scalar("select count(*) from placements where position_id = $1 and by_hr")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let audit: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where subject_type = 'position' and subject_id = $1",
    )
    .bind(id.to_string())
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let revision: i32 = sqlx::query_scalar("select revision from positions where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (placements, audit, revision)
}

fn fields(error: &Value) -> &serde_json::Map<String, Value> {
    error["error"]["fields"]
        .as_object()
        .unwrap_or_else(|| panic!("no fields in {error}"))
}

#[tokio::test]
async fn a_decision_refused_for_its_rationale_writes_no_placements() {
    let app = TestApp::spawn().await;
    let (hr, id) = in_review(&app).await;
    let before = written(&app, id).await;
    let (_, criteria) = seed_names();
    let (status, error) = decide(
        &hr,
        id,
        &json!({
            "level": "C",
            "rationale": "Te kort.",
            "hr_placements": [{"criterion": criteria[0], "level": "C", "note": "Zelfde"}],
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert!(fields(&error).contains_key("rationale"), "{error}");
    // No placements, no audit row, the same revision and status.
    assert_eq!(written(&app, id).await, before);
    let position = hr
        .expect(
            Method::GET,
            &format!("/api/v1/positions/{id}"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(position["status"], "in_review");
    assert_eq!(position["hr_placements"], json!([]));
}

#[tokio::test]
async fn a_decision_with_an_unknown_level_writes_no_placements_either() {
    let app = TestApp::spawn().await;
    let (hr, id) = in_review(&app).await;
    let before = written(&app, id).await;
    let (_, criteria) = seed_names();
    let (status, error) = decide(
        &hr,
        id,
        &json!({
            "level": "Z",
            "rationale": "Lang genoeg gemotiveerd voor een beslissing.",
            "hr_placements": [{"criterion": criteria[1], "level": "B", "note": ""}],
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert!(fields(&error).contains_key("level"), "{error}");
    assert_eq!(written(&app, id).await, before);
}

#[tokio::test]
async fn an_accepted_decision_writes_placements_and_decision_together() {
    let app = TestApp::spawn().await;
    let (hr, id) = in_review(&app).await;
    let (placements, audit, revision) = written(&app, id).await;
    let (_, criteria) = seed_names();
    let (status, position) = decide(
        &hr,
        id,
        &json!({
            "level": "C",
            "rationale": "Lang genoeg gemotiveerd voor een beslissing.",
            "hr_placements": [
                {"criterion": criteria[2], "level": "B", "note": "Iets hoger"},
                {"criterion": criteria[0], "level": "C", "note": ""},
            ],
        }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{position}");
    assert_eq!(position["status"], "decided");
    assert_eq!(position["decision"]["level"], "C");
    let hr_placements = position["hr_placements"].as_array().unwrap();
    assert_eq!(hr_placements.len(), 2, "{position}");
    assert_eq!(hr_placements[0]["criterion"], criteria[0].as_str());
    assert_eq!(hr_placements[1]["note"], "Iets hoger");
    // The placements and the decision, each with its audit row, as before.
    assert_eq!(
        written(&app, id).await,
        (placements + 2, audit + 2, revision + 2)
    );
    let actions: Vec<String> = sqlx::query_scalar(
        "select action from audit_log where subject_id = $1 order by id desc limit 2",
    )
    .bind(id.to_string())
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(actions, ["position.decided", "position.placed"]);
    let agreement: Value = sqlx::query_scalar(
        "select details->'agreement' from audit_log where subject_id = $1 and action = 'position.decided'",
    )
    .bind(id.to_string())
    .fetch_one(&app.pool)
    .await
    .unwrap();
    // The manager placed criterion 0 at D and criterion 2 at B
    // (`position_body`): the decision counts HR's placements just made.
    assert_eq!(agreement, json!([1, 2]));
}

#[tokio::test]
async fn hr_placement_problems_are_named_at_their_path_in_the_body() {
    let app = TestApp::spawn().await;
    let (hr, id) = in_review(&app).await;
    let before = written(&app, id).await;
    let (_, criteria) = seed_names();
    let (status, error) = decide(
        &hr,
        id,
        &json!({
            "level": "C",
            "rationale": "Te kort.",
            "hr_placements": [
                {"criterion": criteria[4], "level": "C", "note": "x".repeat(5001)},
                {"criterion": "Moed", "level": "C"},
                {"criterion": criteria[5], "level": "Q"},
                {"criterion": criteria[4], "level": "B"},
            ],
        }),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    let mut paths: Vec<&str> = fields(&error).keys().map(String::as_str).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "hr_placements[0].note",
            "hr_placements[1].criterion",
            "hr_placements[2].level",
            "hr_placements[3].criterion",
            "rationale",
        ],
        "{error}"
    );
    assert_eq!(written(&app, id).await, before);
}

#[tokio::test]
async fn comment_and_question_problems_are_named_by_their_body_field() {
    let app = TestApp::spawn().await;
    let (hr, id) = in_review(&app).await;
    let (status, error) = hr
        .send(
            Method::POST,
            &format!("/api/v1/positions/{id}/comments"),
            Some(&json!({"body": "  "})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(fields(&error).keys().collect::<Vec<_>>(), ["body"]);
    let (status, error) = hr
        .send(
            Method::POST,
            &format!("/api/v1/positions/{id}/return"),
            Some(&json!({"message": "x".repeat(5001)})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    assert_eq!(fields(&error).keys().collect::<Vec<_>>(), ["message"]);
}

/// The ids of the fields a review page marks as invalid.
fn invalid_ids(page: &Page) -> Vec<String> {
    let mut ids: Vec<String> = page
        .all(".field-error")
        .iter()
        .filter_map(|e| e.value().attr("id"))
        .map(|id| id.trim_end_matches("-error").to_string())
        .collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn the_review_page_keeps_its_forms_and_names_their_field_ids() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let hr = app.login_as(Role::Hr).await;
    let id = submitted_position(&manager, "Onthaal").await;
    assert_eq!(
        hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let long = "x".repeat(5001);
    let (status, page) = hr
        .post_page(
            &format!("/review/{id}/placements"),
            &[("hr-level-1", "Z"), ("hr-note-2", &long)],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid_ids(&page), ["hr-level-1"]);
    let (status, page) = hr
        .post_page(
            &format!("/review/{id}/placements"),
            &[("hr-level-1", "C"), ("hr-note-2", &long)],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid_ids(&page), ["hr-note-2"]);
    let (status, page) = hr
        .post_page(
            &format!("/review/{id}/decide"),
            &[("level", "Z"), ("rationale", "Te kort.")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid_ids(&page), ["decide-level", "rationale"]);
    let (status, page) = hr
        .post_page(&format!("/review/{id}/return"), &[("question", " ")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid_ids(&page), ["question"]);
    let (status, page) = hr
        .post_page(&format!("/positions/{id}/comments"), &[("body", "")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid_ids(&page), ["comment"]);

    // Placements saved on their own stay saved; the decision follows apart.
    assert_eq!(
        hr.post(
            &format!("/review/{id}/placements"),
            &[("hr-level-0", "C"), ("hr-note-0", "Zelfde")]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        hr.post(
            &format!("/review/{id}/decide"),
            &[
                ("level", "C"),
                ("rationale", "Lang genoeg gemotiveerd voor een beslissing.")
            ]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.position_status(id).await, "decided");
    let placed: i64 =
        sqlx::query_scalar("select count(*) from placements where position_id = $1 and by_hr")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(placed, 1);
}
