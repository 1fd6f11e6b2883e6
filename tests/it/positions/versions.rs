//! A position keeps the profile version it was made on, and its decision
//! record the text it was decided on.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use super::submitted;
use crate::support::TestApp;

#[tokio::test]
async fn a_position_keeps_its_pinned_version_when_the_profile_changes() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let old = submitted(&app, &manager).await;
    // Publish version 2 with another Kennis text at C.
    app.publish_seed(|doc| {
        doc.criteria[0]
            .descriptors
            .insert("C".into(), "Nieuwe tekst voor kennis op niveau C.".into());
    })
    .await;

    let (_, page) = manager.page(&format!("/positions/{old}")).await;
    assert!(page.text("main").contains("(Versie 1)") || page.text(".meta").contains("1"));
    let versions: Vec<i32> = sqlx::query_scalar(
        "select v.version from positions p join profile_versions v on v.id = p.profile_version_id order by p.id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(versions, [1]);
    let new = manager.start_position().await;
    let (_, page) = manager.page(&format!("/positions/{new}")).await;
    assert!(page.text("#level-0").contains("Nieuwe tekst voor kennis"));
    let hr = app.login_as(Role::Hr).await;
    let (_, review) = hr.page(&format!("/review/{old}")).await;
    assert!(
        review
            .text("#hr-level-0")
            .contains("kennis vereist van verschillende werkprocedures")
    );
    assert!(!review.text("#hr-level-0").contains("Nieuwe tekst"));
}

#[tokio::test]
async fn a_decided_record_keeps_the_text_it_was_decided_on_after_a_new_version() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let id = submitted(&app, &manager).await;
    assert_eq!(
        hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let rationale = "Het werk vraagt kennis van verschillende werkprocedures.";
    assert_eq!(
        hr.post(
            &format!("/review/{id}/decide"),
            &[("level", "C"), ("rationale", rationale)]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let old_text = "Voor de uitoefening van de verschillende activiteiten is kennis vereist van verschillende werkprocedures en -methodes.";
    app.publish_seed(|doc| {
        doc.criteria[0].descriptors.insert(
            "C".into(),
            "Een volledig nieuwe tekst voor Kennis op C.".into(),
        );
    })
    .await;
    let (_, record) = manager.page(&format!("/positions/{id}/record")).await;
    let grid = record.text(".record-grid");
    assert!(grid.contains(old_text), "{grid}");
    assert!(!grid.contains("volledig nieuwe tekst"));
    assert!(record.text("main").contains("Versie 1"));
}
