//! Signed-in sessions kept in memory by each instance (src/app/caches.rs):
//! once kept, a signed-in request runs no statement to learn who asks,
//! and a session that ends or a user that changes is forgotten by the
//! instance that made the change at once and by the others within a
//! moment (far sooner than an entry's 30 s).

use std::time::{Duration, Instant};

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::actors::Actor;
use crate::support::queries::{count, statements, traced_get};

/// The same browser, sending its requests to `app` instead.
fn at(actor: &Actor, app: &TestApp) -> Actor {
    Actor {
        client: actor.client.clone(),
        base: app.url(""),
        user_id: actor.user_id,
        email: actor.email.clone(),
        csrf: actor.csrf.clone(),
    }
}

/// Statements run by one GET of `path` as `actor`.
async fn statements_of(actor: &Actor, path: &str) -> usize {
    let (id, status, _) = traced_get(&actor.client, &actor.url(path)).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    count(&id)
}

/// Waits until `actor`'s session is served from memory (the instance
/// listens once its listening connection is up).
async fn until_kept(actor: &Actor) {
    let deadline = Instant::now() + Duration::from_secs(5);
    while statements_of(actor, "/healthz").await > 0 {
        assert!(
            Instant::now() < deadline,
            "the session is never served from memory"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until `actor` is signed out; fails after two seconds.
async fn until_signed_out(actor: &Actor, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(2);
    while actor.is_signed_in().await {
        assert!(Instant::now() < deadline, "{what}: still signed in");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Changes a user straight in the database (`set` is an SQL assignment).
async fn change_user(app: &TestApp, set: &str, id: i64) {
    sqlx::query(&format!("update users set {set} where id = $1"))
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_kept_session_answers_signed_in_requests_without_a_statement() {
    let app = TestApp::spawn_listening().await;
    let manager = app.login_as(Role::Manager).await;
    until_kept(&manager).await;
    // The page itself still reads what it shows, but not the session.
    let (id, status, text) = traced_get(&manager.client, &manager.url("/positions")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text.contains(&manager.email),
        "the page is not the manager's"
    );
    assert!(
        !statements(&id)
            .iter()
            .any(|s| s.contains("tower_sessions.session")),
        "{:?}",
        statements(&id)
    );
}

#[tokio::test]
async fn signing_out_is_seen_by_the_next_request_on_the_same_instance() {
    let app = TestApp::spawn_listening().await;
    let manager = app.login_as(Role::Manager).await;
    until_kept(&manager).await;
    let response = manager.post("/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // No waiting: the instance that ended the session forgot it.
    assert!(!manager.is_signed_in().await);
}

#[tokio::test]
async fn signing_out_on_one_instance_ends_the_session_on_the_others() {
    let first = TestApp::spawn_listening().await;
    let second = first.another_instance().await;
    let manager = first.login_as(Role::Manager).await;
    let elsewhere = at(&manager, &second);
    until_kept(&elsewhere).await;
    assert!(elsewhere.is_signed_in().await);

    let response = manager.post("/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    until_signed_out(&elsewhere, "after signing out on the first instance").await;
}

#[tokio::test]
async fn a_user_deactivated_elsewhere_is_signed_out_within_a_moment() {
    let app = TestApp::spawn_listening().await;
    let manager = app.login_as(Role::Manager).await;
    until_kept(&manager).await;
    // As the command line or another instance would: straight in the database.
    change_user(&app, "active = false", manager.user_id).await;
    until_signed_out(&manager, "after deactivation").await;
}

#[tokio::test]
async fn a_role_changed_elsewhere_applies_within_a_moment() {
    let app = TestApp::spawn_listening().await;
    let manager = app.login_as(Role::Manager).await;
    until_kept(&manager).await;
    assert_eq!(manager.get("/review").await.status(), StatusCode::FORBIDDEN);
    change_user(&app, "role = 'hr'", manager.user_id).await;
    let deadline = Instant::now() + Duration::from_secs(2);
    while manager.get("/review").await.status() != StatusCode::OK {
        assert!(
            Instant::now() < deadline,
            "the old role outlived the change"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
