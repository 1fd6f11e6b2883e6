//! Authorization: every route of the router against every kind of visitor
//! (the matrix), the private-catalogue setting, and CSRF (in `csrf`).

mod csrf;
mod table;

use std::collections::BTreeSet;

use jobclass::auth::model::Role;
use jobclass::config::Config;
use reqwest::{Method, StatusCode, Url};
use sha2::{Digest, Sha256};

use crate::support::TestApp;
use crate::support::actors::Actor;
use crate::support::api::SLUG;

use table::{ASSET, LINK, LINK_TOKEN, Outcome, TABLE, TARGET, VISITORS};
use table::{Denied, Exactly, Served, SignIn};

#[test]
fn the_table_lists_every_route_of_the_router_and_nothing_else() {
    for public_catalogue in [true, false] {
        let mut config = Config::for_data_dir("/nonexistent".into());
        config.public_catalogue = public_catalogue;
        let served: BTreeSet<(String, String)> =
            jobclass::app::route_table(&config).into_iter().collect();
        let mut listed = BTreeSet::new();
        for (method, pattern, example, _) in TABLE {
            assert!(
                listed.insert((method.to_string(), pattern.to_string())),
                "{method} {pattern} is in the table twice"
            );
            assert!(
                matches_pattern(example, pattern) || example.starts_with('$'),
                "the example {example} is not a URL of {pattern}"
            );
        }
        let missing: Vec<_> = served.difference(&listed).collect();
        let stale: Vec<_> = listed.difference(&served).collect();
        assert!(
            missing.is_empty() && stale.is_empty(),
            "public_catalogue = {public_catalogue}\n\
             routes without an entry in the table: {missing:?}\n\
             entries for routes the router does not have: {stale:?}"
        );
    }
}

#[tokio::test]
async fn every_route_answers_each_visitor_as_the_table_says() {
    let app = TestApp::spawn().await;
    check_matrix(&app, true).await;
}

#[tokio::test]
async fn with_a_private_catalogue_every_route_answers_each_visitor_as_the_table_says() {
    let app = TestApp::spawn_with_config(|c| c.public_catalogue = false).await;
    check_matrix(&app, false).await;
}

#[tokio::test]
async fn a_private_catalogue_is_shown_to_signed_in_users_only() {
    let app = TestApp::spawn_with_config(|c| c.public_catalogue = false).await;
    let response = app.get("/").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?next=%2F");
    let (status, body) = app.json("/api/v1/profiles").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
    // Signing in stays possible.
    assert_eq!(app.get("/login").await.status(), StatusCode::OK);

    let manager = app.login_as(Role::Manager).await;
    let (status, page) = manager.page("/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.source.contains(SLUG), "the catalogue lists the seed");
    let response = manager.get("/api/v1/profiles").await;
    assert_eq!(response.status(), StatusCode::OK);
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body.to_string().contains(SLUG));
}

