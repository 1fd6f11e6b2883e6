//! Admins edit profiles through drafts: copy, edit each section, conflicts,
//! preview, publish now or later, discard, history and diffs, import; and
//! the editor and the draft API sharing one action layer (`shared`). This
//! file holds the helpers the topics share.

mod api;
mod editor;
mod factors;
mod import;
mod publish;
mod requests;
mod shared;

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::actors::Actor;
use crate::support::api::{Api, SLUG};
use crate::support::html::Page;

/// The seed profile's draft in the API.
fn draft_path() -> String {
    format!("/api/v1/profiles/{SLUG}/draft")
}

/// Starts a draft of the seed profile; returns the editor page.
async fn start_draft(admin: &Actor) -> Page {
    let response = admin
        .post(&format!("/admin/profiles/{SLUG}/draft"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    editor(admin).await
}

/// The editor of the seed profile's draft.
async fn editor(admin: &Actor) -> Page {
    let (status, page) = admin.page(&format!("/admin/profiles/{SLUG}/draft")).await;
    assert_eq!(status, StatusCode::OK);
    page
}

/// The seed profile's draft as the API reads it.
async fn draft_json(api: &Api) -> Value {
    api.get(&draft_path()).await.1
}

/// Posts a section of the seed profile's draft with `action` (the button
/// pressed); the raw response.
async fn post_section(
    actor: &Actor,
    section: &str,
    fields: &[(String, String)],
    action: &str,
) -> reqwest::Response {
    let mut fields = fields.to_vec();
    fields.push(("action".into(), action.into()));
    actor
        .post_fields(&format!("/admin/profiles/{SLUG}/draft/{section}"), &fields)
        .await
}

/// Posts a section of the seed profile's draft; it must be saved (a
/// redirect back to the editor).
async fn save_section(actor: &Actor, section: &str, fields: &[(String, String)], action: &str) {
    let response = post_section(actor, section, fields, action).await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "{section} {action}"
    );
}
