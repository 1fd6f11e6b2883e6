//! Signing in and out: the login form, its answers and timing, throttling,
//! and where it leads (`next=`). Sessions, API tokens, user management and
//! the audit log are in the submodules.

mod admin_users;
mod audit;
mod links;
mod next;
mod session_cache;
mod sessions;
mod tokens;

use std::time::Instant;

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::actors::PASSWORD;
use crate::support::html::Page;
use crate::support::{TestApp, client};

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
    let (_, me) = app.api(&token).get("/api/v1/me").await;
    assert_eq!(me["email"], manager.email);
    assert_eq!(me["role"], "manager");
    assert!(me.get("csrf_token").is_none());

    let (status, _) = app.api("jct_not-a-token").get("/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(app.login(&manager.email, PASSWORD).await.is_ok());
}

/// A browser at the login form, reading the answers in English.
struct LoginForm {
    client: reqwest::Client,
    base: String,
    csrf: String,
}

/// What the form answered: status, `Location`, and the page.
struct Answer {
    status: StatusCode,
    location: Option<String>,
    page: Page,
}

impl Answer {
    /// The messages of the error summary.
    fn errors(&self) -> Vec<String> {
        self.page.texts(".error-summary li")
    }
}

impl LoginForm {
    async fn open(app: &TestApp) -> Self {
        Self::open_at(app, "/login").await.0
    }

    /// Opens the form at `path` (e.g. with `?next=`); also returns the page.
    async fn open_at(app: &TestApp, path: &str) -> (Self, Page) {
        let client = client();
        let text = client
            .get(app.url(path))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let page = Page::parse(&text);
        let csrf = page.value("input[name=csrf_token]");
        let form = LoginForm {
            client,
            base: app.url(""),
            csrf,
        };
        (form, page)
    }

    async fn submit(&self, email: &str, password: &str, next: &str) -> Answer {
        let response = self
            .client
            .post(format!("{}/login", self.base))
            .header("accept-language", "en")
            .form(&[
                ("csrf_token", self.csrf.as_str()),
                ("email", email),
                ("password", password),
                ("next", next),
            ])
            .send()
            .await
            .unwrap();
        let status = response.status();
        let location = response
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string());
        let page = Page::parse(&response.text().await.unwrap());
        Answer {
            status,
            location,
            page,
        }
    }
}

/// Rows of the audit log with this action.
const WRONG: &str = "not the right password at all";

