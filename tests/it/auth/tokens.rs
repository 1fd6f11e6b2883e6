//! API tokens: created on `/account` and shown once, stored as a hash,
//! used as `Authorization: Bearer`, revoked, expired.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use sha2::{Digest, Sha256};

use crate::support::TestApp;
use crate::support::actors::Actor;

/// The id of the token with this value.
async fn token_id(app: &TestApp, token: &str) -> i64 {
    sqlx::query_scalar("select id from api_tokens where token_hash = $1")
        .bind(Sha256::digest(token.as_bytes()).to_vec())
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn create(actor: &Actor, name: &str, days: &str) -> (StatusCode, crate::support::html::Page) {
    actor
        .post_page("/account/tokens", &[("name", name), ("expires_days", days)])
        .await
}

#[tokio::test]
async fn a_new_token_is_shown_once_and_stored_only_as_a_hash() {
    let app = TestApp::spawn().await;
    let hr = app.login_as(Role::Hr).await;
    let response = hr
        .post(
            "/account/tokens",
            &[("name", "reporting"), ("expires_days", "")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = crate::support::html::Page::parse(&response.text().await.unwrap());
    let token = page.value("#new-token");
    assert!(token.starts_with("jct_") && token.len() > 40, "{token}");

    let (_, again) = hr.page("/account").await;
    assert!(
        !again.source.contains(&token),
        "the token is shown a second time"
    );
    assert!(again.text("main").contains("reporting"));

    let (prefix, stored): (String, i64) =
        sqlx::query_as("select prefix, count(*) over () from api_tokens where token_hash = $1")
            .bind(Sha256::digest(token.as_bytes()).to_vec())
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(stored, 1);
    assert!(token.starts_with(&prefix) && prefix.len() < 16, "{prefix}");
    let in_clear: i64 =
        sqlx::query_scalar("select count(*) from api_tokens t where t::text like '%' || $1 || '%'")
            .bind(&token[prefix.len()..])
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(in_clear, 0, "the token is stored in clear");
}

#[tokio::test]
async fn a_bearer_token_acts_as_its_user_with_their_role() {
    let app = TestApp::spawn().await;
    for role in [Role::Manager, Role::Hr, Role::Admin] {
        let actor = app.login_as(role).await;
        let token = actor.api_token().await;
        let id = token_id(&app, &token).await;
        let used: Option<time::OffsetDateTime> =
            sqlx::query_scalar("select last_used_at from api_tokens where id = $1")
                .bind(id)
                .fetch_one(&app.pool)
                .await
                .unwrap();
        assert_eq!(used, None);

        let (status, body) = app.api(&token).get("/api/v1/me").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            body,
            serde_json::json!({
                "email": actor.email,
                "name": format!("Test {}", actor.email),
                "role": role.as_str(),
                "unit": "FOD Test / Dienst 1",
            })
        );
        let used: Option<time::OffsetDateTime> =
            sqlx::query_scalar("select last_used_at from api_tokens where id = $1")
                .bind(id)
                .fetch_one(&app.pool)
                .await
                .unwrap();
        let used = used.expect("last_used_at is set");
        assert!(
            (time::OffsetDateTime::now_utc() - used)
                .whole_seconds()
                .abs()
                < 60
        );
    }
}

#[tokio::test]
async fn a_revoked_token_is_refused() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let token = manager.api_token().await;
    let keep = manager.api_token().await;
    assert_eq!(app.api(&token).get("/api/v1/me").await.0, StatusCode::OK);
    let id = token_id(&app, &token).await;
    let response = manager
        .post(&format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let (status, body) = app.api(&token).get("/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
    assert_eq!(
        app.api(&keep).get("/api/v1/me").await.0,
        StatusCode::OK,
        "the other token"
    );
    // Revoking twice finds nothing to revoke.
    let response = manager
        .post(&format!("/account/tokens/{id}/revoke"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let app = TestApp::spawn().await;
    let hr = app.login_as(Role::Hr).await;
    let (status, page) = create(&hr, "short-lived", "30").await;
    assert_eq!(status, StatusCode::OK);
    let token = page.value("#new-token");
    let id = token_id(&app, &token).await;
    let days: f64 = sqlx::query_scalar(
        "select extract(epoch from expires_at - now())::float8 / 86400 from api_tokens where id = $1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!((29.9..=30.0).contains(&days), "expires in {days} days");
    assert_eq!(app.api(&token).get("/api/v1/me").await.0, StatusCode::OK);

    sqlx::query("update api_tokens set expires_at = now() - interval '1 second' where id = $1")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, body) = app.api(&token).get("/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
}

#[tokio::test]
async fn a_user_cannot_revoke_another_users_token() {
    let app = TestApp::spawn().await;
    let owner = app.login_as(Role::Manager).await;
    let token = owner.api_token().await;
    let id = token_id(&app, &token).await;
    for other in [
        app.login_as(Role::Manager).await,
        app.login_as(Role::Admin).await,
    ] {
        let response = other
            .post(&format!("/account/tokens/{id}/revoke"), &[])
            .await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{}", other.email);
    }
    assert_eq!(app.api(&token).get("/api/v1/me").await.0, StatusCode::OK);
    let revoked: i64 =
        sqlx::query_scalar("select count(*) from api_tokens where revoked_at is not null")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(revoked, 0);
}

#[tokio::test]
async fn a_token_needs_a_name_and_a_sensible_lifetime() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let cases = [
        ("", "", "#token-name-error"),
        ("ok", "0", "#token-days-error"),
        ("ok", "3651", "#token-days-error"),
        ("ok", "soon", "#token-days-error"),
        ("ok", "-5", "#token-days-error"),
    ];
    for (name, days, error) in cases {
        let (status, page) = create(&manager, name, days).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?} {days:?}"
        );
        assert_eq!(page.count(error), 1, "{name:?} {days:?}");
        assert_eq!(page.count("#new-token"), 0);
        assert_eq!(app.count("api_tokens").await, 0, "{name:?} {days:?}");
    }
}
