//! Single sign-on with OpenID Connect, against a real provider (npm
//! `oidc-provider`, `tests/oidc/provider.mjs`): each role signs in, the
//! attacks on the flow are refused (state, replayed code, nonce, expired
//! or foreign-signed ID token), keys rotate, roles follow the provider's
//! groups, deactivated users stay out, password sign-in can be switched
//! off but for break-glass accounts, sign-out reaches the provider, and an
//! unreachable provider leaves the rest of the portal working.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::json;

use crate::support::TestApp;
use crate::support::actors::PASSWORD;
use crate::support::oidc::{Answer, SsoApp, installed, provider};

/// A provider account id of this test's own.
fn account_id(what: &str) -> String {
    format!("{what}-{}", uuid::Uuid::new_v4().simple())
}

/// Creates a provider account with a verified address and these groups.
async fn provider_account(what: &str, groups: &[&str]) -> (String, String) {
    let id = account_id(what);
    let email = format!("{id}@sso.example");
    provider()
        .account(
            &id,
            json!({
                "email": email,
                "email_verified": true,
                "name": format!("Person {id}"),
                "groups": groups,
                "unit": "FOD SSO / Dienst 7",
            }),
        )
        .await;
    (id, email)
}

/// The audit rows of `action` as `(subject_id, details)`, oldest first.
async fn audit(app: &TestApp, action: &str) -> Vec<(String, serde_json::Value)> {
    sqlx::query_as("select subject_id, details from audit_log where action = $1 order by id")
        .bind(action)
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

async fn user_role(app: &TestApp, email: &str) -> (String, String) {
    sqlx::query_as("select role::text, unit from users where lower(email) = lower($1)")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// The refusal page's message, after checking it is one.
fn refusal(answer: &Answer, status: StatusCode) -> String {
    assert_eq!(answer.status, status, "{}", answer.page.source);
    answer.page.text("#sso-refusal")
}

/// The `reason` of the last failed sign-in.
async fn last_failure(app: &TestApp) -> String {
    let rows = audit(app, "login.failed").await;
    let (_, details) = rows.last().expect("a failed sign-in is recorded");
    assert_eq!(details["method"], "oidc");
    details["reason"].as_str().unwrap().to_string()
}

async fn sessions(app: &TestApp) -> i64 {
    app.count("user_sessions").await
}

#[tokio::test]
async fn each_role_signs_in_through_the_provider_and_lands_on_its_home() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let app = &sso.app;
    for (role, group, home) in [
        (Role::Admin, "jobclass-admins", "/admin"),
        (Role::Hr, "jobclass-hr", "/review"),
        (Role::Manager, "jobclass-managers", "/positions"),
    ] {
        let (id, email) = provider_account(role.as_str(), &["unrelated", group]).await;
        let browser = sso.browser();
        let answer = browser.sign_in(&id).await;
        assert_eq!(
            answer.status,
            StatusCode::SEE_OTHER,
            "{}",
            answer.page.source
        );
        assert_eq!(answer.location.as_deref(), Some(home), "{role:?}");

        let account = browser.get("/account").await;
        assert_eq!(account.status, StatusCode::OK);
        assert!(account.page.text("main").contains(&email));
        assert_eq!(
            user_role(app, &email).await,
            (role.as_str().to_string(), "FOD SSO / Dienst 7".to_string())
        );
        assert_eq!(
            browser.get(home).await.status,
            StatusCode::OK,
            "{role:?} may use {home}"
        );
    }
    let logins = audit(app, "login").await;
    assert_eq!(logins.len(), 3);
    for (_, details) in &logins {
        assert_eq!(details["method"], "oidc");
        assert_eq!(details["issuer"], provider().issuer.as_str());
    }
    assert_eq!(audit(app, "user.created").await.len(), 3);
    assert_eq!(app.count("user_identities").await, 3);
}

#[tokio::test]
async fn a_first_sign_in_links_the_user_with_the_same_verified_address() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|_| {}).await;
    let app = &sso.app;
    let (id, email) = provider_account("linked", &["jobclass-hr"]).await;
    let user_id = app
        .create_user(&email.to_uppercase(), Role::Manager, "Old unit")
        .await;

    let answer = sso.browser().sign_in(&id).await;
    assert_eq!(
        answer.location.as_deref(),
        Some("/review"),
        "{}",
        answer.page.source
    );
    let linked: i64 = sqlx::query_scalar(
        "select user_id from user_identities where issuer = $1 and subject = $2",
    )
    .bind(&provider().issuer)
    .bind(&id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(linked, user_id);
    assert_eq!(app.count("users").await, 1, "no second user");
    // The role (and unit) come from the provider, and the change is recorded.
    assert_eq!(user_role(app, &email).await.0, "hr");
    let changed = audit(app, "user.changed").await;
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].1["role_before"], "manager");

    // The admin users page shows how each user signs in.
    let admin = app.login_as(Role::Admin).await;
    let (_, page) = admin.page("/admin/users?lang=en").await;
    let rows = page.texts("tbody tr");
    let row = rows
        .iter()
        .find(|r| r.contains(&email.to_uppercase()))
        .unwrap();
    assert!(row.contains("single sign-on or password"), "{row}");
    let own = rows.iter().find(|r| r.contains(&admin.email)).unwrap();
    assert!(own.contains("password"), "{own}");
}