/// Sends every table row as each visitor and checks the outcome; reports
/// every mismatch at once.
async fn check_matrix(app: &TestApp, public_catalogue: bool) {
    let target = app
        .create_user("target@test.example", Role::Manager, "FOD Test")
        .await;
    sqlx::query(
        "insert into password_links (token_hash, user_id, expires_at) values ($1, $2, now() + interval '1 hour')",
    )
    .bind(Sha256::digest(LINK_TOKEN.as_bytes()).to_vec())
    .bind(target)
    .execute(&app.pool)
    .await
    .unwrap();
    let visitors = [
        app.anonymous().await,
        app.login_as(Role::Manager).await,
        app.login_as(Role::Hr).await,
        app.login_as(Role::Admin).await,
    ];
    // Signing out ends the visitor's session (and CSRF token): last.
    let mut rows: Vec<_> = TABLE.iter().collect();
    rows.sort_by_key(|(_, pattern, _, _)| *pattern == "/logout");

    let mut wrong = Vec::new();
    for (method, pattern, example, access) in rows {
        let url = example
            .replace(TARGET, &target.to_string())
            .replace(ASSET, jobclass::web::assets::url("app.css"))
            .replace(LINK, &format!("/set-password/{LINK_TOKEN}"));
        assert!(
            matches_pattern(&url, pattern),
            "{url} is not a URL of {pattern}"
        );
        for (column, expected) in access.outcomes(public_catalogue).into_iter().enumerate() {
            let response = send(&visitors[column], method, &url).await;
            if let Err(problem) = check(response, method, &url, expected).await {
                wrong.push(format!("{method} {url} as {}: {problem}", VISITORS[column]));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} mismatches:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// A request as a browser (or script) of this visitor sends it; unsafe
/// methods carry the visitor's valid CSRF token, so the guard decides.
/// The API gets a JSON body (`{}`), pages a form.
async fn send(visitor: &Actor, method: &str, url: &str) -> reqwest::Response {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let safe = matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    let mut request = visitor.client.request(method, visitor.url(url));
    if !safe && url.starts_with("/api/") {
        request = request
            .header("x-csrf-token", &visitor.csrf)
            .json(&serde_json::json!({}));
    } else if !safe {
        request = request
            .header("x-csrf-token", &visitor.csrf)
            .form(&[("csrf_token", visitor.csrf.as_str())]);
    }
    request.send().await.unwrap()
}

async fn check(
    response: reqwest::Response,
    method: &str,
    url: &str,
    expected: Outcome,
) -> Result<(), String> {
    let status = response.status();
    let location = response
        .headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string());
    let to_login = location.as_deref().is_some_and(|l| l.starts_with("/login"));
    let is_api = url.starts_with("/api/");
    let body = response.text().await.unwrap_or_default();
    let api_code = || -> Option<String> {
        let json: serde_json::Value = serde_json::from_str(&body).ok()?;
        json["error"]["code"].as_str().map(str::to_string)
    };
    let got = format!("got {status}, location {location:?}");
    match expected {
        Served => {
            let refused = status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN;
            if refused || status.is_server_error() || (status.is_redirection() && to_login) {
                return Err(format!("expected the route to answer; {got}"));
            }
        }
        SignIn if is_api => {
            if status != StatusCode::UNAUTHORIZED
                || api_code().as_deref() != Some("unauthenticated")
            {
                return Err(format!(
                    "expected 401 unauthenticated JSON; {got}, body {body}"
                ));
            }
        }
        SignIn => {
            if status != StatusCode::SEE_OTHER || !to_login {
                return Err(format!("expected 303 to /login; {got}"));
            }
            let target = Url::parse("http://x")
                .unwrap()
                .join(location.as_deref().unwrap_or(""))
                .unwrap();
            let next = target
                .query_pairs()
                .find(|(k, _)| k == "next")
                .map(|(_, v)| v.into_owned());
            let expected_next = (method == "GET").then(|| url.to_string());
            if target.path() != "/login" || next != expected_next {
                return Err(format!("expected next={expected_next:?}; {got}"));
            }
        }
        Denied => {
            if status != StatusCode::FORBIDDEN {
                return Err(format!("expected 403; {got}"));
            }
            if is_api && api_code().as_deref() != Some("forbidden") {
                return Err(format!("expected a JSON forbidden error; body {body}"));
            }
        }
        Exactly(code, want) => {
            if status.as_u16() != code || location.as_deref() != want {
                return Err(format!("expected {code} with location {want:?}; {got}"));
            }
        }
    }
    Ok(())
}

/// Whether `url` (query ignored) is a path of `pattern`, where `{name}`
/// stands for one non-empty segment.
fn matches_pattern(url: &str, pattern: &str) -> bool {
    let path = url.split('?').next().unwrap_or("");
    let (a, b): (Vec<_>, Vec<_>) = (path.split('/').collect(), pattern.split('/').collect());
    a.len() == b.len()
        && a.iter().zip(&b).all(|(seg, pat)| {
            if pat.starts_with('{') && pat.ends_with('}') {
                !seg.is_empty()
            } else {
                seg == pat
            }
        })
}
