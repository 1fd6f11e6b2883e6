//! Signing in and out, sessions, CSRF, API tokens and throttling.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::actors::PASSWORD;

#[tokio::test]
async fn a_user_signs_in_sees_their_account_and_signs_out() {
    let app = TestApp::spawn().await;
    let hr = app.login_as(Role::Hr).await;
    let (status, page) = hr.page("/account").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.text("main").contains(&hr.email));
    assert!(hr.user_id > 0);

    let response = hr.post("/logout", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = hr.get("/account").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?next=%2Faccount");
}

#[tokio::test]
async fn api_tokens_authenticate_as_their_user() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let token = manager.api_token().await;
    assert!(token.starts_with("jct_"));
    let me: serde_json::Value = crate::support::client()
        .get(app.url("/api/v1/me"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(me["email"], manager.email);
    assert_eq!(me["role"], "manager");
    assert!(me.get("csrf_token").is_none());

    let response = crate::support::client()
        .get(app.url("/api/v1/me"))
        .bearer_auth("jct_not-a-token")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(app.login(&manager.email, PASSWORD).await.is_ok());
}
