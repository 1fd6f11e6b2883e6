//! Publishing a draft (now or on a later date), a failed publication,
//! and discarding a draft.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use super::{SLUG, editor, save_section, start_draft};
use crate::support::TestApp;
use crate::support::form::set;

#[tokio::test]
async fn publishing_freezes_the_draft_and_the_history_shows_the_word_diff() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let page = start_draft(&admin).await;
    let mut cells = page.form_fields("#cells-0");
    set(
        &mut cells,
        "cell-C",
        "Voor de uitoefening van de verschillende activiteiten is grondige kennis vereist van verschillende werkprocedures.",
    );
    save_section(&admin, "cells", &cells, "save").await;
    let rev = editor(&admin).await.revision();
    // The change note is required.
    let (status, _) = admin
        .post_page(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[("revision", &rev), ("change_note", " ")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[
                ("revision", &rev),
                ("change_note", "Kennis op C aangescherpt"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert!(page.text("table.grid").contains("grondige kennis"));
    let (_, history) = app.page(&format!("/profiles/{SLUG}/history")).await;
    assert!(
        history
            .text("table.list")
            .contains("Kennis op C aangescherpt")
    );
    let (_, diff) = app
        .page(&format!("/profiles/{SLUG}/diff?from=1&to=2"))
        .await;
    assert_eq!(diff.texts(".diff-item dt")[0], "Kennis · C gewijzigd");
    assert!(
        diff.texts(".diff-item ins")
            .iter()
            .any(|t| t.contains("grondige"))
    );
    assert!(
        diff.texts(".diff-item del")
            .iter()
            .any(|t| t.contains("-methodes."))
    );
    // The old draft is gone; version 2 is frozen.
    assert_eq!(
        admin
            .get(&format!("/admin/profiles/{SLUG}/draft"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let frozen = sqlx::query("update profile_versions set title = 'x' where version = 2")
        .execute(&app.pool)
        .await;
    assert!(frozen.is_err());
}

#[tokio::test]
async fn a_failure_during_publication_leaves_the_old_version_current() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let page = start_draft(&admin).await;
    // Make the last step of publishing fail, after the old version was superseded.
    sqlx::query(
        "create function fail_publish() returns trigger language plpgsql as $$
         begin if new.status = 'published' and old.status = 'draft' then raise exception 'disk full'; end if; return new; end $$",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("create trigger zz_fail_publish before update on profile_versions for each row execute function fail_publish()")
        .execute(&app.pool)
        .await
        .unwrap();
    let rev = page.revision();
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[("revision", &rev), ("change_note", "Poging")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let statuses: Vec<(i32, String)> =
        sqlx::query_as("select version, status::text from profile_versions order by version")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        statuses,
        [(1, "published".to_string()), (2, "draft".to_string())]
    );
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert!(page.text(".meta").contains("Versie 1"));
}

#[tokio::test]
async fn a_version_with_a_later_date_takes_effect_on_that_date() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let page = start_draft(&admin).await;
    let mut general = page.form_fields("#general form");
    set(
        &mut general,
        "title",
        "Administratieve ondersteuning (vanaf 2030)",
    );
    save_section(&admin, "general", &general, "save").await;
    let rev = editor(&admin).await.revision();
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[
                ("revision", &rev),
                ("change_note", "Nieuwe titel"),
                ("effective", "2030-01-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // The catalogue keeps the current version and says what comes.
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(page.text("h1"), "Administratieve ondersteuning");
    assert!(
        page.text(".notice").contains("01/01/2030"),
        "{}",
        page.text(".notice")
    );
    let (status, next) = app.page(&format!("/profiles/{SLUG}/versions/2")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(next.text(".banner").contains("later"));
    // New positions still use the version in effect.
    let manager = app.login_as(Role::Manager).await;
    manager.start_position().await;
    let pinned: i32 = sqlx::query_scalar(
        "select v.version from positions p join profile_versions v on v.id = p.profile_version_id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(pinned, 1);
    // Let the date come (the guard forbids editing frozen rows; this test
    // steps around it to move time), then the promotion makes it current.
    assert_eq!(jobclass::drafts::promote_due(&app.pool).await.unwrap(), 0);
    sqlx::query("alter table profile_versions disable trigger profile_versions_guard")
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "update profile_versions set effective_at = now() - interval '1 minute' where version = 2",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("alter table profile_versions enable trigger profile_versions_guard")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(jobclass::drafts::promote_due(&app.pool).await.unwrap(), 1);
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(
        page.text("h1"),
        "Administratieve ondersteuning (vanaf 2030)"
    );
}

#[tokio::test]
async fn discarding_a_draft_removes_it_and_its_content() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let page = start_draft(&admin).await;
    let before = app.count("descriptors").await;
    let rev = page.revision();
    assert_eq!(
        admin
            .post(
                &format!("/admin/profiles/{SLUG}/draft/discard"),
                &[("revision", &rev)]
            )
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.count("descriptors").await, before - 21);
    assert_eq!(app.count("profile_versions").await, 1);
}
