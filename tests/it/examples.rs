//! `/admin/profiles/{slug}/examples`: admins keep the level examples that
//! evidence reading compares a manager's evidence with, and the task
//! examples task matching reads as confirmed tasks; the seed profile comes
//! with starter sets, stored once. Every change is audited, refused input
//! changes nothing, and the next reading follows the change.

use jobclass::assessment::{examples, task_examples};
use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::matching::{read_evidence, read_task};
use crate::support::TestApp;
use crate::support::api::SLUG;

async fn stored(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from level_examples")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_starter_examples_are_stored_once_and_not_brought_back() {
    let app = TestApp::spawn().await;
    let starter = examples::starter().filter(|(p, _)| *p == SLUG).count() as i64;
    assert!(starter >= 200, "{starter}");
    assert_eq!(stored(&app).await, starter);
    sqlx::query("delete from level_examples where id = (select min(id) from level_examples)")
        .execute(&app.pool)
        .await
        .unwrap();
    examples::seed_once(&app.pool).await.unwrap();
    assert_eq!(stored(&app).await, starter - 1);
    let tasks = task_examples::starter().filter(|(p, _)| *p == SLUG).count() as i64;
    assert!(tasks >= 20, "{tasks}");
    assert_eq!(stored_tasks(&app).await, tasks);
}

/// A database seeded before the Dutch task examples came holds the French
/// ones under the mark without a language: the next start adds the Dutch
/// once, and the French are not stored twice.
#[tokio::test]
async fn a_database_seeded_before_the_dutch_task_examples_gets_them_once() {
    let app = TestApp::spawn().await;
    let count = |language: &'static str| {
        task_examples::starter()
            .filter(|(p, e)| *p == SLUG && e.language == language)
            .count() as i64
    };
    let (fr, nl) = (count("fr"), count("nl"));
    assert!(fr >= 20 && nl >= 80, "{fr} {nl}");
    assert_eq!(stored_tasks(&app).await, fr + nl);
    // As such a database was: the French set under the old mark only.
    sqlx::query("delete from task_examples where language = 'nl'")
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query("delete from seeded where name like 'task-examples-%'")
        .execute(&app.pool)
        .await
        .unwrap();
    task_examples::seed_once(&app.pool).await.unwrap();
    assert_eq!(stored_tasks(&app).await, fr + nl);
    task_examples::seed_once(&app.pool).await.unwrap();
    assert_eq!(stored_tasks(&app).await, fr + nl);
    let dutch: i64 = sqlx::query_scalar("select count(*) from task_examples where language = 'nl'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(dutch, nl);
}

