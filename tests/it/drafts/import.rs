//! An uploaded profile document becomes a draft only when valid; a
//! version exports as its document.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use super::SLUG;
use crate::support::TestApp;
use crate::support::html::Page;

#[tokio::test]
async fn an_uploaded_document_becomes_a_draft_only_when_valid() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let upload = |text: String| {
        let form = reqwest::multipart::Form::new().part(
            "document",
            reqwest::multipart::Part::text(text).file_name("profile.json"),
        );
        admin.upload("/admin/profiles/import", form)
    };
    let mut doc: Value = serde_json::from_str(jobclass::profiles::document::SEED).unwrap();
    doc["slug"] = json!("onthaal");
    doc["criteria"][2]["descriptors"]["X"] = json!("onbekend niveau");
    let before = app.count("profile_versions").await;
    let response = upload(doc.to_string()).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&response.text().await.unwrap());
    assert!(
        page.text(".error-summary")
            .contains("$.criteria[2].descriptors.X")
    );
    assert_eq!(app.count("profile_versions").await, before);
    assert_eq!(app.count("profiles").await, 1);

    doc["criteria"][2]["descriptors"]
        .as_object_mut()
        .unwrap()
        .remove("X");
    let response = upload(doc.to_string()).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, editor) = admin.page("/admin/profiles/onthaal/draft").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(editor.count("#cells form"), 7);
    // Export of a version downloads its document.
    let response = admin
        .get(&format!("/admin/profiles/{SLUG}/versions/1/export"))
        .await;
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let exported: Value = response.json().await.unwrap();
    assert_eq!(exported["slug"], SLUG);
}
