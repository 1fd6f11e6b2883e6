//! The audit log: one row per account change, written in the change's own
//! transaction, never changed afterwards, and searchable on `/admin/audit`.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::actors::PASSWORD;

/// (actor, subject type, subject id, request id) of the rows of `action`.
async fn rows(app: &TestApp, action: &str) -> Vec<(Option<i64>, String, String, String)> {
    sqlx::query_as(
        "select actor_id, subject_type, subject_id, request_id from audit_log where action = $1 order by id",
    )
    .bind(action)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn every_account_change_writes_its_audit_row() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    assert!(
        app.login(&admin.email, "wrong password, sorry")
            .await
            .is_err()
    );
    let email = "audited.user@test.example";
    let password = "initial passphrase here";
    admin
        .post(
            "/admin/users/new",
            &[
                ("email", email),
                ("name", "Audited"),
                ("role", "manager"),
                ("method", "password"),
                ("password", password),
            ],
        )
        .await;
    let user_id: i64 = sqlx::query_scalar("select id from users where email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    admin
        .post(
            &format!("/admin/users/{user_id}"),
            &[("name", "Audited"), ("role", "hr"), ("unit", "")],
        )
        .await;
    let user = app.login(email, password).await.unwrap();
    let token = user.api_token().await;
    let token_id: i64 = sqlx::query_scalar("select id from api_tokens where prefix = $1")
        .bind(&token[..10])
        .fetch_one(&app.pool)
        .await
        .unwrap();
    user.post(&format!("/account/tokens/{token_id}/revoke"), &[])
        .await;
    let new = "changed passphrase here";
    user.post(
        "/account/password",
        &[("current", password), ("password", new), ("confirm", new)],
    )
    .await;
    admin
        .post(&format!("/admin/users/{user_id}/deactivate"), &[])
        .await;
    admin.post("/logout", &[]).await;

    let (admin_id, user, token) = (
        Some(admin.user_id),
        user_id.to_string(),
        token_id.to_string(),
    );
    let expected = [
        ("login", admin_id, "user", admin.user_id.to_string()),
        ("login.failed", None, "user", String::new()),
        ("user.created", admin_id, "user", user.clone()),
        ("user.changed", admin_id, "user", user.clone()),
        ("login", Some(user_id), "user", user.clone()),
        ("token.created", Some(user_id), "api_token", token.clone()),
        ("token.revoked", Some(user_id), "api_token", token.clone()),
        ("user.password_changed", Some(user_id), "user", user.clone()),
        ("user.deactivated", admin_id, "user", user.clone()),
        ("logout", admin_id, "user", admin.user_id.to_string()),
    ];
    for (action, actor, subject_type, subject_id) in expected {
        let found = rows(&app, action).await;
        let matching: Vec<_> = found
            .iter()
            .filter(|r| r.0 == actor && r.1 == subject_type && r.2 == subject_id)
            .collect();
        assert_eq!(
            matching.len(),
            1,
            "{action} by {actor:?} on {subject_id}: {found:?}"
        );
        assert!(!matching[0].3.is_empty(), "{action}: no request id");
    }
}

#[tokio::test]
async fn a_change_whose_audit_row_cannot_be_written_does_not_happen() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let manager = app.login_as(Role::Manager).await;
    // From now on the database refuses to log these actions.
    for statement in [
        "create function refuse_audit() returns trigger language plpgsql as \
         $$ begin raise exception 'audit refused by the test'; end $$",
        "create trigger refuse_audit before insert on audit_log for each row \
         when (new.action in ('login', 'user.created', 'user.changed', 'user.deactivated', 'token.created')) \
         execute function refuse_audit()",
    ] {
        sqlx::query(statement).execute(&app.pool).await.unwrap();
    }
    let counts = async || {
        (
            app.count("users").await,
            app.count("api_tokens").await,
            app.count("password_links").await,
            app.count("user_sessions").await,
        )
    };
    let before = counts().await;

    let response = admin
        .post(
            "/admin/users/new",
            &[
                ("email", "never@test.example"),
                ("name", "Never"),
                ("role", "hr"),
                ("method", "link"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "user.created"
    );
    let response = manager
        .post(
            "/account/tokens",
            &[("name", "never"), ("expires_days", "")],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "token.created"
    );
    let id = manager.user_id;
    let response = admin
        .post(
            &format!("/admin/users/{id}"),
            &[("name", "Never"), ("role", "hr"), ("unit", "")],
        )
        .await;
    assert_eq!(
        response.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "user.changed"
    );
    let response = admin
        .post(&format!("/admin/users/{id}/deactivate"), &[])
        .await;
    assert_eq!(
        response.status(),
        StatusCode::INTERNAL_SERVER_ERROR,
        "user.deactivated"
    );
    assert_eq!(
        app.login(&manager.email, PASSWORD).await.err(),
        Some(StatusCode::INTERNAL_SERVER_ERROR),
        "login"
    );

    assert_eq!(counts().await, before);
    let (role, active, name): (String, bool, String) =
        sqlx::query_as("select role::text, active, name from users where id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((role.as_str(), active), ("manager", true));
    assert_ne!(name, "Never");
    assert!(manager.is_signed_in().await);
}

#[tokio::test]
async fn the_database_refuses_to_change_or_remove_audit_rows() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Manager).await;
    let count = app.count("audit_log").await;
    assert!(count > 0);
    for statement in [
        "update audit_log set action = 'nothing.happened'",
        "update audit_log set details = '{}' where action = 'login'",
        "delete from audit_log",
        "delete from audit_log where action = 'login'",
        "truncate audit_log",
    ] {
        let err = sqlx::query(statement)
            .execute(&app.pool)
            .await
            .expect_err(statement);
        assert!(
            err.to_string().contains("append-only"),
            "{statement}: {err}"
        );
    }
    assert_eq!(app.count("audit_log").await, count);
    let actions: Vec<String> = sqlx::query_scalar("select action from audit_log")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert!(actions.iter().all(|a| a == "login"), "{actions:?}");
}

#[tokio::test]
async fn the_audit_page_filters_by_action_and_actor_and_pages() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    for (action, actor, n) in [
        ("test.bulk", manager.user_id, 60),
        ("test.other", hr.user_id, 5),
    ] {
        sqlx::query(
            "insert into audit_log (actor_id, action, subject_type, subject_id) \
             select $1, $2, 'test', g::text from generate_series(1, $3) g",
        )
        .bind(actor)
        .bind(action)
        .bind(n)
        .execute(&app.pool)
        .await
        .unwrap();
    }
    let column = |page: &crate::support::html::Page, n: usize| {
        page.texts(&format!("table.audit tbody tr td:nth-child({n})"))
    };

    let (status, first) = admin.page("/admin/audit?action=test.bulk").await;
    assert_eq!(status, StatusCode::OK);
    // The action filter offers each action in the log once, in order.
    let offered: Vec<String> = first
        .all("select#action option")
        .into_iter()
        .filter_map(|o| o.value().attr("value").filter(|v| !v.is_empty()))
        .map(String::from)
        .collect();
    let expected: Vec<String> =
        sqlx::query_scalar("select distinct action from audit_log order by action")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert!(
        offered.contains(&"test.bulk".to_string()) && offered.contains(&"test.other".to_string())
    );
    assert_eq!(offered, expected);
    assert_eq!(column(&first, 3).len(), 50);
    assert!(column(&first, 3).iter().all(|a| a == "test.bulk"));
    assert_eq!(first.count("a[rel=prev]"), 0);
    let next = first
        .one("a[rel=next]")
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    let (_, second) = admin.page(&next).await;
    assert_eq!(column(&second, 3).len(), 10);
    assert!(column(&second, 3).iter().all(|a| a == "test.bulk"));
    assert_eq!(second.count("a[rel=next]"), 0);
    assert_eq!(second.count("a[rel=prev]"), 1);
    // Newest first: the second page holds the first ten rows written.
    assert_eq!(
        column(&second, 4).last().map(String::as_str),
        Some("test 1")
    );

    let (_, by_hr) = admin
        .page(&format!("/admin/audit?actor={}", hr.email))
        .await;
    assert_eq!(column(&by_hr, 2).len(), 6, "five test rows and the login");
    assert!(column(&by_hr, 2).iter().all(|a| *a == hr.email));
    let (_, none) = admin
        .page(&format!("/admin/audit?actor={}&action=test.bulk", hr.email))
        .await;
    assert_eq!(column(&none, 3).len(), 0);
    let options = first.texts("select#action option");
    assert!(options.contains(&"test.other".to_string()), "{options:?}");
}
