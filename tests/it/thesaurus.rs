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
    assert_eq!(terms_of(&app, "De kwisfinale").await, json!([]));

    let created = admin
        .post(
            "/admin/thesaurus",
            &[
                ("language", "nl"),
                ("terms", "Kwisfinale ~ quizfinale"),
                ("broader", "activiteit"),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    assert_eq!(sets(&app).await, before + 1);
    assert_eq!(app.audit_count("thesaurus.created").await, 1);
    // Without change notices (this app does not listen) nothing is kept:
    // the next match reads the new set.
    assert_eq!(terms_of(&app, "De kwisfinale").await, json!(["kwisfinale"]));

    let id: i64 =
        sqlx::query_scalar("select id from thesaurus_sets where 'kwisfinale' = any(terms)")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (_, page) = admin.page("/admin/thesaurus?lang_set=nl").await;
    assert_eq!(
        page.one(&format!("#terms-{id}")).value().attr("value"),
        Some("kwisfinale ~ quizfinale")
    );
    let updated = admin
        .post(
            &format!("/admin/thesaurus/{id}"),
            &[
                ("language", "nl"),
                ("terms", "quizfinale ~ kwisnamiddag"),
                ("broader", "activiteit"),
            ],
        )
        .await;
    assert_eq!(updated.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count("thesaurus.updated").await, 1);
    assert_eq!(terms_of(&app, "De kwisfinale").await, json!([]));

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

#[tokio::test]
async fn starter_sets_missing_here_are_offered_and_added_back_in_one_audited_change() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    // A fresh database holds the whole starter set: nothing is offered.
    let (_, page) = admin.page("/admin/thesaurus?lang_set=nl").await;
    assert_eq!(page.count("#starter-h"), 0);

    // An installation whose sets lack two starter sets (deleted here, or
    // new in a later release).
    let gone: Vec<i64> = sqlx::query_scalar(
        "delete from thesaurus_sets where id in
           (select id from thesaurus_sets where language = 'nl' order by id desc limit 2)
         returning id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(gone.len(), 2);
    let before = sets(&app).await;
    let (status, page) = admin.page("/admin/thesaurus?lang_set=nl").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("#starter-h"), 1);
    assert!(
        page.text("#starter-h + p").contains('2'),
        "{}",
        page.text("#starter-h + p")
    );
    // French sets were not touched: nothing is offered there.
    let (_, fr) = admin.page("/admin/thesaurus?lang_set=fr").await;
    assert_eq!(fr.count("#starter-h"), 0);

    let bad = admin
        .post("/admin/thesaurus/starter", &[("language", "xx")])
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert_eq!(sets(&app).await, before);

    let added = admin
        .post("/admin/thesaurus/starter", &[("language", "nl")])
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    assert_eq!(sets(&app).await, before + 2);
    assert_eq!(app.audit_count("thesaurus.starter_added").await, 1);
    let (_, page) = admin.page("/admin/thesaurus?lang_set=nl").await;
    assert_eq!(page.count("#starter-h"), 0);

    // Nothing left to add: no change, no audit entry.
    let again = admin
        .post("/admin/thesaurus/starter", &[("language", "nl")])
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(sets(&app).await, before + 2);
    assert_eq!(app.audit_count("thesaurus.starter_added").await, 1);
}