#[tokio::test]
async fn someone_the_portal_does_not_know_is_refused_unless_creating_users_is_on() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|_| {}).await;
    let (id, _) = provider_account("stranger", &["jobclass-hr"]).await;
    let answer = sso.browser().sign_in(&id).await;
    let message = refusal(&answer, StatusCode::FORBIDDEN);
    assert!(!message.is_empty());
    assert_eq!(last_failure(&sso.app).await, "unknown");
    assert_eq!(sso.app.count("users").await, 0);
    assert_eq!(sessions(&sso.app).await, 0);
}

#[tokio::test]
async fn an_address_the_provider_did_not_verify_links_nobody() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let id = account_id("unverified");
    let email = format!("{id}@sso.example");
    sso.app.create_user(&email, Role::Admin, "").await;
    provider()
        .account(
            &id,
            json!({ "email": email, "email_verified": false, "groups": ["jobclass-admins"] }),
        )
        .await;
    let answer = sso.browser().sign_in(&id).await;
    refusal(&answer, StatusCode::FORBIDDEN);
    assert_eq!(last_failure(&sso.app).await, "email-unverified");
    assert_eq!(sso.app.count("user_identities").await, 0);
}

#[tokio::test]
async fn an_address_without_a_verified_claim_links_only_when_told_to_trust_it() {
    if !installed() {
        return;
    }
    for trust in [false, true] {
        let sso = SsoApp::spawn(|c| c.oidc_trust_email = trust).await;
        let id = account_id("entra");
        let email = format!("{id}@sso.example");
        sso.app.create_user(&email, Role::Hr, "").await;
        // As Microsoft Entra ID sends it: no `email_verified` at all.
        provider()
            .account(&id, json!({ "email": email, "groups": ["jobclass-hr"] }))
            .await;
        let answer = sso.browser().sign_in(&id).await;
        if trust {
            assert_eq!(answer.location.as_deref(), Some("/review"));
        } else {
            refusal(&answer, StatusCode::FORBIDDEN);
            assert_eq!(last_failure(&sso.app).await, "email-unverified");
        }
    }
}

#[tokio::test]
async fn a_callback_with_another_state_signs_nobody_in() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let (id, _) = provider_account("state", &["jobclass-hr"]).await;
    let browser = sso.browser();
    let callback = browser.to_callback(&id).await;
    let mut url = reqwest::Url::parse(&callback).unwrap();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                format!("{v}x")
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    let answer = browser.get(url.as_str()).await;
    refusal(&answer, StatusCode::BAD_REQUEST);
    assert_eq!(last_failure(&sso.app).await, "state");
    // The flow is used up: the right state does not work after a wrong one.
    let answer = browser.get(&callback).await;
    refusal(&answer, StatusCode::BAD_REQUEST);
    // Nor in a browser that never started a flow (login CSRF).
    let answer = sso.browser().get(&callback).await;
    refusal(&answer, StatusCode::BAD_REQUEST);
    assert_eq!(sessions(&sso.app).await, 0);
    assert_eq!(sso.app.count("users").await, 0);
}

