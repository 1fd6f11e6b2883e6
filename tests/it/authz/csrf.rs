//! CSRF: every state-changing request from a browser session needs the
//! session's token; API requests with a bearer token do not.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::actors::{Actor, PASSWORD};

/// A state-changing request: path, form fields, and the table it writes.
type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a str);

/// A POST with `fields` and the CSRF field as given (`None`: left out).
async fn post_with(
    actor: &Actor,
    path: &str,
    fields: &[(&str, &str)],
    csrf: Option<&str>,
) -> reqwest::Response {
    let mut all: Vec<(&str, &str)> = fields.to_vec();
    if let Some(token) = csrf {
        all.push(("csrf_token", token));
    }
    actor
        .client
        .post(actor.url(path))
        .form(&all)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_post_without_a_valid_csrf_token_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let other = app.login_as(Role::Manager).await;
    let cases: [Case; 3] = [
        (
            "/account/tokens",
            &[("name", "ci"), ("expires_days", "")],
            "api_tokens",
        ),
        (
            "/admin/users/new",
            &[
                ("email", "new.user@test.example"),
                ("name", "New User"),
                ("role", "manager"),
                ("unit", "FOD Test"),
                ("method", "link"),
            ],
            "users",
        ),
        // Last: with a valid token it signs the admin out.
        ("/logout", &[], "user_sessions"),
    ];
    let wrong_tokens = [
        ("no token", None),
        ("an empty token", Some("")),
        ("a made-up token", Some("0123456789abcdef0123456789abcdef")),
        ("another session's token", Some(other.csrf.as_str())),
    ];
    for (path, fields, table) in cases {
        let before = app.count(table).await;
        let audit_before = app.count("audit_log").await;
        for (what, token) in wrong_tokens {
            let response = post_with(&admin, path, fields, token).await;
            assert_eq!(
                response.status(),
                StatusCode::FORBIDDEN,
                "{path} with {what}"
            );
            assert_eq!(
                app.count(table).await,
                before,
                "{path} with {what} changed {table}"
            );
            assert_eq!(
                app.count("audit_log").await,
                audit_before,
                "{path} with {what}"
            );
            assert!(admin.is_signed_in().await, "{path} with {what} signed out");
        }
        // The same request with the session's token goes through.
        let response = post_with(&admin, path, fields, Some(&admin.csrf)).await;
        assert!(
            response.status() == StatusCode::OK || response.status() == StatusCode::SEE_OTHER,
            "{path} with the right token: {}",
            response.status()
        );
        assert_ne!(
            app.count(table).await,
            before,
            "{path} with the right token"
        );
    }
    assert!(!admin.is_signed_in().await);
}

#[tokio::test]
async fn signing_in_needs_the_token_of_the_login_form() {
    let app = TestApp::spawn().await;
    let email = "csrf.login@test.example";
    app.create_user(email, Role::Manager, "").await;
    let browser = app.anonymous().await;
    let stranger = app.anonymous().await;
    let fields = [("email", email), ("password", PASSWORD), ("next", "")];
    for token in [None, Some(stranger.csrf.as_str())] {
        let response = post_with(&browser, "/login", &fields, token).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{token:?}");
        assert_eq!(app.count("user_sessions").await, 0);
        assert!(!browser.is_signed_in().await);
    }
    let response = post_with(&browser, "/login", &fields, Some(&browser.csrf)).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(browser.is_signed_in().await);
}

#[tokio::test]
async fn api_requests_with_a_bearer_token_need_no_csrf_token_but_session_requests_do() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let api = manager.api().await;
    // Creating a draft position is a state-changing API request.
    let url = app.url("/api/v1/positions");
    let body = serde_json::json!({ "profile": "administratieve-ondersteuning" });

    // A session (cookie) caller learns its token from /api/v1/me.
    let me: serde_json::Value = manager.get("/api/v1/me").await.json().await.unwrap();
    let session_token = me["csrf_token"].as_str().expect("csrf_token for a session");
    assert_eq!(session_token, manager.csrf);

    for (what, header) in [
        ("no header", None),
        ("a wrong header", Some("not-the-token")),
    ] {
        let mut request = manager.client.post(&url).json(&body);
        if let Some(value) = header {
            request = request.header("x-csrf-token", value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "session, {what}");
        let error: serde_json::Value = response.json().await.unwrap();
        assert_eq!(error["error"]["code"], "forbidden");
        assert_eq!(app.count("positions").await, 0, "session, {what}");
    }
    let response = manager
        .client
        .post(&url)
        .header("x-csrf-token", session_token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::CREATED,
        "session with the header"
    );
    assert_eq!(app.count("positions").await, 1);

    // A bearer caller has no cookie and sends no CSRF token.
    let (status, _) = api.post("/api/v1/positions", Some(&body)).await;
    assert_eq!(status, StatusCode::CREATED, "bearer");
    assert_eq!(app.count("positions").await, 2);
    let (status, _) = app
        .api("jct_0000")
        .post("/api/v1/positions", Some(&body))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "a wrong bearer token");
    assert_eq!(app.count("positions").await, 2);
}
