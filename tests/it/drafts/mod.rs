//! Admins edit profiles through drafts: copy, edit each section, conflicts,
//! preview, publish now or later, discard, history and diffs, import; and
//! the editor and the draft API sharing one action layer (`shared`). This
//! file holds the helpers the topics share.

mod api;
mod editor;
mod import;
mod publish;
mod requests;
mod shared;

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::TestApp;
use crate::support::actors::Actor;
use crate::support::html::Page;

const SLUG: &str = "administratieve-ondersteuning";

/// Starts a draft of the seed profile; returns the editor page.
async fn start_draft(admin: &Actor) -> Page {
    let response = admin
        .post(&format!("/admin/profiles/{SLUG}/draft"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, page) = admin.page(&format!("/admin/profiles/{SLUG}/draft")).await;
    assert_eq!(status, StatusCode::OK);
    page
}

fn revision(page: &Page) -> String {
    page.one("input[name=revision]")
        .value()
        .attr("value")
        .unwrap()
        .to_string()
}

async fn editor(admin: &Actor) -> Page {
    admin.page(&format!("/admin/profiles/{SLUG}/draft")).await.1
}

async fn draft_json(app: &TestApp, token: &str) -> Value {
    crate::support::client()
        .get(app.url(&format!("/api/v1/profiles/{SLUG}/draft")))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap()
}

/// All fields of the form that contains `selector`, as pairs.
fn form_fields(page: &Page, form_selector: &str) -> Vec<(String, String)> {
    let form = page.one(form_selector);
    let mut fields = Vec::new();
    for input in form.select(&scraper::Selector::parse("input, textarea, select").unwrap()) {
        let e = input.value();
        let Some(name) = e.attr("name") else { continue };
        if name == "csrf_token" || e.attr("type") == Some("submit") {
            continue;
        }
        let value = match e.name() {
            "textarea" => input.text().collect::<String>(),
            "select" => input
                .select(&scraper::Selector::parse("option[selected]").unwrap())
                .next()
                .and_then(|o| o.value().attr("value").map(String::from))
                .unwrap_or_default(),
            _ => e.attr("value").unwrap_or("").to_string(),
        };
        fields.push((name.to_string(), value));
    }
    fields
}

fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    fields
        .iter_mut()
        .find(|(k, _)| k == name)
        .unwrap_or_else(|| panic!("no field {name}"))
        .1 = value.to_string();
}

async fn post_fields(
    actor: &Actor,
    path: &str,
    fields: &[(String, String)],
    action: &str,
) -> reqwest::Response {
    let mut refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    refs.push(("action", action));
    actor.post(path, &refs).await
}

/// Posts a section of the seed profile's draft; it must be saved (a
/// redirect back to the editor).
async fn save_section(actor: &Actor, section: &str, fields: &[(String, String)], action: &str) {
    let path = format!("/admin/profiles/{SLUG}/draft/{section}");
    let response = post_fields(actor, &path, fields, action).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{section} {action}"
    );
}
