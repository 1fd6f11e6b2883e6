//! Sessions: a new id at login, ended on the server by logout, idle and
//! absolute limits, cookie flags, and ending sessions from `/account` or
//! by deactivation.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use reqwest::header::{COOKIE, SET_COOKIE};

use crate::support::actors::{PASSWORD, csrf_of};
use crate::support::html::Page;
use crate::support::{TestApp, client};

const NAME: &str = "jobclass_session";

/// The `Set-Cookie` header that sets the session cookie, if any.
fn session_header(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|v| v.starts_with(&format!("{NAME}=")))
}

/// The value of the session cookie a response sets.
fn session_value(response: &reqwest::Response) -> Option<String> {
    let header = session_header(response)?;
    let pair = header.split(';').next()?;
    Some(pair[NAME.len() + 1..].to_string())
}

/// The attributes of a `Set-Cookie` header, lower-cased (`httponly`, …).
fn attributes(header: &str) -> Vec<String> {
    header
        .split(';')
        .skip(1)
        .map(|a| a.trim().to_ascii_lowercase())
        .collect()
}

/// Whether a fresh browser that sends only this session cookie is signed in.
async fn cookie_signs_in(app: &TestApp, value: &str) -> bool {
    let response = client()
        .get(app.url("/account"))
        .header(COOKIE, format!("{NAME}={value}"))
        .send()
        .await
        .unwrap();
    match response.status() {
        StatusCode::OK => true,
        StatusCode::SEE_OTHER => false,
        other => panic!("/account answered {other}"),
    }
}

/// Signs in through the form, returning the browser and the session
/// cookie before and after.
async fn sign_in(app: &TestApp, email: &str) -> (reqwest::Client, String, String) {
    let browser = client();
    let response = browser.get(app.url("/login")).send().await.unwrap();
    let before = session_value(&response).expect("the login form starts a session");
    let page = Page::parse(&response.text().await.unwrap());
    let csrf = page.value("input[name=csrf_token]");
    let response = browser
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let after = session_value(&response).expect("login sets the session cookie");
    (browser, before, after)
}

