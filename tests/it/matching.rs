//! `POST /api/v1/profiles/{slug}/match`: the reading of tasks and evidence
//! against a profile version, its refusals, and that it stores nothing
//! and loads nothing once the version is analysed.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::api::SLUG;
use crate::support::queries::count;

/// Posts `body` to the seed profile's match route without signing in
/// (the catalogue is public); with `id`, as that traced request.
pub(crate) async fn post_match(
    app: &TestApp,
    body: &Value,
    id: Option<&str>,
) -> (StatusCode, Value) {
    let mut request = app
        .client
        .post(app.url(&format!("/api/v1/profiles/{SLUG}/match")))
        .header("accept-language", "en")
        .json(body);
    if let Some(id) = id {
        request = request.header("x-request-id", id);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// How the match API reads one evidence text for `criterion` now (its
/// entry of `criteria`).
pub(crate) async fn read_evidence(app: &TestApp, criterion: &str, text: &str) -> Value {
    let body = json!({"evidence": [{"criterion": criterion, "text": text}]});
    let (status, doc) = post_match(app, &body, None).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    doc["criteria"][0].clone()
}

/// How the match API reads one task now (its entry of `tasks`).
pub(crate) async fn read_task(app: &TestApp, task: &str) -> Value {
    let (status, doc) = post_match(app, &json!({"tasks": [task]}), None).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    doc["tasks"][0].clone()
}

#[tokio::test]
async fn tasks_and_evidence_are_read_with_the_words_they_rest_on() {
    let app = TestApp::spawn().await;
    let body = json!({
        "tasks": [
            "Neemt de telefoon op en verbindt door naar de juiste collega",
            "Houdt het klantenbestand bij in de databank",
        ],
        "evidence": [{"criterion": "kennis", "text": "Een basiskennis van de procedures volstaat."}],
    });
    let (status, doc) = post_match(&app, &body, None).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["profile"], SLUG);
    assert_eq!(doc["version"], 1);
    let tasks = doc["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 2);
    // Every area, best first, numbered as in the profile.
    let areas = tasks[0]["result_areas"].as_array().unwrap();
    let mut positions: Vec<i64> = areas
        .iter()
        .map(|a| a["position"].as_i64().unwrap())
        .collect();
    let scores: Vec<f64> = areas.iter().map(|a| a["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    assert_eq!(areas[0]["title"], "Als contactpersoon");
    positions.sort_unstable();
    assert_eq!(positions, [1, 2, 3, 4]);
    assert!(tasks[0]["examples"].as_array().unwrap().len() <= 3);
    assert_eq!(tasks[0]["examples"][0]["result_area"], 3);
    assert!(!tasks[0]["terms"].as_array().unwrap().is_empty());
    // A compound split into parts the profile knows.
    assert_eq!(
        tasks[1]["result_areas"][0]["title"],
        "Als gegevens- en/of documentatiebeheerder"
    );
    assert_eq!(
        doc["fit"],
        json!({"matching_tasks": 2, "tasks": 2, "share": 1.0})
    );
    let kennis = &doc["criteria"][0];
    assert_eq!(kennis["criterion"], "Kennis");
    assert_eq!(kennis["levels"].as_array().unwrap().len(), 3);
    assert_eq!(kennis["suggested"], "D", "{kennis}");
    assert!(
        kennis["terms"]
            .as_array()
            .unwrap()
            .contains(&json!("basiskennis"))
    );
}

#[tokio::test]
async fn french_texts_are_read_against_the_profiles_french_translation() {
    let app = TestApp::spawn().await;
    let body = json!({
        "tasks": [
            "Il répond au téléphone et transfère les appels vers le bon collègue",
            "Il encode les nouvelles données dans la base de données du service",
        ],
        "evidence": [
            {"criterion": "Connaissances", "text": "Une connaissance de base des procédures suffit."},
            {"criterion": "Kennis", "text": "Une connaissance de base des procédures suffit."},
        ],
    });
    let (status, doc) = post_match(&app, &body, None).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    // The areas as the translation names them, and the right ones.
    assert_eq!(
        doc["tasks"][0]["result_areas"][0]["title"], "En tant que personne de contact",
        "{doc}"
    );
    assert_eq!(doc["tasks"][1]["result_areas"][0]["position"], 4, "{doc}");
    assert_eq!(
        doc["fit"],
        json!({"matching_tasks": 2, "tasks": 2, "share": 1.0})
    );
    // A criterion by its name in either language, answered in the
    // profile's own; the French descriptor's words are what matched.
    for reading in doc["criteria"].as_array().unwrap() {
        assert_eq!(reading["criterion"], "Kennis");
        assert_eq!(reading["suggested"], "D", "{reading}");
        assert!(
            reading["terms"]
                .as_array()
                .unwrap()
                .contains(&json!("base")),
            "{reading}"
        );
    }

    // The same tasks in Dutch still read against the Dutch texts.
    let dutch = read_task(
        &app,
        "Neemt de telefoon op en verbindt door naar de juiste collega",
    )
    .await;
    assert_eq!(dutch["result_areas"][0]["title"], "Als contactpersoon");
}

#[tokio::test]
async fn identical_descriptors_are_reported_as_such() {
    let app = TestApp::spawn().await;
    let body = json!({"evidence": [{"criterion": "Verbetering",
        "text": "Stelt concrete verbeteringen voor aan de gehanteerde procedures en methodes."}]});
    let (status, doc) = post_match(&app, &body, None).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    let reading = &doc["criteria"][0];
    let suggested = reading["suggested"].as_str().unwrap();
    let other = if suggested == "C" { "B" } else { "C" };
    assert_eq!(reading["identical"], json!([other]), "{reading}");
    assert_eq!(doc["tasks"], json!([]));
    assert_eq!(doc["fit"]["tasks"], 0);
}

#[tokio::test]
async fn bad_requests_are_refused_at_their_json_paths() {
    let app = TestApp::spawn().await;
    let long = "a".repeat(2001);
    let cases = [
        (json!({}), "$.tasks"),
        (json!({"tasks": [], "evidence": []}), "$.tasks"),
        (json!({"tasks": vec!["post"; 201]}), "$.tasks"),
        (json!({"tasks": ["post", long]}), "$.tasks[1]"),
        (
            json!({"evidence": [{"criterion": "Kennis", "text": long}]}),
            "$.evidence[0].text",
        ),
        (
            json!({"evidence": [{"criterion": "Kennis", "text": "x"},
                                {"criterion": "Moed", "text": "x"}]}),
            "$.evidence[1].criterion",
        ),
        (json!({"tasks": ["post"], "version": 99}), "$.version"),
    ];
    for (body, path) in cases {
        let (status, doc) = post_match(&app, &body, None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}: {doc}");
        assert_eq!(doc["error"]["code"], "validation");
        let message = doc["error"]["fields"][path].as_str();
        assert!(message.is_some_and(|m| !m.is_empty()), "{path}: {doc}");
    }
    // Not JSON of this shape, or an unknown profile.
    let (status, _) = post_match(&app, &json!({"tasks": "post"}), None).await;
    assert!(status.is_client_error(), "{status}");
    let response = app
        .client
        .post(app.url("/api/v1/profiles/geen-profiel/match"))
        .json(&json!({"tasks": ["post"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn matching_stores_nothing_and_loads_nothing_once_analysed() {
    let app = TestApp::spawn_listening().await;
    let body = json!({"tasks": ["Verstuurt de uitnodigingen voor de vergadering"]});
    let audit_before: i64 = sqlx::query_scalar("select count(*) from audit_log")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (status, first) = post_match(&app, &body, None).await;
    assert_eq!(status, StatusCode::OK);
    // What is current is kept once the instance hears change notices (its
    // listening connection may still be starting): then a match runs no
    // statement at all.
    let mut statements = Vec::new();
    for _ in 0..50 {
        let id = format!("t-{}", uuid::Uuid::new_v4().simple());
        let (status, again) = post_match(&app, &body, Some(&id)).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(first, again);
        if count(&id) == 0 {
            statements.clear();
            break;
        }
        statements = crate::support::queries::statements(&id);
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(statements.is_empty(), "{statements:?}");
    let audit_after: i64 = sqlx::query_scalar("select count(*) from audit_log")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(audit_before, audit_after);
}

#[tokio::test]
async fn a_thesaurus_change_reaches_the_next_match() {
    let app = TestApp::spawn_listening().await;
    let body = json!({"tasks": ["De kwisfinale"]});
    let (_, before) = post_match(&app, &body, None).await;
    assert_eq!(before["tasks"][0]["terms"], json!([]), "{before}");
    sqlx::query(
        "insert into thesaurus_sets (language, terms, broader) \
         values ('nl', '{kwisfinale,quizfinale}', '{activiteit}')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    // The notice reaches the instance about a millisecond later.
    let mut after = Value::Null;
    for _ in 0..50 {
        (_, after) = post_match(&app, &body, None).await;
        if after["tasks"][0]["terms"] != json!([]) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(after["tasks"][0]["terms"], json!(["kwisfinale"]), "{after}");
    assert_eq!(
        after["tasks"][0]["result_areas"][0]["title"],
        "Als praktische organisator"
    );
}

#[tokio::test]
async fn a_version_written_as_a_whole_float_is_that_version() {
    let app = TestApp::spawn().await;
    let (status, body) = post_match(
        &app,
        &json!({"tasks": ["Post verdelen"], "version": 1.0}),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["version"], 1);
}
