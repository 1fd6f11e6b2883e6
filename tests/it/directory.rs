//! The cached catalogue follows publications made anywhere: the database
//! announces them and every instance drops what it cached.

use std::time::{Duration, Instant};

use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::api::SLUG;
use crate::support::queries::{count, traced_get};

async fn title(app: &TestApp) -> String {
    let (status, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(status, StatusCode::OK);
    page.text("h1")
}

#[tokio::test]
async fn a_publication_elsewhere_reaches_the_cached_pages_within_a_moment() {
    let app = TestApp::spawn_listening().await;
    // Wait until the instance listens and serves from memory: no statement.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let url = app.url(&format!("/profiles/{SLUG}"));
        let (id, _, _) = traced_get(&app.client, &url).await;
        if count(&id) == 0 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the page is never served from the cache"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(title(&app).await, "Administratieve ondersteuning");

    // Another instance (here: straight into the database) publishes version 2.
    app.publish_seed(|doc| doc.title = "Administratieve ondersteuning (herzien)".into())
        .await;

    let deadline = Instant::now() + Duration::from_secs(2);
    while title(&app).await != "Administratieve ondersteuning (herzien)" {
        assert!(
            Instant::now() < deadline,
            "the cached page outlived the publication"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (_, list) = app.json("/api/v1/profiles").await;
    assert_eq!(list[0]["current_version"], 2);
}

#[tokio::test]
async fn signed_in_readers_never_get_a_page_cached_for_someone_else() {
    let app = TestApp::spawn_listening().await;
    let manager = app.login_as(jobclass::auth::model::Role::Manager).await;
    // Warm the anonymous copy, then read as the manager: the page is theirs.
    title(&app).await;
    title(&app).await;
    let (_, page) = manager.page(&format!("/profiles/{SLUG}")).await;
    assert!(
        page.text(".user-menu").contains(&manager.email),
        "{}",
        page.text(".user-menu")
    );
    assert_eq!(page.count("form[action$='/requests']"), 1);
    let (_, anonymous) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(anonymous.count("form[action$='/requests']"), 0);
}