#[tokio::test]
async fn a_replayed_authorization_code_is_refused() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let (id, _) = provider_account("replay", &["jobclass-managers"]).await;
    let browser = sso.browser();
    let callback = browser.to_callback(&id).await;
    let first = browser.get(&callback).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert_eq!(sessions(&sso.app).await, 1);

    // The same answer again, in another browser: no flow there.
    let answer = sso.browser().get(&callback).await;
    refusal(&answer, StatusCode::BAD_REQUEST);
    assert_eq!(last_failure(&sso.app).await, "state");

    // With a fresh flow's state but the used code: the provider refuses it.
    let attacker = sso.browser();
    let started = attacker.get("/auth/oidc/login").await;
    let location = reqwest::Url::parse(&started.location.unwrap()).unwrap();
    let state = location
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .into_owned();
    let old = reqwest::Url::parse(&callback).unwrap();
    let code = old
        .query_pairs()
        .find(|(k, _)| k == "code")
        .unwrap()
        .1
        .into_owned();
    let mut replay = reqwest::Url::parse(&format!("{}/auth/oidc/callback", attacker.base)).unwrap();
    replay
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &state);
    let answer = attacker.get(replay.as_str()).await;
    refusal(&answer, StatusCode::BAD_REQUEST);
    assert_eq!(last_failure(&sso.app).await, "code");
    assert_eq!(sessions(&sso.app).await, 1, "only the first sign-in");
}

/// Signs in with the client's ID tokens spoiled by `mode`: refused for `reason`.
async fn spoiled_token_is_refused(mode: &str, reason: &str) {
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let (id, _) = provider_account(mode, &["jobclass-admins"]).await;
    provider().spoil(&sso.client_id, mode).await;
    let answer = sso.browser().sign_in(&id).await;
    refusal(&answer, StatusCode::BAD_REQUEST);
    assert_eq!(last_failure(&sso.app).await, reason);
    assert_eq!(sessions(&sso.app).await, 0);
    assert_eq!(sso.app.count("users").await, 0);

    // The same account signs in once the provider behaves.
    provider().spoil(&sso.client_id, "").await;
    let answer = sso.browser().sign_in(&id).await;
    assert_eq!(
        answer.status,
        StatusCode::SEE_OTHER,
        "{}",
        answer.page.source
    );
}

#[tokio::test]
async fn an_id_token_with_another_nonce_is_refused() {
    if !installed() {
        return;
    }
    spoiled_token_is_refused("wrong-nonce", "nonce").await;
}

#[tokio::test]
async fn an_expired_id_token_is_refused() {
    if !installed() {
        return;
    }
    spoiled_token_is_refused("expired", "expired").await;
}

#[tokio::test]
async fn an_id_token_signed_with_a_key_the_provider_never_published_is_refused() {
    if !installed() {
        return;
    }
    spoiled_token_is_refused("foreign-key", "signature").await;
}

#[tokio::test]
async fn keys_rotated_at_the_provider_are_fetched_again() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let (id, _) = provider_account("rotation", &["jobclass-hr"]).await;
    let answer = sso.browser().sign_in(&id).await;
    assert_eq!(
        answer.status,
        StatusCode::SEE_OTHER,
        "{}",
        answer.page.source
    );
    let before = provider().key_ids().await;

    let kid = provider().rotate_keys(&sso.client_id).await;
    assert!(!before.contains(&kid));
    assert!(provider().key_ids().await.contains(&kid), "published");
    // The portal still holds the keys of its discovery (kept an hour); the
    // new token names a key it does not know, so it fetches them again.
    let answer = sso.browser().sign_in(&id).await;
    assert_eq!(
        answer.status,
        StatusCode::SEE_OTHER,
        "{}",
        answer.page.source
    );
    assert_eq!(sessions(&sso.app).await, 2);
}

#[tokio::test]
async fn a_user_whose_groups_map_to_no_role_is_refused() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let (id, email) = provider_account("unmapped", &["jobclass-visitors"]).await;
    let answer = sso.browser().sign_in(&id).await;
    refusal(&answer, StatusCode::FORBIDDEN);
    assert_eq!(last_failure(&sso.app).await, "role");
    assert_eq!(sso.app.count("users").await, 0);

    // An existing user too, and their link is not made.
    sso.app.create_user(&email, Role::Hr, "").await;
    let answer = sso.browser().sign_in(&id).await;
    refusal(&answer, StatusCode::FORBIDDEN);
    assert_eq!(last_failure(&sso.app).await, "role");
    assert_eq!(sso.app.count("user_identities").await, 0);
    assert_eq!(sessions(&sso.app).await, 0);
}