#[tokio::test]
async fn a_wrong_address_and_a_wrong_password_get_the_same_answer() {
    let app = TestApp::spawn().await;
    let email = "same.answer@test.example";
    let id = app.create_user(email, Role::Manager, "").await;
    let inactive = "gone@test.example";
    let gone = app.create_user(inactive, Role::Manager, "").await;
    sqlx::query("update users set active = false where id = $1")
        .bind(gone)
        .execute(&app.pool)
        .await
        .unwrap();
    let form = LoginForm::open(&app).await;

    let unknown = form.submit("nobody@test.example", PASSWORD, "").await;
    let wrong = form.submit(email, WRONG, "").await;
    let deactivated = form.submit(inactive, PASSWORD, "").await;
    for answer in [&unknown, &wrong, &deactivated] {
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert_eq!(answer.location, None);
    }
    assert_eq!(
        unknown.errors(),
        vec!["The e-mail address or the password is wrong.".to_string()]
    );
    assert_eq!(wrong.errors(), unknown.errors());
    assert_eq!(deactivated.errors(), unknown.errors());
    // Nothing else on the page tells them apart either.
    assert_eq!(
        wrong.page.text("main").replace(email, "X"),
        unknown
            .page
            .text("main")
            .replace("nobody@test.example", "X")
    );
    let sessions: i64 = sqlx::query_scalar("select count(*) from user_sessions where user_id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

#[tokio::test]
async fn a_wrong_address_takes_about_as_long_as_a_wrong_password() {
    let app = TestApp::spawn().await;
    let email = "timing@test.example";
    app.create_user(email, Role::Manager, "").await;
    app.create_user("warm.up@test.example", Role::Manager, "")
        .await;
    let form = LoginForm::open(&app).await;
    // Warm up both paths (the first unknown address prepares the dummy hash).
    form.submit("nobody.warm@test.example", WRONG, "").await;
    form.submit("warm.up@test.example", WRONG, "").await;

    // Interleaved, so both kinds see the same load; 4 stays under the
    // per-account limit of 5.
    let (mut unknown, mut wrong) = (Vec::new(), Vec::new());
    for i in 0..4 {
        let started = Instant::now();
        let answer = form
            .submit(&format!("nobody{i}@test.example"), WRONG, "")
            .await;
        unknown.push(started.elapsed().as_secs_f64());
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        let started = Instant::now();
        let answer = form.submit(email, WRONG, "").await;
        wrong.push(started.elapsed().as_secs_f64());
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (unknown_mean, wrong_mean) = (mean(&unknown), mean(&wrong));
    let ratio = unknown_mean.max(wrong_mean) / unknown_mean.min(wrong_mean);
    assert!(
        ratio < 3.0,
        "unknown address {unknown:?} (mean {unknown_mean:.4}s), \
         wrong password {wrong:?} (mean {wrong_mean:.4}s): ratio {ratio:.1}"
    );
}

#[tokio::test]
async fn after_five_failures_an_account_is_refused_even_with_the_right_password() {
    let app = TestApp::spawn().await;
    let email = "throttled@test.example";
    let id = app.create_user(email, Role::Manager, "").await;
    let form = LoginForm::open(&app).await;
    for attempt in 1..=5 {
        let answer = form.submit(email, WRONG, "").await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let answer = form.submit(email, PASSWORD, "").await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        answer.errors(),
        vec!["Too many failed attempts. Try again in 15 minutes.".to_string()]
    );
    // Another browser gets no further; no session was started.
    let fresh = LoginForm::open(&app).await;
    let again = fresh.submit(&email.to_uppercase(), PASSWORD, "").await;
    assert_eq!(again.status, StatusCode::TOO_MANY_REQUESTS);
    let sessions: i64 = sqlx::query_scalar("select count(*) from user_sessions where user_id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
    // The limit is per account: another account from the same address signs in.
    app.login_as(Role::Hr).await;

    // Once the failures are older than 15 minutes, the account opens again.
    sqlx::query("update login_failures set at = at - interval '16 minutes'")
        .execute(&app.pool)
        .await
        .unwrap();
    let answer = form.submit(email, PASSWORD, "").await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn after_twenty_failures_from_one_address_every_account_is_refused() {
    let app = TestApp::spawn().await;
    let email = "innocent@test.example";
    app.create_user(email, Role::Manager, "").await;
    let form = LoginForm::open(&app).await;
    for attempt in 1..=20 {
        let answer = form
            .submit(&format!("guess{attempt}@test.example"), WRONG, "")
            .await;
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let answer = form.submit(email, PASSWORD, "").await;
    assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        answer.errors()[0].starts_with("Too many failed attempts."),
        "{:?}",
        answer.errors()
    );
    assert_eq!(app.count("user_sessions").await, 0);
}

#[tokio::test]
async fn failed_logins_are_audited_without_the_password() {
    let app = TestApp::spawn().await;
    let email = "audited@test.example";
    let id = app.create_user(email, Role::Manager, "").await;
    let secret = "Hunter2-typed-by-mistake";
    let form = LoginForm::open(&app).await;
    form.submit(email, secret, "").await;
    form.submit("typo@test.example", secret, "").await;
    let rows: Vec<(Option<i64>, serde_json::Value)> = sqlx::query_as(
        "select actor_id, details from audit_log where action = 'login.failed' order by id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].1["email"], email);
    assert_eq!(rows[1].1["email"], "typo@test.example");
    let leaked: i64 = sqlx::query_scalar(
        "select count(*) from audit_log where details::text like '%' || $1 || '%'",
    )
    .bind(secret)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(leaked, 0, "the password is in the audit log");

    assert_eq!(
        form.submit(email, PASSWORD, "").await.status,
        StatusCode::SEE_OTHER
    );
    let actor: Option<i64> =
        sqlx::query_scalar("select actor_id from audit_log where action = 'login'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(actor, Some(id));
}

#[tokio::test]
async fn an_address_signs_in_whatever_its_case() {
    let app = TestApp::spawn().await;
    app.create_user("Mixed.Case@Test.example", Role::Hr, "")
        .await;
    assert!(app.login("mixed.case@test.example", PASSWORD).await.is_ok());
    assert!(app.login("MIXED.CASE@TEST.EXAMPLE", PASSWORD).await.is_ok());
    let answer = LoginForm::open(&app)
        .await
        .submit(" Mixed.Case@test.EXAMPLE ", PASSWORD, "")
        .await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn parallel_attempts_get_no_more_guesses_than_the_account_limit() {
    let app = TestApp::spawn().await;
    let email = "parallel@test.example";
    app.create_user(email, Role::Manager, "").await;
    let form = LoginForm::open(&app).await;
    let mut attempts = tokio::task::JoinSet::new();
    for _ in 0..10 {
        let (client, url, csrf) = (
            form.client.clone(),
            format!("{}/login", form.base),
            form.csrf.clone(),
        );
        attempts.spawn(async move {
            let fields = [
                ("csrf_token", csrf.as_str()),
                ("email", email),
                ("password", WRONG),
            ];
            client
                .post(url)
                .form(&fields)
                .send()
                .await
                .unwrap()
                .status()
        });
    }
    let statuses = attempts.join_all().await;
    let guessed = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!(guessed + refused, 10, "{statuses:?}");
    assert!(
        guessed <= 5,
        "{guessed} of 10 parallel guesses were checked: {statuses:?}"
    );
}
