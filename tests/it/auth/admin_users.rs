//! `/admin/users`: creating users with an initial password, password
//! rules, unique addresses, roles and the last-admin rule.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::actors::Actor;
use crate::support::html::Page;

/// Posts the new-user form.
async fn create(
    admin: &Actor,
    email: &str,
    method: &str,
    password: &str,
) -> (StatusCode, Option<String>, Page) {
    let response = admin
        .post(
            "/admin/users/new",
            &[
                ("email", email),
                ("name", "New Person"),
                ("role", "hr"),
                ("unit", "FOD Nieuw / Dienst 2"),
                ("method", method),
                ("password", password),
            ],
        )
        .await;
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string());
    (
        status,
        location,
        Page::parse(&response.text().await.unwrap()),
    )
}

async fn role_and_active(app: &TestApp, id: i64) -> (String, bool) {
    sqlx::query_as("select role::text, active from users where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// Changes name, role and unit through the edit form.
async fn set_role(admin: &Actor, id: i64, role: &str) -> reqwest::Response {
    admin
        .post(
            &format!("/admin/users/{id}"),
            &[("name", "Renamed"), ("role", role), ("unit", "FOD X")],
        )
        .await
}

#[tokio::test]
async fn an_admin_creates_a_user_with_an_initial_password() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let initial = "a sturdy first passphrase";
    let (status, location, _) = create(&admin, "initial@test.example", "password", initial).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let id: i64 = sqlx::query_scalar("select id from users where email = 'initial@test.example'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(location, Some(format!("/admin/users/{id}")));
    assert!(app.login("initial@test.example", initial).await.is_ok());
    let leaked: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where details::text like '%' || $1 || '%'",
    )
    .bind(initial)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(leaked, 0, "the password is in the audit log");
}

#[tokio::test]
async fn a_weak_initial_password_is_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let email = "weak.case@test.example";
    let too_long = "x1".repeat(65);
    let weak = [
        ("too short", "short pw"),
        ("too common", "Password1234"),
        ("one character", "zzzzzzzzzzzzzzzz"),
        ("too long", too_long.as_str()),
        ("the address", "my weak.case passphrase"),
    ];
    let (users, audit) = (app.count("users").await, app.count("audit_log").await);
    for (what, password) in weak {
        let (status, _, page) = create(&admin, email, "password", password).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        assert_eq!(page.count("#password-error"), 1, "{what}");
        assert!(
            !page.source.contains(password),
            "{what}: the password is shown again"
        );
        assert_eq!(app.count("users").await, users, "{what}");
        assert_eq!(app.count("audit_log").await, audit, "{what}");
    }
}

#[tokio::test]
async fn an_address_taken_in_another_case_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    app.create_user("Taken.Name@Test.example", Role::Manager, "")
        .await;
    let users = app.count("users").await;
    for method in ["link", "password"] {
        let (status, _, page) = create(
            &admin,
            "taken.name@test.EXAMPLE",
            method,
            "a sturdy initial passphrase",
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{method}");
        assert_eq!(page.count("#email-error"), 1, "{method}");
        assert_eq!(app.count("users").await, users);
        assert_eq!(app.count("password_links").await, 0);
    }
}

#[tokio::test]
async fn a_role_change_applies_to_the_users_next_request() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let user = app.login_as(Role::Manager).await;
    assert_eq!(user.get("/admin").await.status(), StatusCode::FORBIDDEN);

    let response = set_role(&admin, user.user_id, "hr").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let me: serde_json::Value = user.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(
        (me["role"].as_str(), me["name"].as_str()),
        (Some("hr"), Some("Renamed"))
    );
    let details: serde_json::Value =
        sqlx::query_scalar("select details from audit_log where action = 'user.changed'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(details["before"]["role"], "manager");
    assert_eq!(details["after"]["role"], "hr");

    set_role(&admin, user.user_id, "admin").await;
    assert_eq!(user.get("/admin").await.status(), StatusCode::OK);
    let response = set_role(&admin, user.user_id, "boss").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(role_and_active(&app, user.user_id).await.0, "admin");
}

#[tokio::test]
async fn the_only_active_admin_cannot_demote_or_deactivate_themself() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    // An inactive admin does not count.
    let retired = app
        .create_user("retired@test.example", Role::Admin, "")
        .await;
    sqlx::query("update users set active = false where id = $1")
        .bind(retired)
        .execute(&app.pool)
        .await
        .unwrap();
    let audit = app.count("audit_log").await;

    let response = set_role(&admin, admin.user_id, "manager").await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&response.text().await.unwrap());
    assert_eq!(page.count("#role-error"), 1);
    let response = admin
        .post(&format!("/admin/users/{}/deactivate", admin.user_id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);

    assert_eq!(
        role_and_active(&app, admin.user_id).await,
        ("admin".into(), true)
    );
    let name: String = sqlx::query_scalar("select name from users where id = $1")
        .bind(admin.user_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        name,
        format!("Test {}", admin.email),
        "nothing of the form was saved"
    );
    assert_eq!(app.count("audit_log").await, audit);
    assert_eq!(admin.get("/admin").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn with_two_active_admins_either_may_step_down() {
    let app = TestApp::spawn().await;
    let first = app.login_as(Role::Admin).await;
    let second = app.login_as(Role::Admin).await;
    let response = set_role(&first, first.user_id, "manager").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        role_and_active(&app, first.user_id).await,
        ("manager".into(), true)
    );
    assert_eq!(first.get("/admin").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count("user.changed").await, 1);

    // Now the second is the last one.
    let response = second
        .post(&format!("/admin/users/{}/deactivate", second.user_id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);

    set_role(&second, first.user_id, "admin").await;
    let response = first
        .post(&format!("/admin/users/{}/deactivate", second.user_id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        role_and_active(&app, second.user_id).await,
        ("admin".into(), false)
    );
    assert_eq!(app.audit_count("user.deactivated").await, 1);
}

#[tokio::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let app = TestApp::spawn().await;
    let first = app.login_as(Role::Admin).await;
    let second = app.login_as(Role::Admin).await;
    for round in 0..5 {
        let (a, b) = tokio::join!(
            set_role(&first, second.user_id, "manager"),
            set_role(&second, first.user_id, "manager"),
        );
        let done = [a.status(), b.status()]
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count();
        let admins: i64 =
            sqlx::query_scalar("select count(*) from users where role = 'admin' and active")
                .fetch_one(&app.pool)
                .await
                .unwrap();
        assert_eq!(
            (done, admins),
            (1, 1),
            "round {round}: {} and {}",
            a.status(),
            b.status()
        );
        sqlx::query("update users set role = 'admin'")
            .execute(&app.pool)
            .await
            .unwrap();
    }
}
