//! The gender-neutral wording check: a version's report names each
//! listed word a text uses without its pair (the seed's footnote, masculine
//! forms "for readability", first of all), and admins keep the list, each
//! change audited.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::api::SLUG;

#[tokio::test]
async fn the_seeds_footnote_with_the_masculine_form_for_readability_is_reported() {
    let app = TestApp::spawn().await;
    let hr = app.login_as(Role::Hr).await;
    let (status, page) = hr
        .page(&format!("/profiles/{SLUG}/versions/1/wording"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let rows = page.all("#wording-hints tbody tr");
    let texts: Vec<String> = rows
        .iter()
        .map(|r| crate::support::html::text_of(*r))
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("voetnoot") && t.contains("mannelijke vorm")),
        "{texts:?}"
    );
    let manager = app.login_as(Role::Manager).await;
    let (status, _) = manager
        .page(&format!("/profiles/{SLUG}/versions/1/wording"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = hr
        .page(&format!("/profiles/{SLUG}/versions/9/wording"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn admins_add_and_remove_words_and_the_report_follows_the_list() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let wording = format!("/profiles/{SLUG}/versions/1/wording");
    let before = admin
        .page(&wording)
        .await
        .1
        .count("#wording-hints tbody tr");
    // "gebruiker" is one of the seed's masculine forms; its pair is absent.
    let response = admin
        .post(
            "/admin/wording",
            &[
                ("language", "nl"),
                ("term", "Gebruiker"),
                ("pair", "gebruikster"),
                ("kind", "title"),
                ("advice", "Schrijf „gebruiker (m/v/x)”."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = admin.page(&wording).await.1;
    assert!(page.count("#wording-hints tbody tr") > before);
    assert!(
        page.texts(".wording-term")
            .contains(&"gebruiker".to_string())
    );
    // The same word again, or a kind that does not exist: refused.
    let (status, page) = admin
        .post_page(
            "/admin/wording",
            &[("language", "nl"), ("term", "gebruiker"), ("kind", "title")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.count("#term-error"), 1);
    let (status, _) = admin
        .post_page(
            "/admin/wording",
            &[("language", "de"), ("term", "er"), ("kind", "pronoun")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.audit_count("wording.term_added").await, 1);

    let id: i64 = sqlx::query_scalar("select id from wording_terms where term = 'gebruiker'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let response = admin
        .post(&format!("/admin/wording/{id}/delete"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        admin
            .page(&wording)
            .await
            .1
            .count("#wording-hints tbody tr"),
        before
    );
    assert_eq!(app.audit_count("wording.term_removed").await, 1);
    let hr = app.login_as(Role::Hr).await;
    assert_eq!(
        hr.post(&format!("/admin/wording/{id}/delete"), &[])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_draft_editor_shows_the_wording_hints_of_the_draft() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    admin
        .post(&format!("/admin/profiles/{SLUG}/draft"), &[])
        .await;
    let (status, page) = admin.page(&format!("/admin/profiles/{SLUG}/draft")).await;
    assert_eq!(status, StatusCode::OK);
    let hints = page.texts(".wording-hints li");
    assert!(
        hints.iter().any(|h| h.contains("mannelijke vorm")),
        "{hints:?}"
    );
}

#[tokio::test]
async fn a_translation_is_checked_with_the_words_of_its_own_language() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    // The seed's unofficial French translation keeps the footnote's
    // masculine forms "pour des raisons de lisibilité".
    let (status, page) = admin
        .page(&format!("/profiles/{SLUG}/versions/1/wording"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("section.wording-language"), 2);
    let french: Vec<String> = page
        .all("#wording-hints-fr tbody tr")
        .iter()
        .map(|r| crate::support::html::text_of(*r))
        .collect();
    for term in ["forme masculine", "collaborateur", "utilisateur"] {
        assert!(
            french
                .iter()
                .any(|t| t.contains("voetnoot") && t.contains(term)),
            "{term}: {french:?}"
        );
    }
    // Dutch words are not looked for in French, nor French ones in Dutch.
    assert!(!french.iter().any(|t| t.contains("mannelijke vorm")));
    let dutch = page.text("#wording-hints");
    assert!(!dutch.contains("forme masculine"), "{dutch}");

    // The draft's translation page gives the same hints while translating.
    let started = admin
        .post(&format!("/admin/profiles/{SLUG}/draft"), &[])
        .await;
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let (status, page) = admin
        .page(&format!("/admin/profiles/{SLUG}/draft/translations/fr"))
        .await;
    assert_eq!(status, StatusCode::OK);
    let hints = page.texts(".wording-hints li");
    assert!(
        hints.iter().any(|h| h.contains("forme masculine")),
        "{hints:?}"
    );
    assert!(!hints.iter().any(|h| h.contains("mannelijke vorm")));
}
