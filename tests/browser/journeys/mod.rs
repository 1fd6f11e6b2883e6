//! The user journeys, each run with and without JavaScript.

mod admin;
mod appeal;
mod catalogue;
mod cross;
mod pay;
mod position;
mod setup;
mod sso;
mod xss;

use jobclass::auth::model::Role;

use crate::harness::{Browser, Journey};
use crate::keyboard::Hands;
use crate::support::actors::PASSWORD;

/// Creates a user of `role` (password `PASSWORD`); returns the address.
pub async fn user(j: &Journey, who: &str, role: Role) -> String {
    let email = format!("{who}@test.example");
    j.app.create_user(&email, role, "FOD BOSA / Dienst 1").await;
    email
}

/// Signs in through the header link and the login form; ends on the page
/// the sign-in started from.
pub async fn sign_in(b: &Browser<'_>, hands: Hands, email: &str) {
    let from = b.path().await;
    b.activate(hands, ".user-menu a[href^='/login']", "login")
        .await;
    b.enter_text(hands, "#email", email).await;
    b.enter_text(hands, "#password", PASSWORD).await;
    b.activate(
        hands,
        "form[action='/login'] button[type=submit]",
        "signed-in",
    )
    .await;
    assert_eq!(b.path().await, from, "back where the sign-in started");
    let menu = b.text(".user-menu").await;
    assert!(menu.contains(&format!("Test {email}")), "{menu}");
}