async fn sessions_of(app: &TestApp, user_id: i64) -> i64 {
    sqlx::query_scalar("select count(*) from user_sessions where user_id = $1")
        .bind(user_id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn signing_in_gives_the_browser_a_new_session_id() {
    let app = TestApp::spawn().await;
    let email = "fixation@test.example";
    app.create_user(email, Role::Manager, "").await;
    let (_, before, after) = sign_in(&app, email).await;
    assert_ne!(before, after, "the session id did not change at login");
    // Whoever planted or saw the id from before the login is not signed in.
    assert!(!cookie_signs_in(&app, &before).await);
    assert!(cookie_signs_in(&app, &after).await);
}

#[tokio::test]
async fn signing_out_ends_the_session_on_the_server() {
    let app = TestApp::spawn().await;
    let email = "logout@test.example";
    let id = app.create_user(email, Role::Manager, "").await;
    let (browser, _, cookie) = sign_in(&app, email).await;
    assert!(cookie_signs_in(&app, &cookie).await);
    let csrf = csrf_of(&browser, &app.url("/account")).await;
    let response = browser
        .post(app.url("/logout"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?signed_out=1");

    // A copy of the old cookie, replayed from elsewhere, opens nothing.
    assert!(!cookie_signs_in(&app, &cookie).await);
    let response = client()
        .get(app.url("/api/v1/me"))
        .header(COOKIE, format!("{NAME}={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(sessions_of(&app, id).await, 0);
}

#[tokio::test]
async fn a_session_idle_for_more_than_thirty_minutes_is_signed_out() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let idle = |minutes: i32| {
        sqlx::query(
            "update user_sessions set last_seen_at = now() - make_interval(mins => $2) where user_id = $1",
        )
        .bind(manager.user_id)
        .bind(minutes)
        .execute(&app.pool)
    };
    idle(29).await.unwrap();
    assert!(
        manager.is_signed_in().await,
        "29 minutes idle is within the limit"
    );
    idle(31).await.unwrap();
    assert!(!manager.is_signed_in().await, "31 minutes idle");
    assert_eq!(sessions_of(&app, manager.user_id).await, 0);
}

#[tokio::test]
async fn a_session_older_than_twelve_hours_is_signed_out_even_when_active() {
    let app = TestApp::spawn().await;
    let hr = app.login_as(Role::Hr).await;
    let age = |hours: i32| {
        sqlx::query(
            "update user_sessions set created_at = now() - make_interval(hours => $2), last_seen_at = now() where user_id = $1",
        )
        .bind(hr.user_id)
        .bind(hours)
        .execute(&app.pool)
    };
    age(11).await.unwrap();
    assert!(hr.is_signed_in().await, "11 hours old");
    age(13).await.unwrap();
    assert!(!hr.is_signed_in().await, "13 hours old");
}

#[tokio::test]
async fn the_session_cookie_is_http_only_and_same_site_lax_and_not_secure_on_loopback() {
    let app = TestApp::spawn().await;
    let email = "flags@test.example";
    app.create_user(email, Role::Manager, "").await;
    let browser = client();
    let form = browser.get(app.url("/login")).send().await.unwrap();
    let csrf = csrf_of(&browser, &app.url("/login")).await;
    let login = browser
        .post(app.url("/login"))
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    for (what, response) in [("form", form), ("login", login)] {
        let header = session_header(&response).unwrap_or_else(|| panic!("{what}: no cookie"));
        let flags = attributes(&header);
        assert!(flags.contains(&"httponly".into()), "{what}: {header}");
        assert!(flags.contains(&"samesite=lax".into()), "{what}: {header}");
        assert!(flags.contains(&"path=/".into()), "{what}: {header}");
        assert!(!flags.contains(&"secure".into()), "{what}: {header}");
    }
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_configured_or_not_on_loopback() {
    let configured = TestApp::spawn_with_config(|c| c.secure_cookies = Some(true)).await;
    let public = TestApp::spawn_with_config(|c| c.bind = "0.0.0.0:3000".parse().unwrap()).await;
    for app in [configured, public] {
        let response = app.get("/login").await;
        let header = session_header(&response).expect("a session cookie");
        let flags = attributes(&header);
        assert!(flags.contains(&"secure".into()), "{header}");
        assert!(flags.contains(&"httponly".into()), "{header}");
        assert!(flags.contains(&"samesite=lax".into()), "{header}");
    }
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_but_keeps_this_one() {
    let app = TestApp::spawn().await;
    let email = "changer@test.example";
    app.create_user(email, Role::Manager, "").await;
    let here = app.login(email, PASSWORD).await.unwrap();
    let elsewhere = app.login(email, PASSWORD).await.unwrap();
    let new = "a brand new passphrase for me";

    // A wrong current password changes nothing.
    let (status, page) = here
        .post_page(
            "/account/password",
            &[
                ("current", "wrong current one"),
                ("password", new),
                ("confirm", new),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.count("#current-error") == 1, "{}", page.source);
    assert!(elsewhere.is_signed_in().await);

    let response = here
        .post(
            "/account/password",
            &[("current", PASSWORD), ("password", new), ("confirm", new)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/account");
    assert!(here.is_signed_in().await, "the session that changed it");
    assert!(!elsewhere.is_signed_in().await, "the other session");
    assert_eq!(
        app.login(email, PASSWORD).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
    assert!(app.login(email, new).await.is_ok());
}

#[tokio::test]
async fn signing_out_everywhere_else_ends_every_other_session() {
    let app = TestApp::spawn().await;
    let email = "everywhere@test.example";
    let id = app.create_user(email, Role::Hr, "").await;
    let here = app.login(email, PASSWORD).await.unwrap();
    let phone = app.login(email, PASSWORD).await.unwrap();
    let laptop = app.login(email, PASSWORD).await.unwrap();
    let someone_else = app.login_as(Role::Hr).await;
    let response = here.post("/account/sessions/end-others", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(here.is_signed_in().await);
    assert!(!phone.is_signed_in().await);
    assert!(!laptop.is_signed_in().await);
    assert!(someone_else.is_signed_in().await);
    assert_eq!(sessions_of(&app, id).await, 1);
}

#[tokio::test]
async fn ending_one_session_signs_out_that_browser_only() {
    let app = TestApp::spawn().await;
    let email = "one@test.example";
    let id = app.create_user(email, Role::Manager, "").await;
    let here = app.login(email, PASSWORD).await.unwrap();
    let other = app.login(email, PASSWORD).await.unwrap();
    let stranger = app.login_as(Role::Manager).await;

    // The account page offers to end the other session, not this one.
    let (_, page) = here.page("/account").await;
    let forms: Vec<String> = page
        .all("form[action^='/account/sessions/'][action$='/end']")
        .iter()
        .map(|f| f.value().attr("action").unwrap().to_string())
        .collect();
    assert_eq!(forms.len(), 1, "{forms:?}");

    // Someone else's session cannot be ended from here.
    let theirs: uuid::Uuid =
        sqlx::query_scalar("select handle from user_sessions where user_id = $1")
            .bind(stranger.user_id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let response = here
        .post(&format!("/account/sessions/{theirs}/end"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(stranger.is_signed_in().await);

    let response = here.post(&forms[0], &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(!other.is_signed_in().await);
    assert!(here.is_signed_in().await);

    // Ending the current session signs this browser out.
    let mine: uuid::Uuid =
        sqlx::query_scalar("select handle from user_sessions where user_id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let response = here
        .post(&format!("/account/sessions/{mine}/end"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?signed_out=1");
    assert!(!here.is_signed_in().await);
}

#[tokio::test]
async fn deactivating_a_user_ends_their_sessions_and_blocks_sign_in() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let manager = app.login_as(Role::Manager).await;
    let token = manager.api_token().await;
    let response = admin
        .post(&format!("/admin/users/{}/deactivate", manager.user_id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(!manager.is_signed_in().await);
    assert_eq!(sessions_of(&app, manager.user_id).await, 0);
    assert_eq!(
        app.login(&manager.email, PASSWORD).await.err(),
        Some(StatusCode::UNAUTHORIZED)
    );
    let (status, _) = app.api(&token).get("/api/v1/me").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let response = admin
        .post(&format!("/admin/users/{}/reactivate", manager.user_id), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(app.login(&manager.email, PASSWORD).await.is_ok());
}

#[tokio::test]
async fn the_checked_user_is_never_stored_and_an_unlinked_session_is_signed_out() {
    let app = TestApp::spawn().await;
    let email = "checked@test.example";
    let id = app.create_user(email, Role::Hr, "").await;
    let here = app.login(email, PASSWORD).await.unwrap();
    // Loads the signed-in record (with its checked user, in memory), then
    // changes and saves it (a flash message).
    let response = here.post("/account/sessions/end-others", &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let records: Vec<Vec<u8>> = sqlx::query_scalar("select data from tower_sessions.session")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert!(!records.is_empty());
    for data in &records {
        assert!(
            !data.windows(b"_checked".len()).any(|w| w == b"_checked"),
            "a stored session record holds the checked user"
        );
    }
    assert!(here.is_signed_in().await);
    // The record is found through its sign-in row: without that link the
    // browser is not signed in, whatever the record says.
    sqlx::query("update user_sessions set record_id = null where user_id = $1")
        .bind(id)
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(!here.is_signed_in().await);
    assert_eq!(sessions_of(&app, id).await, 0, "the orphaned row is ended");
}
