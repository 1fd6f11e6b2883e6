//! Positions through the JSON API: create, validate, update, submit,
//! withdraw.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{EVIDENCE, SLUG};
use crate::support::TestApp;

#[tokio::test]
async fn the_api_creates_validates_and_submits_positions() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let token = manager.api_token().await;
    let api = crate::support::client();
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
    let response = api
        .post(app.url("/api/v1/positions"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
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
    let response = api
        .post(app.url(&format!("/api/v1/positions/{id}/submit")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "validation");
    let fields = error["error"]["fields"].as_object().unwrap();
    assert!(fields.contains_key("placements[2].evidence"), "{fields:?}");
    assert!(fields.contains_key("placements[3].level"), "{fields:?}");

    // Unknown names in the body are named too; nothing is written.
    body["placements"][0]["criterion"] = json!("Moed");
    body["result_areas"][0]["share"] = json!(140);
    let response = api
        .post(app.url("/api/v1/positions"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
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
    let response = api
        .put(app.url(&format!("/api/v1/positions/{id}")))
        .bearer_auth(&token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // The same revision again is stale now.
    let response = api
        .put(app.url(&format!("/api/v1/positions/{id}")))
        .bearer_auth(&token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let response = api
        .post(app.url(&format!("/api/v1/positions/{id}/submit")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let position: Value = response.json().await.unwrap();
    assert_eq!(position["status"], "submitted");
    // Withdrawing twice: the second is a conflict.
    let response = api
        .post(app.url(&format!("/api/v1/positions/{id}/withdraw")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = api
        .post(app.url(&format!("/api/v1/positions/{id}/withdraw")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    // HR cannot create positions.
    let hr = app.login_as(Role::Hr).await;
    let hr_token = hr.api_token().await;
    let response = api
        .post(app.url("/api/v1/positions"))
        .bearer_auth(&hr_token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}