#[tokio::test]
async fn a_role_changed_at_the_provider_takes_effect_at_the_next_sign_in() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let (id, email) = provider_account("mover", &["jobclass-managers"]).await;
    let first = sso.browser();
    assert_eq!(
        first.sign_in(&id).await.location.as_deref(),
        Some("/positions")
    );
    assert_eq!(first.get("/review").await.status, StatusCode::FORBIDDEN);

    provider()
        .account(
            &id,
            json!({ "email": email, "email_verified": true, "groups": ["jobclass-hr"], "unit": "FOD SSO / Dienst 9" }),
        )
        .await;
    let second = sso.browser();
    assert_eq!(
        second.sign_in(&id).await.location.as_deref(),
        Some("/review")
    );
    assert_eq!(second.get("/review").await.status, StatusCode::OK);
    assert_eq!(
        user_role(&sso.app, &email).await,
        ("hr".to_string(), "FOD SSO / Dienst 9".to_string())
    );
    let changed = audit(&sso.app, "user.changed").await;
    assert_eq!(changed.len(), 1);
    assert_eq!(changed[0].1["role"], "hr");
    assert_eq!(changed[0].1["via"], "oidc");
}

#[tokio::test]
async fn a_deactivated_local_user_stays_out_whatever_the_provider_says() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let (id, email) = provider_account("leaver", &["jobclass-admins"]).await;
    let browser = sso.browser();
    assert_eq!(browser.sign_in(&id).await.status, StatusCode::SEE_OTHER);
    // Another admin deactivates them; their session ends with it.
    let admin = sso.app.login_as(Role::Admin).await;
    let user_id: i64 = sqlx::query_scalar("select id from users where email = $1")
        .bind(&email)
        .fetch_one(&sso.app.pool)
        .await
        .unwrap();
    let response = admin
        .post(&format!("/admin/users/{user_id}/deactivate"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(browser.get("/account").await.status, StatusCode::SEE_OTHER);

    let answer = sso.browser().sign_in(&id).await;
    refusal(&answer, StatusCode::FORBIDDEN);
    assert_eq!(last_failure(&sso.app).await, "inactive");
}

#[tokio::test]
async fn single_sign_on_users_meet_the_same_guards_and_csrf_checks() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let (id, _) = provider_account("guarded", &["jobclass-managers"]).await;
    let browser = sso.browser();
    assert_eq!(browser.sign_in(&id).await.status, StatusCode::SEE_OTHER);
    assert_eq!(browser.get("/admin").await.status, StatusCode::FORBIDDEN);
    assert_eq!(browser.get("/review").await.status, StatusCode::FORBIDDEN);
    assert_eq!(browser.get("/positions").await.status, StatusCode::OK);
    // A form without the session's CSRF token is refused.
    let response = browser
        .client
        .post(format!("{}/logout", browser.base))
        .form(&[("csrf_token", "forged")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(browser.get("/account").await.status, StatusCode::OK);
}

#[tokio::test]
async fn with_password_sign_in_off_only_break_glass_accounts_use_a_password() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.password_login = false).await;
    let app = &sso.app;
    let (status, page) = app.page("/login?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.text("#sso-button"), "Sign in with the test provider");
    assert_eq!(page.text("#password-heading"), "Emergency access");

    app.create_user("someone@test.example", Role::Admin, "")
        .await;
    assert_eq!(
        app.login("someone@test.example", PASSWORD).await.err(),
        Some(StatusCode::FORBIDDEN)
    );
    let rows = audit(app, "login.failed").await;
    assert_eq!(rows.last().unwrap().1["reason"], "password-login-off");

    let id = app
        .create_user("emergency@test.example", Role::Admin, "")
        .await;
    let mut tx = app.pool.begin().await.unwrap();
    jobclass::auth::db::set_break_glass(&mut tx, id, true)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let admin = app
        .login("emergency@test.example", PASSWORD)
        .await
        .expect("a break-glass admin signs in");
    let (status, _) = admin.page("/admin").await;
    assert_eq!(status, StatusCode::OK);
    let logins = audit(app, "login").await;
    assert_eq!(logins.last().unwrap().1["method"], "password");
    assert_eq!(logins.last().unwrap().1["break_glass"], true);

    let (_, page) = admin.page("/admin/users?lang=en").await;
    let rows = page.texts("tbody tr");
    let row = rows.iter().find(|r| r.contains("emergency@")).unwrap();
    assert!(row.contains("emergency account"), "{row}");
}

#[tokio::test]
async fn signing_out_ends_the_session_at_the_provider_too() {
    if !installed() {
        return;
    }
    let sso = SsoApp::spawn(|c| c.oidc_create_users = true).await;
    let (id, _) = provider_account("leaving", &["jobclass-hr"]).await;
    let browser = sso.browser();
    assert_eq!(browser.sign_in(&id).await.status, StatusCode::SEE_OTHER);
    assert!(
        !browser.provider_asks_who().await,
        "signed in at the provider"
    );

    let answer = browser.post("/logout", &[]).await;
    assert_eq!(answer.status, StatusCode::SEE_OTHER);
    let end = answer.location.unwrap();
    assert!(end.starts_with(&provider().issuer), "{end}");
    let url = reqwest::Url::parse(&end).unwrap();
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert_eq!(
        query["post_logout_redirect_uri"],
        format!("{}/", browser.base)
    );
    assert_eq!(query["client_id"], sso.client_id);
    assert!(query.contains_key("id_token_hint"));
    assert_eq!(browser.get("/account").await.status, StatusCode::SEE_OTHER);
    assert_eq!(sessions(&sso.app).await, 0);

    // A browser lets the sign-out form lead there (the form's redirect is
    // checked against the page's `form-action`).
    let page = sso.app.get("/").await;
    let csp = page.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains(&format!("form-action 'self' {};", provider().issuer)),
        "{csp}"
    );

    // The provider asks to confirm, then sends the browser back to us.
    let confirm = browser.get(&end).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.page.source);
    let form = confirm.page.one("form");
    let action = browser.resolve(&end, form.value().attr("action").unwrap());
    let xsrf = confirm
        .page
        .one("input[name=xsrf]")
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let response = browser
        .client
        .post(&action)
        .form(&[("xsrf", xsrf.as_str()), ("logout", "yes")])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
    assert_eq!(
        response.headers()["location"].to_str().unwrap(),
        format!("{}/", browser.base)
    );
    assert!(
        browser.provider_asks_who().await,
        "signed out at the provider"
    );
    let logouts = audit(&sso.app, "logout").await;
    assert_eq!(logouts[0].1["method"], "oidc");
}

