//! Positions through the JSON API: create, validate, update, submit,
//! withdraw.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::EVIDENCE;
use crate::support::TestApp;
use crate::support::api::SLUG;

#[tokio::test]
async fn the_api_creates_validates_and_submits_positions() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let api = manager.api().await;
    let mut body = json!({
        "profile": SLUG, "title": "Dossierbeheerder", "unit": "FOD BOSA / Archief", "purpose": "Het archief beheren.",
        "tasks": ["Dossiers klasseren"],
        "result_areas": [{"title": "Als gegevens- en/of documentatiebeheerder", "share": 100}],
        "placements": [
            {"criterion": "Kennis", "level": "C", "evidence": EVIDENCE},
            {"criterion": "Documenten", "level": "C", "evidence": EVIDENCE},
            {"criterion": "Praktische organisatie", "level": "D", "evidence": "te kort"},
        ]
    });
    let (status, created) = api.post("/api/v1/positions", Some(&body)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["status"], "draft");
    assert_eq!(created["profile_version"], 1);
    assert_eq!(created["proposal"]["level"], "C");
    assert!(
        created["proposal"]["flags"]
            .as_array()
            .unwrap()
            .contains(&json!("incomplete"))
    );
    let id = created["id"].as_i64().unwrap();

    // Submitting an incomplete position: 422 with the fields named.
    let (status, error) = api
        .post(&format!("/api/v1/positions/{id}/submit"), None)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"]["code"], "validation");
    let fields = error["error"]["fields"].as_object().unwrap();
    assert!(fields.contains_key("placements[2].evidence"), "{fields:?}");
    assert!(fields.contains_key("placements[3].level"), "{fields:?}");

    // Unknown names in the body are named too; nothing is written.
    body["placements"][0]["criterion"] = json!("Moed");
    body["result_areas"][0]["share"] = json!(140);
    let (status, error) = api.post("/api/v1/positions", Some(&body)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = error["error"]["fields"].as_object().unwrap();
    assert!(
        fields.contains_key("placements[0].criterion")
            && fields.contains_key("result_areas[0].share"),
        "{fields:?}"
    );
    assert_eq!(app.count("positions").await, 1);

    // Completed with PUT (with the revision read), then submitted.
    let criteria = [
        "Kennis",
        "Documenten",
        "Praktische organisatie",
        "Procedures",
        "Verbetering",
        "Vragen of klachten",
        "Contacten",
    ];
    let placements: Vec<Value> = criteria
        .iter()
        .map(|c| json!({"criterion": c, "level": "C", "evidence": EVIDENCE}))
        .collect();
    let update = json!({
        "revision": created["revision"], "title": "Dossierbeheerder", "unit": "FOD BOSA / Archief",
        "purpose": "Het archief beheren.", "tasks": ["Dossiers klasseren"],
        "result_areas": [{"title": "Als gegevens- en/of documentatiebeheerder", "share": 100}],
        "placements": placements,
    });
    let (status, _) = api.put(&format!("/api/v1/positions/{id}"), &update).await;
    assert_eq!(status, StatusCode::OK);
    // The same revision again is stale now.
    let (status, _) = api.put(&format!("/api/v1/positions/{id}"), &update).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, position) = api
        .post(&format!("/api/v1/positions/{id}/submit"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(position["status"], "submitted");
    // Withdrawing twice: the second is a conflict.
    let withdraw = format!("/api/v1/positions/{id}/withdraw");
    assert_eq!(api.post(&withdraw, None).await.0, StatusCode::OK);
    assert_eq!(api.post(&withdraw, None).await.0, StatusCode::CONFLICT);
    // HR cannot create positions.
    let hr = app.login_as(Role::Hr).await.api().await;
    let (status, _) = hr.post("/api/v1/positions", Some(&update)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_profile_name_that_cannot_exist_is_a_422_at_profile_even_with_a_nul() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Manager).await.api().await;
    for name in [
        "\u{0}",
        "geen-profiel",
        "Ad\u{0}min ondersteuning",
        "ÿ\u{feff}",
    ] {
        let mut body = crate::support::api::position_body("Onbekend profiel");
        body["profile"] = json!(name);
        let (status, answer) = api.post("/api/v1/positions", Some(&body)).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?}: {answer}"
        );
        assert!(answer["error"]["fields"]["profile"].is_string(), "{answer}");
    }
    assert_eq!(app.count("positions").await, 0);
}