async fn stored_tasks(app: &TestApp) -> i64 {
    sqlx::query_scalar("select count(*) from task_examples")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The 1-based position of the area a task matches best, and its terms.
async fn best_area(app: &TestApp, task: &str) -> (i64, serde_json::Value) {
    let read = read_task(app, task).await;
    (
        read["result_areas"][0]["position"].as_i64().unwrap(),
        read["terms"].clone(),
    )
}

#[tokio::test]
async fn a_task_example_teaches_matching_in_its_language_and_can_be_deleted() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let url = format!("/admin/profiles/{SLUG}/examples");
    let task = "Je commande les vêtements de travail pour les techniciens";
    // Its words for clothing are in no text of the profile.
    let before = best_area(&app, task).await;
    assert!(
        !before.1.as_array().unwrap().contains(&json!("vêtements")),
        "{before:?}"
    );
    let dutch = "Bestelt de werkkledij voor de techniekers";
    let dutch_before = read_task(&app, dutch).await;

    let count = stored_tasks(&app).await;
    let added = admin
        .post(
            &format!("{url}/tasks"),
            &[
                ("language", "fr"),
                ("area", "Als praktische organisator"),
                (
                    "task",
                    "Commander les vêtements de travail et les chaussures de sécurité des techniciens",
                ),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored_tasks(&app).await, count + 1);
    assert_eq!(app.audit_count("task_example.added").await, 1);
    let after = best_area(&app, task).await;
    assert_eq!(after.0, 2, "{after:?}");
    assert!(
        after.1.as_array().unwrap().contains(&json!("vêtements")),
        "{after:?}"
    );
    // A task in Dutch is read against the Dutch texts, without it.
    assert_eq!(read_task(&app, dutch).await, dutch_before);

    let id: i64 = sqlx::query_scalar("select id from task_examples where text like '%chaussures%'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (_, page) = admin.page(&format!("{url}?lang_set=fr")).await;
    assert!(
        page.text(&format!("#task-example-{id}"))
            .contains("vêtements")
    );
    let deleted = admin.post(&format!("{url}/tasks/{id}/delete"), &[]).await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count("task_example.deleted").await, 1);
    assert_eq!(best_area(&app, task).await, before);
    let again = admin.post(&format!("{url}/tasks/{id}/delete"), &[]).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);

    // Refused: an area the profile lacks, an empty task.
    for (area, text, field) in [
        ("Als tuinier", "Maait het gras", "area"),
        ("Als contactpersoon", "  ", "task"),
    ] {
        let (status, page) = admin
            .post_page(
                &format!("{url}/tasks"),
                &[("language", "nl"), ("area", area), ("task", text)],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(!page.text(&format!("#{field}-error")).is_empty(), "{field}");
    }
    assert_eq!(stored_tasks(&app).await, count);
    assert_eq!(app.audit_count("task_example.added").await, 1);
}

#[tokio::test]
async fn an_admin_adds_and_deletes_an_example_each_audited_and_the_next_reading_follows() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let url = format!("/admin/profiles/{SLUG}/examples");
    let (status, page) = admin.page(&url).await;
    assert_eq!(status, StatusCode::OK);
    let shown = page.count(".example-list li");
    assert!(shown >= 100, "{shown}");

    // Words no descriptor or example of Kennis has: no level to read.
    let evidence = "Kent de regels voor het wagenpark en de tankkaarten";
    let before = read_evidence(&app, "Kennis", evidence).await;
    assert_ne!(before["suggested"], json!("B"), "{before}");

    let before_count = stored(&app).await;
    let added = admin
        .post(
            &url,
            &[
                ("language", "nl"),
                ("criterion", "Kennis"),
                ("level", "B"),
                (
                    "text",
                    "Beheert het wagenpark: kent de regels voor tankkaarten, verzekering en onderhoud door en door",
                ),
            ],
        )
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(&app).await, before_count + 1);
    assert_eq!(app.audit_count("level_example.added").await, 1);
    // Without change notices (this app does not listen) nothing is kept:
    // the next reading compares with the new example.
    let after = read_evidence(&app, "Kennis", evidence).await;
    assert_eq!(after["suggested"], json!("B"), "{after}");
    let terms = after["terms"].as_array().unwrap();
    assert!(terms.contains(&json!("wagenpark")), "{after}");
    // Other criteria are not read with it.
    let other = read_evidence(&app, "Contacten", evidence).await;
    let terms = other["terms"].as_array().unwrap();
    assert!(!terms.contains(&json!("wagenpark")), "{other}");

    let id: i64 = sqlx::query_scalar("select id from level_examples where text like '%wagenpark%'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (_, page) = admin.page(&url).await;
    assert!(page.text(&format!("#example-{id}")).contains("tankkaarten"));
    let deleted = admin.post(&format!("{url}/{id}/delete"), &[]).await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    assert_eq!(stored(&app).await, before_count);
    assert_eq!(app.audit_count("level_example.deleted").await, 1);
    assert_eq!(read_evidence(&app, "Kennis", evidence).await, before);
    let again = admin.post(&format!("{url}/{id}/delete"), &[]).await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn refused_examples_say_why_and_change_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let url = format!("/admin/profiles/{SLUG}/examples");
    let before = stored(&app).await;
    let long = "woord ".repeat(400);
    for (criterion, level, text, field) in [
        ("Kennis", "B", "   ", "text"),
        ("Kennis", "B", long.as_str(), "text"),
        ("Geen criterium", "B", "Een goed voorbeeld", "criterion"),
        ("Kennis", "Z", "Een goed voorbeeld", "level"),
    ] {
        let (status, page) = admin
            .post_page(
                &url,
                &[
                    ("language", "nl"),
                    ("criterion", criterion),
                    ("level", level),
                    ("text", text),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(!page.text(&format!("#{field}-error")).is_empty(), "{field}");
    }
    let (status, _) = admin
        .post_page(
            &url,
            &[
                ("language", "xx"),
                ("criterion", "Kennis"),
                ("level", "B"),
                ("text", "Een goed voorbeeld"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _) = admin
        .post_page(
            "/admin/profiles/geen-profiel/examples",
            &[
                ("language", "nl"),
                ("criterion", "Kennis"),
                ("level", "B"),
                ("text", "Een goed voorbeeld"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(stored(&app).await, before);
    assert_eq!(app.audit_count("level_example.added").await, 0);
}