#[tokio::test]
async fn when_the_provider_cannot_be_reached_passwords_and_pages_still_work() {
    let (closed, address) = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        (listener, address)
    };
    drop(closed);
    let app = TestApp::spawn_with_config(|c| {
        c.oidc_issuer = Some(format!("http://{address}"));
        c.oidc_client_id = Some("jobclass".into());
        c.oidc_roles = crate::support::oidc::ROLES.into();
    })
    .await;
    let (status, page) = app.page("/login?lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.all("#sso-button").is_empty());
    assert!(
        page.text("#sso-unavailable").contains("cannot be reached"),
        "{}",
        page.source
    );
    // Starting anyway leads back to the form, which says why.
    let response = app.get("/auth/oidc/login?next=%2Fsearch").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], "/login?next=%2Fsearch");
    let hr = app.login_as(Role::Hr).await;
    assert_eq!(hr.page("/review").await.0, StatusCode::OK);
    assert_eq!(app.page("/").await.0, StatusCode::OK);
}

#[tokio::test]
async fn without_a_provider_the_login_page_and_routes_are_as_before() {
    let app = TestApp::spawn().await;
    let (_, page) = app.page("/login").await;
    assert!(page.all(".sso").is_empty());
    assert!(page.all("#password-heading").is_empty());
    assert_eq!(
        app.get("/auth/oidc/login").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/auth/oidc/callback?code=a&state=b").await.status(),
        StatusCode::NOT_FOUND
    );
}
