//! `/admin/thesaurus`: admins keep the synonym sets; every change is
//! audited, refused input changes nothing, and the next match reads with
//! the change.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::matching::read_task;
use crate::support::TestApp;

async fn sets(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from thesaurus_sets")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The words of a task that matched the profile (public match API).
async fn terms_of(app: &TestApp, task: &str) -> Value {
    read_task(app, task).await["terms"].clone()
}

#[tokio::test]
async fn an_admin_adds_changes_and_deletes_a_set_each_audited() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let (status, page) = admin.page("/admin/thesaurus").await;
    assert_eq!(status, StatusCode::OK);
    let starter = page.count(".thesaurus-set");
    assert!(starter >= 40, "{starter}");
    let before = sets(&app).await;
    assert_eq!(terms_of(&app, "De kwisavond").await, json!([]));

    let created = admin
        .post(
            "/admin/thesaurus",
            &[
                ("language", "nl"),
                ("terms", "Kwisavond ~ quizavond"),
                ("broader", "activiteit"),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    assert_eq!(sets(&app).await, before + 1);
    assert_eq!(app.audit_count("thesaurus.created").await, 1);
    // Without change notices (this app does not listen) nothing is kept:
    // the next match reads the new set.
    assert_eq!(terms_of(&app, "De kwisavond").await, json!(["kwisavond"]));

    let id: i64 =
        sqlx::query_scalar("select id from thesaurus_sets where 'kwisavond' = any(terms)")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (_, page) = admin.page("/admin/thesaurus?lang_set=nl").await;
    assert_eq!(
        page.one(&format!("#terms-{id}")).value().attr("value"),
        Some("kwisavond ~ quizavond")
    );
    let updated = admin
        .post(
            &format!("/admin/thesaurus/{id}"),
            &[
                ("language", "nl"),
                ("terms", "quizavond ~ kwisnamiddag"),
                ("broader", "activiteit"),
            ],
        )
        .await;
    assert_eq!(updated.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count("thesaurus.updated").await, 1);
    assert_eq!(terms_of(&app, "De kwisavond").await, json!([]));

    let deleted = admin
        .post(&format!("/admin/thesaurus/{id}/delete"), &[])
        .await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    assert_eq!(sets(&app).await, before);
    assert_eq!(app.audit_count("thesaurus.deleted").await, 1);
    let again = admin
        .post(&format!("/admin/thesaurus/{id}/delete"), &[])
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn refused_sets_say_why_and_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let before = sets(&app).await;
    for (terms, broader, field) in [
        ("", "", "terms"),
        ("alleen", "", "terms"),
        ("stand van zaken ~ stand", "", "terms"),
        ("a ~ b", "twee woorden", "broader"),
    ] {
        let (status, page) = admin
            .post_page(
                "/admin/thesaurus",
                &[("language", "nl"), ("terms", terms), ("broader", broader)],
            )
            .await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{terms} / {broader}"
        );
        assert!(
            !page.text(&format!("#{field}-error")).is_empty(),
            "{terms} / {broader}"
        );
        assert_eq!(page.one("#terms").value().attr("value"), Some(terms));
    }
    let (status, _) = admin
        .post_page(
            "/admin/thesaurus",
            &[("language", "xx"), ("terms", "a ~ b")],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(sets(&app).await, before);
    assert_eq!(app.audit_count("thesaurus.created").await, 0);
}
