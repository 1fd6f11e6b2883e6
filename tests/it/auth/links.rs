//! One-time links to set a password: for a new user and after a reset.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::actors::{Actor, PASSWORD, csrf_of};
use crate::support::html::Page;
use crate::support::{TestApp, client};

/// Sets a password through a one-time link in a fresh browser (whose
/// CSRF token comes from the login form, so it is valid whatever the link).
async fn use_link(app: &TestApp, link: &str, password: &str, confirm: &str) -> reqwest::Response {
    let browser = client();
    let csrf = csrf_of(&browser, &app.url("/login")).await;
    browser
        .post(app.url(link))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("password", password),
            ("confirm", confirm),
        ])
        .send()
        .await
        .unwrap()
}

/// Creates a user through the admin form with a one-time link; returns
/// the user's id and the link.
async fn invite(app: &TestApp, admin: &Actor, email: &str) -> (i64, String) {
    let response = admin
        .post(
            "/admin/users/new",
            &[
                ("email", email),
                ("name", "Invited"),
                ("role", "manager"),
                ("method", "link"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = Page::parse(&response.text().await.unwrap());
    let link = page.value("#link");
    let id = sqlx::query_scalar("select id from users where email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    (id, link)
}

#[tokio::test]
async fn an_admin_creates_a_user_who_sets_their_password_through_a_one_time_link() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let email = "new.person@test.example";
    let response = admin
        .post(
            "/admin/users/new",
            &[
                ("email", email),
                ("name", "New Person"),
                ("role", "hr"),
                ("unit", "FOD Nieuw"),
                ("method", "link"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let page = Page::parse(&response.text().await.unwrap());
    let link = page.value("#link");
    assert!(link.starts_with("/set-password/"), "{link}");
    let (id, role, password_set): (i64, String, bool) = sqlx::query_as(
        "select id, role::text, password_hash is not null from users where email = $1",
    )
    .bind(email)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((role.as_str(), password_set), ("hr", false));
    // Shown once: the user's page does not show it again.
    let (_, user_page) = admin.page(&format!("/admin/users/{id}")).await;
    assert!(!user_page.source.contains(&link));

    let (status, form) = {
        let response = client().get(app.url(&link)).send().await.unwrap();
        (
            response.status(),
            Page::parse(&response.text().await.unwrap()),
        )
    };
    assert_eq!(status, StatusCode::OK);
    assert!(form.text("main").contains(email));
    let new = "my own long passphrase";
    let response = use_link(&app, &link, new, "a different passphrase").await;
    assert_eq!(
        response.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a mismatch"
    );
    let response = use_link(&app, &link, new, new).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login");

    // Used up.
    assert_eq!(
        client().get(app.url(&link)).send().await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    let response = use_link(
        &app,
        &link,
        "another passphrase here",
        "another passphrase here",
    )
    .await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let person = app.login(email, new).await.expect("the new password works");
    let me: serde_json::Value = person.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["role"], "hr");
}

#[tokio::test]
async fn a_password_reset_stops_the_old_password_and_gives_a_new_link() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let user = app.login_as(Role::Manager).await;
    let response = admin
        .post(
            &format!("/admin/users/{}/reset-password", user.user_id),
            &[],
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = Page::parse(&response.text().await.unwrap());
    let link = page.value("#link");

    assert!(
        !user.is_signed_in().await,
        "the reset ends the user's sessions"
    );
    assert_eq!(
        app.login(&user.email, PASSWORD).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
    let new = "a fresh start passphrase";
    assert_eq!(
        use_link(&app, &link, new, new).await.status(),
        StatusCode::SEE_OTHER
    );
    assert!(app.login(&user.email, new).await.is_ok());
    assert_eq!(app.audit_count("user.password_reset").await, 1);
}

#[tokio::test]
async fn a_password_reset_retires_the_links_given_before() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let email = "invited@test.example";
    let (id, first) = invite(&app, &admin, email).await;
    // The first link may have leaked: the admin gives a new one.
    let response = admin
        .post(&format!("/admin/users/{id}/reset-password"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = Page::parse(&response.text().await.unwrap());
    let second = page.value("#link");
    assert_ne!(first, second);

    let status = client().get(app.url(&first)).send().await.unwrap().status();
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "the first link still opens"
    );
    let stolen = "set through the old link";
    let response = use_link(&app, &first, stolen, stolen).await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "the first link still sets a password"
    );
    assert!(app.login(email, stolen).await.is_err());
    let own = "set through the new link";
    assert_eq!(
        use_link(&app, &second, own, own).await.status(),
        StatusCode::SEE_OTHER
    );
}
