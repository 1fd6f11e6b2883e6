//! Single sign-on in Chromium: a manager signs in through the test
//! OpenID provider (`tests/oidc/provider.mjs`) and signs out at the
//! provider too; axe checks the portal's pages on the way (the provider's
//! own pages are not ours to check).

use serde_json::json;

use crate::harness::{Journey, Js, run_with};
use crate::keyboard::Hands;
use crate::support::oidc::{SsoApp, installed, provider};

#[tokio::test]
async fn a_manager_signs_in_through_the_identity_provider_and_out_again() {
    if !installed() {
        return;
    }
    for (name, js) in [("sso-js", Js::On), ("sso-nojs", Js::Off)] {
        let account = format!("journey-{}", uuid::Uuid::new_v4().simple());
        provider()
            .account(
                &account,
                json!({
                    "email": format!("{account}@sso.example"),
                    "email_verified": true,
                    "name": "Mieke Manager",
                    "groups": ["jobclass-managers"],
                }),
            )
            .await;
        let make = async || SsoApp::spawn(|c| c.oidc_create_users = true).await.app;
        run_with(name, js, make, async |j: &Journey| {
            let b = j.browser("manager").await;
            b.goto("/login", "login-with-sso").await;
            assert_eq!(
                b.text("#sso-button").await,
                "Sign in with the test provider"
            );
            // To the provider, which asks who signs in.
            b.leave_by(Hands::Mouse, "#sso-button").await;
            b.fill("#account", &account).await;
            b.leave_by(Hands::Mouse, "button[type=submit]").await;
            b.arrive("signed-in-with-sso").await;
            assert_eq!(b.path().await, "/positions");
            assert!(b.text(".user-menu").await.contains("Mieke Manager"));

            // Signing out asks the provider to end its session too.
            b.leave_by(Hands::Keyboard, "form[action='/logout'] button")
                .await;
            b.leave_by(Hands::Mouse, "button[name=logout]").await;
            b.arrive("signed-out").await;
            assert_eq!(b.path().await, "/");
            assert!(
                b.count("form[action='/logout']").await == 0,
                "no longer signed in"
            );
        })
        .await;
    }
}
