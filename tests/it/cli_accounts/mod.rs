//! `jobclass user …` and `jobclass token …`: the real binary against a
//! test database. Bad input fails with a clear message and writes nothing.

mod private_cluster;

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::actors::PASSWORD;
use crate::support::{TestApp, jobclass};

const STRONG: &str = "a passphrase from the shell";

/// What a run of the binary did.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn run(app: &TestApp, args: &[&str], stdin: Option<&str>) -> Run {
    let out = jobclass(&app.database_url(), args, stdin);
    Run {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Rows of the tables the account commands write.
async fn written(app: &TestApp) -> (i64, i64, i64) {
    (
        app.count("users").await,
        app.count("api_tokens").await,
        app.count("audit_log").await,
    )
}

/// Runs each failing case: non-zero exit, `message` on stderr, no token
/// on stdout, nothing written.
async fn refused(app: &TestApp, cases: &[(&[&str], Option<&str>, &str)]) {
    let before = written(app).await;
    for (args, stdin, message) in cases {
        let out = run(app, args, *stdin);
        assert!(!out.ok, "{args:?} succeeded: {}", out.stdout);
        assert!(
            out.stderr.contains(message),
            "{args:?}: expected {message:?} on stderr, got {:?}",
            out.stderr
        );
        assert!(!out.stdout.contains("jct_"), "{args:?}: {}", out.stdout);
        assert_eq!(written(app).await, before, "{args:?} wrote something");
    }
}

#[tokio::test]
async fn user_create_reads_the_password_from_stdin_and_the_user_can_sign_in() {
    let app = TestApp::spawn().await;
    let email = "Cli.User@test.example";
    let args = [
        "user",
        "create",
        "--email",
        email,
        "--name",
        "Cli User",
        "--role",
        "HR",
        "--unit",
        "FOD CLI / Dienst 3",
        "--password-stdin",
    ];
    // The line end typed after the password is not part of it.
    let out = run(&app, &args, Some(&format!("{STRONG}\n")));
    assert!(out.ok, "{}", out.stderr);
    assert!(
        out.stdout.contains("created Cli.User@test.example (hr)"),
        "{}",
        out.stdout
    );
    let (name, role, unit, active): (String, String, String, bool) =
        sqlx::query_as("select name, role::text, unit, active from users where email = $1")
            .bind(email)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), role.as_str(), unit.as_str(), active),
        ("Cli User", "hr", "FOD CLI / Dienst 3", true)
    );
    let user = app
        .login("cli.user@test.example", STRONG)
        .await
        .expect("signs in");
    let me: serde_json::Value = user.get("/api/v1/me").await.json().await.unwrap();
    assert_eq!(me["role"], "hr");
    let (actor, via): (Option<i64>, Option<String>) = sqlx::query_as(
        "select actor_id, details->>'via' from audit_log where action = 'user.created'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!((actor, via.as_deref()), (None, Some("cli")));
}

#[tokio::test]
async fn user_create_refuses_bad_input_and_writes_nothing() {
    let app = TestApp::spawn().await;
    app.create_user("taken@test.example", Role::Manager, "")
        .await;
    let create = |email: &'static str, name: &'static str, role: &'static str| {
        [
            "user",
            "create",
            "--email",
            email,
            "--name",
            name,
            "--role",
            role,
            "--password-stdin",
        ]
    };
    let bad_role = create("new@test.example", "New", "boss");
    let bad_email = create("not-an-address", "New", "hr");
    let no_name = create("new@test.example", " ", "hr");
    let taken = create("TAKEN@Test.Example", "New", "hr");
    let weak = create("new@test.example", "New", "hr");
    let no_stdin_flag = [
        "user",
        "create",
        "--email",
        "new@test.example",
        "--name",
        "New",
        "--role",
        "hr",
    ];
    refused(
        &app,
        &[
            (
                &bad_role,
                Some(STRONG),
                "--role: \"boss\" is not one of admin, hr, manager",
            ),
            (
                &bad_email,
                Some(STRONG),
                "--email: Give a valid e-mail address",
            ),
            (&no_name, Some(STRONG), "--name: Fill in this field."),
            (
                &taken,
                Some(STRONG),
                "a user with the address TAKEN@Test.Example exists already",
            ),
            (
                &weak,
                Some("short\n"),
                "password: The password must be at least 12 characters long.",
            ),
            (
                &weak,
                Some("Password1234"),
                "password: This password is too common.",
            ),
            (
                &weak,
                Some(""),
                "password: The password must be at least 12 characters long.",
            ),
            (&no_stdin_flag, Some(STRONG), "--password-stdin"),
        ],
    )
    .await;
}

#[tokio::test]
async fn user_set_password_replaces_the_password_and_ends_the_users_sessions() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let email = manager.email.to_uppercase();
    let out = run(
        &app,
        &[
            "user",
            "set-password",
            "--email",
            &email,
            "--password-stdin",
        ],
        Some(STRONG),
    );
    assert!(out.ok, "{}", out.stderr);
    assert!(!manager.is_signed_in().await, "the old session still works");
    assert_eq!(
        app.login(&manager.email, PASSWORD).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
    assert!(app.login(&manager.email, STRONG).await.is_ok());
}

