//! The draft API: create, replace with the revision read, publish, diff.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::json;

use super::{SLUG, draft_path};
use crate::support::TestApp;

#[tokio::test]
async fn the_draft_api_refuses_a_stale_revision_with_the_current_one() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let api = admin.api().await;
    let url = draft_path();
    assert_eq!(api.get(&url).await.0, StatusCode::NOT_FOUND);
    let (_, mut doc) = app.json(&format!("/api/v1/profiles/{SLUG}")).await;
    for key in ["version", "status", "published_at"] {
        doc.as_object_mut().unwrap().remove(key);
    }
    // Create, then replace with the revision read.
    let (_, created) = api.put(&url, &doc).await;
    assert_eq!(created["revision"], 1);
    doc["purpose"] = json!("Nieuw doel.");
    doc["revision"] = json!(1);
    let (status, _) = api.put(&url, &doc).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = api.put(&url, &doc).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        body["error"]["message"].as_str().unwrap().contains('2'),
        "{body}"
    );
    // A bad document: 422 with JSON paths, nothing changed.
    doc["revision"] = json!(2);
    doc["levels"][0]["code"] = json!("d!");
    let (status, body) = api.put(&url, &doc).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        body["error"]["fields"]
            .as_object()
            .unwrap()
            .contains_key("$.levels[0].code"),
        "{body}"
    );
    // Publish through the API, then the diff.
    let (status, published) = api
        .post(
            &format!("{url}/publish"),
            Some(&json!({"change_note": "Doel verduidelijkt", "revision": 2})),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(published, json!({"version": 2, "status": "published"}));
    let (status, diff) = app
        .json(&format!("/api/v1/profiles/{SLUG}/diff?from=1&to=2"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(diff["sections"][0]["changes"][0]["label"], "purpose");
    assert_eq!(diff["sections"][0]["changes"][0]["new"], "Nieuw doel.");
    assert_eq!(
        app.get(&format!("/api/v1/profiles/{SLUG}/diff?from=x"))
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get(&format!("/api/v1/profiles/{SLUG}/diff?from=9&to=2"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
