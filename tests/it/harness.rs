//! The harness itself: every database a test gets is dropped when the test
//! is done with it, so none pile up on a `DATABASE_URL` server.

use crate::support::{TestApp, server};

#[tokio::test]
async fn an_apps_database_is_dropped_when_the_app_is() {
    let app = TestApp::spawn().await;
    let name = app.database.name().to_string();
    assert!(server().has_database(&name).await);

    drop(app);
    assert!(!server().has_database(&name).await, "{name} is still there");
}

#[tokio::test]
async fn a_database_two_instances_share_is_dropped_when_the_last_goes() {
    let first = TestApp::spawn().await;
    let second = first.another_instance().await;
    let name = first.database.name().to_string();

    drop(first);
    assert!(
        server().has_database(&name).await,
        "dropped under the second"
    );
    let (status, _) = second.page("/").await;
    assert_eq!(status, reqwest::StatusCode::OK, "the second still serves");

    drop(second);
    assert!(!server().has_database(&name).await, "{name} is still there");
}

#[tokio::test]
async fn a_blank_database_is_dropped_with_its_handle() {
    let blank = server().blank_database().await;
    let name = blank.name().to_string();
    let pool = server().pool(&blank).await;
    assert!(server().has_database(&name).await);

    // Even with connections still open on it.
    drop(blank);
    assert!(!server().has_database(&name).await, "{name} is still there");
    drop(pool);
}