#[tokio::test]
async fn user_set_password_refuses_bad_input_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let id = app.create_user("kept@test.example", Role::Hr, "").await;
    let hash = || {
        sqlx::query_scalar::<_, String>("select password_hash from users where id = $1")
            .bind(id)
            .fetch_one(&app.pool)
    };
    let before = hash().await.unwrap();
    let set = |email: &'static str| ["user", "set-password", "--email", email, "--password-stdin"];
    refused(
        &app,
        &[
            (
                &set("nobody@test.example"),
                Some(STRONG),
                "there is no user with the address nobody@test.example",
            ),
            (
                &set("kept@test.example"),
                Some("too short"),
                "password: The password must be at least 12",
            ),
            (
                &set("kept@test.example"),
                Some("qwerty123456"),
                "password: This password is too common.",
            ),
            (
                &set("kept"),
                Some(STRONG),
                "--email: Give a valid e-mail address",
            ),
        ],
    )
    .await;
    assert_eq!(hash().await.unwrap(), before);
    assert!(app.login("kept@test.example", PASSWORD).await.is_ok());
}

#[tokio::test]
async fn user_list_shows_every_user_with_role_and_status() {
    let app = TestApp::spawn().await;
    app.create_user("anna@test.example", Role::Admin, "FOD A")
        .await;
    let gone = app
        .create_user("bert@test.example", Role::Manager, "FOD B")
        .await;
    sqlx::query("update users set active = false where id = $1")
        .bind(gone)
        .execute(&app.pool)
        .await
        .unwrap();
    let out = run(&app, &["user", "list"], None);
    assert!(out.ok, "{}", out.stderr);
    let line = |email: &str| -> Vec<String> {
        let line = out
            .stdout
            .lines()
            .find(|l| l.starts_with(email))
            .unwrap_or_else(|| panic!("{email} not listed:\n{}", out.stdout));
        line.split_whitespace().map(str::to_string).collect()
    };
    assert_eq!(line("anna@test.example")[1..3], ["admin", "yes"]);
    assert_eq!(line("bert@test.example")[1..3], ["manager", "no"]);
    assert!(line("anna@test.example").ends_with(&["FOD".into(), "A".into()]));
}

#[tokio::test]
async fn token_create_prints_only_a_token_that_works_as_a_bearer_token() {
    let app = TestApp::spawn().await;
    app.create_user("robot@test.example", Role::Hr, "").await;
    for (days, expected_days) in [(Some("7"), Some(7.0)), (None, None)] {
        let mut args = vec![
            "token",
            "create",
            "--email",
            "ROBOT@test.example",
            "--name",
            "nightly",
        ];
        if let Some(days) = days {
            args.extend(["--expires-days", days]);
        }
        let out = run(&app, &args, None);
        assert!(out.ok, "{}", out.stderr);
        let token = out.stdout.strip_suffix('\n').expect("one line");
        assert!(
            !token.contains('\n') && token.starts_with("jct_"),
            "{:?}",
            out.stdout
        );

        let (status, me) = app.api(token).get("/api/v1/me").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            (me["email"].as_str(), me["role"].as_str()),
            (Some("robot@test.example"), Some("hr"))
        );
        let (name, days): (String, Option<f64>) = sqlx::query_as(
            "select name, extract(epoch from expires_at - now())::float8 / 86400 from api_tokens where prefix = $1",
        )
        .bind(&token[..10])
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(name, "nightly");
        assert_eq!(days.map(f64::round), expected_days);
    }
}

#[tokio::test]
async fn token_create_refuses_bad_input_and_writes_nothing() {
    let app = TestApp::spawn().await;
    app.create_user("robot@test.example", Role::Hr, "").await;
    let create = |email: &'static str, days: &'static str| {
        [
            "token",
            "create",
            "--email",
            email,
            "--name",
            "ci",
            "--expires-days",
            days,
        ]
    };
    let no_name = [
        "token",
        "create",
        "--email",
        "robot@test.example",
        "--name",
        "  ",
    ];
    refused(
        &app,
        &[
            (
                &create("nobody@test.example", "7"),
                None,
                "there is no user with the address nobody@test.example",
            ),
            (
                &create("robot@test.example", "0"),
                None,
                "--expires-days: give a number from 1 to 3650",
            ),
            (
                &create("robot@test.example", "3651"),
                None,
                "--expires-days: give a number from 1 to 3650",
            ),
            (
                &create("robot@test.example", "soon"),
                None,
                "--expires-days",
            ),
            (
                &create("robot", "7"),
                None,
                "--email: Give a valid e-mail address",
            ),
            (&no_name, None, "--name: give 1 to 100 characters"),
        ],
    )
    .await;
}

#[tokio::test]
async fn a_break_glass_account_made_with_the_cli_signs_in_when_passwords_are_off() {
    let app = TestApp::spawn_with_config(|c| c.password_login = false).await;
    let create = |email: &str, extra: &[&str]| {
        let mut args = vec![
            "user",
            "create",
            "--email",
            email,
            "--name",
            "Emergency Admin",
            "--role",
            "admin",
            "--password-stdin",
        ];
        args.extend_from_slice(extra);
        let out = run(&app, &args, Some(STRONG));
        assert!(out.ok, "{}", out.stderr);
        out.stdout
    };
    let printed = create("glass@test.example", &["--break-glass"]);
    assert!(printed.contains("break-glass"), "{printed}");
    create("plain@test.example", &[]);

    assert!(app.login("glass@test.example", STRONG).await.is_ok());
    assert_eq!(
        app.login("plain@test.example", STRONG).await.err(),
        Some(StatusCode::FORBIDDEN)
    );
    let details: serde_json::Value = sqlx::query_scalar(
        "select details from audit_log where action = 'user.created' and details->>'email' = $1",
    )
    .bind("glass@test.example")
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(details["break_glass"], true);
}
