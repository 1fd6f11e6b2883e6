//! Where signing in leads: `next=` is followed when it is a path on this
//! site and ignored otherwise (the user lands where they would without it).

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use super::LoginForm;
use crate::support::actors::PASSWORD;
use crate::support::{TestApp, urlencoded};

#[tokio::test]
async fn after_signing_in_the_user_lands_on_the_page_they_asked_for() {
    let app = TestApp::spawn().await;
    let email = "next@test.example";
    app.create_user(email, Role::Admin, "").await;
    let response = app.get("/admin/users?q=test").await;
    let login = response.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(login, "/login?next=%2Fadmin%2Fusers%3Fq%3Dtest");
    let (form, page) = LoginForm::open_at(&app, &login).await;
    let next = page.value("input[name=next]");
    assert_eq!(next, "/admin/users?q=test");
    let answer = form.submit(email, PASSWORD, &next).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    assert_eq!(answer.location.as_deref(), Some("/admin/users?q=test"));
}

/// Where signing in with `next` leads.
async fn landing(app: &TestApp, email: &str, next: &str) -> (StatusCode, Option<String>) {
    let answer = LoginForm::open(app)
        .await
        .submit(email, PASSWORD, next)
        .await;
    (answer.status, answer.location)
}

/// Where signing in leads without `next` (what an ignored `next` gives):
/// a path on this site.
async fn home(app: &TestApp, email: &str) -> Option<String> {
    let (status, location) = landing(app, email, "").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let home = location.expect("a Location");
    assert!(home.starts_with('/') && !home.starts_with("//"), "{home}");
    Some(home)
}

#[tokio::test]
async fn next_pointing_to_another_site_is_ignored() {
    let app = TestApp::spawn().await;
    let email = "elsewhere@test.example";
    app.create_user(email, Role::Manager, "").await;
    let home = home(&app, email).await;
    let elsewhere = [
        "https://evil.example/",
        "//evil.example/account",
        "/\\evil.example",
        "http:evil.example",
        "javascript:alert(1)",
        "evil.example",
    ];
    for next in elsewhere {
        let (status, location) = landing(&app, email, next).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{next}");
        assert_eq!(location, home, "{next}");
        // Nor does the form carry it along.
        let path = format!("/login?next={}", urlencoded(next));
        let (_, page) = LoginForm::open_at(&app, &path).await;
        assert_eq!(
            page.one("input[name=next]").value().attr("value"),
            Some(""),
            "{next}"
        );
    }
    // A signed-in visitor of the form is sent on, but not elsewhere.
    let manager = app.login(email, PASSWORD).await.unwrap();
    let plain = manager.get("/login").await.headers()["location"].clone();
    let response = manager.get("/login?next=%2F%2Fevil.example").await;
    assert_eq!(response.headers()["location"], plain);
    let response = manager.get("/login?next=https%3A%2F%2Fevil.example").await;
    assert_eq!(response.headers()["location"], plain);
    let response = manager.get("/login?next=%2Faccount").await;
    assert_eq!(response.headers()["location"], "/account");
}

#[tokio::test]
async fn next_with_a_tab_cannot_send_the_browser_to_another_host() {
    let app = TestApp::spawn().await;
    let email = "tab@test.example";
    app.create_user(email, Role::Manager, "").await;
    let home = home(&app, email).await;
    // Browsers remove tabs and newlines from URLs: "/\t/evil.example"
    // becomes "//evil.example", another host.
    let (status, location) = landing(&app, email, "/\t/evil.example").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, home);
}

#[tokio::test]
async fn next_with_a_control_character_is_ignored_rather_than_failing() {
    let app = TestApp::spawn().await;
    let email = "control@test.example";
    app.create_user(email, Role::Manager, "").await;
    let home = home(&app, email).await;
    let (status, location) = landing(&app, email, "/\u{1}account").await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location, home);
}
