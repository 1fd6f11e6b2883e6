//! The draft editor (pages) and the draft API share one action layer: the
//! same revision check, the same input rules and messages, the same audit
//! rows. Also the draft API's contract: publishing names the revision it
//! read, and replacing a draft that does not exist says so.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::{SLUG, draft_path, post_section, start_draft};
use crate::support::TestApp;
use crate::support::actors::Actor;
use crate::support::api::Api;
use crate::support::form::pairs;
use crate::support::html::Page;

/// The draft as the API reads it, ready to be sent back with `revision`.
async fn draft_document(api: &Api) -> Value {
    let (status, mut doc) = api.get(&draft_path()).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    doc.as_object_mut().unwrap().remove("version");
    doc
}

/// Saves the editor's general section with `purpose`, as made on
/// `revision`; the raw response.
async fn save_general(
    admin: &Actor,
    doc: &Value,
    revision: i64,
    purpose: &str,
) -> reqwest::Response {
    let text = |key: &str| doc[key].as_str().unwrap();
    let fields = pairs(&[
        ("revision", &revision.to_string()),
        ("title", text("title")),
        ("purpose", purpose),
        ("footnote", text("footnote")),
        ("language", text("language")),
    ]);
    post_section(admin, "general", &fields, "save").await
}

/// The details of the latest audit row of `action`.
async fn last_details(app: &TestApp, action: &str) -> Value {
    sqlx::query_scalar("select details from audit_log where action = $1 order by id desc limit 1")
        .bind(action)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

fn keys(details: &Value) -> Vec<String> {
    let mut keys: Vec<String> = details.as_object().unwrap().keys().cloned().collect();
    keys.sort();
    keys
}

#[tokio::test]
async fn a_save_through_one_path_makes_the_other_paths_revision_stale() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let api = admin.api().await;
    start_draft(&admin).await;
    let mut doc = draft_document(&api).await;
    let read = doc["revision"].as_i64().unwrap();

    // The editor saves on the revision both read…
    let response = save_general(&admin, &doc, read, "Doel uit de editor.").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // …so the API's replace made on it is refused, with the revision now.
    doc["purpose"] = json!("Doel uit de API.");
    let (status, body) = api.put(&draft_path(), &doc).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "stale_revision", "{body}");
    assert_eq!(body["error"]["revision"], read + 1, "{body}");
    assert_eq!(draft_document(&api).await["purpose"], "Doel uit de editor.");

    // The API saves on the newer revision…
    doc["revision"] = json!(read + 1);
    let (status, body) = api.put(&draft_path(), &doc).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["revision"], read + 2);
    // …so the editor's save made on the older one shows the conflict page.
    let response = save_general(&admin, &doc, read + 1, "Tweede doel uit de editor.").await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let page = Page::parse(&response.text().await.unwrap());
    let table = page.text("table.conflict");
    assert!(
        table.contains("Doel uit de API.") && table.contains("Tweede doel uit de editor."),
        "{table}"
    );
    assert_eq!(draft_document(&api).await["purpose"], "Doel uit de API.");
}

#[tokio::test]
async fn publishing_through_the_api_names_the_revision_it_read() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let api = admin.api().await;
    start_draft(&admin).await;
    let mut doc = draft_document(&api).await;
    let read = doc["revision"].as_i64().unwrap();
    doc["purpose"] = json!("Een nieuw doel.");
    let (status, _) = api.put(&draft_path(), &doc).await;
    assert_eq!(status, StatusCode::OK);
    let publish = format!("{}/publish", draft_path());

    // Without a revision: 422 naming the field.
    let (status, body) = api
        .send(
            Method::POST,
            &publish,
            Some(&json!({"change_note": "Doel"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(
        body["error"]["fields"]["revision"].is_string(),
        "the answer names `revision`: {body}"
    );

    // With the revision read before the last save: 409, nothing published.
    let (_, versions_before) = app.json(&format!("/api/v1/profiles/{SLUG}/versions")).await;
    let audit_before = app.count("audit_log").await;
    let (status, body) = api
        .send(
            Method::POST,
            &publish,
            Some(&json!({"change_note": "Doel", "revision": read})),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "stale_revision", "{body}");
    assert_eq!(body["error"]["revision"], read + 1, "{body}");
    let (_, versions_after) = app.json(&format!("/api/v1/profiles/{SLUG}/versions")).await;
    assert_eq!(versions_after, versions_before);
    assert_eq!(app.count("audit_log").await, audit_before);
    assert_eq!(api.get(&draft_path()).await.0, StatusCode::OK);

    // The publish form of the editor follows the same rule.
    let stale = read.to_string();
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[("revision", stale.as_str()), ("change_note", "Doel")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(app.count("audit_log").await, audit_before);

    // With the current revision it is published.
    let published = api
        .expect(
            Method::POST,
            &publish,
            Some(&json!({"change_note": "Doel", "revision": read + 1})),
            StatusCode::OK,
        )
        .await;
    assert_eq!(published, json!({"version": 2, "status": "published"}));
}

#[tokio::test]
async fn replacing_a_draft_that_does_not_exist_answers_no_draft_in_the_callers_language() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let api = admin.api().await;
    let (_, mut doc) = app.json(&format!("/api/v1/profiles/{SLUG}")).await;
    for key in ["version", "status", "published_at"] {
        doc.as_object_mut().unwrap().remove(key);
    }
    doc["revision"] = json!(1);
    let versions = app.count("profile_versions").await;
    for (language, message) in [
        (
            "fr-BE,fr;q=0.9",
            "Il n’y a pas de projet à mettre à jour\u{202f}; omettez `revision` pour en créer un.",
        ),
        (
            "en",
            "There is no draft to update; leave `revision` out to create one.",
        ),
        (
            "nl",
            "Er is geen ontwerp om bij te werken; laat `revision` weg om er een te maken.",
        ),
    ] {
        let (status, body) = api
            .send_in(language, Method::PUT, &draft_path(), &doc)
            .await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(body["error"]["code"], "no_draft", "{body}");
        assert_eq!(body["error"]["message"], message, "{language}");
    }
    assert_eq!(app.count("profile_versions").await, versions);
}

#[tokio::test]
async fn the_change_note_is_checked_with_the_same_messages_on_both_paths() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let api = admin.api().await;
    start_draft(&admin).await;
    let revision = draft_document(&api).await["revision"].as_i64().unwrap();
    let publish = format!("{}/publish", draft_path());
    let long = "x".repeat(2001);
    for (note, message) in [
        (" ", "Explain the change."),
        (long.as_str(), "This may be at most 2000 characters long."),
    ] {
        let (status, body) = api
            .send_in(
                "en",
                Method::POST,
                &publish,
                &json!({"change_note": note, "revision": revision}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["error"]["fields"]["change_note"], message, "{body}");

        let rev = revision.to_string();
        let (status, page) = admin
            .post_page(
                &format!("/admin/profiles/{SLUG}/draft/publish?lang=en"),
                &[("revision", rev.as_str()), ("change_note", note)],
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(page.text("#change_note-error"), message);
    }
    // A note of exactly 2000 characters is fine.
    let note = "x".repeat(2000);
    api.expect(
        Method::POST,
        &publish,
        Some(&json!({"change_note": note, "revision": revision})),
        StatusCode::OK,
    )
    .await;
}

#[tokio::test]
async fn the_audit_log_reads_the_same_whichever_path_was_used() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let api = admin.api().await;

    // Saved: once through the editor, once through the API.
    start_draft(&admin).await;
    let mut doc = draft_document(&api).await;
    let revision = doc["revision"].as_i64().unwrap();
    let response = save_general(&admin, &doc, revision, "Doel uit de editor.").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let web = last_details(&app, "draft.saved").await;
    doc["revision"] = json!(revision + 1);
    doc["purpose"] = json!("Doel uit de API.");
    let (status, _) = api.put(&draft_path(), &doc).await;
    assert_eq!(status, StatusCode::OK);
    let through_api = last_details(&app, "draft.saved").await;
    assert_eq!(keys(&web), keys(&through_api));
    assert_eq!(web["via"], "web");
    assert_eq!(through_api["via"], "api");
    assert_eq!(through_api["revision"], revision + 2);

    // Discarded: through the editor's form, then through the API.
    let rev = (revision + 2).to_string();
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/discard"),
            &[("revision", rev.as_str())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let web = last_details(&app, "draft.discarded").await;
    start_draft(&admin).await;
    let (status, _) = api.send(Method::DELETE, &draft_path(), None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let through_api = last_details(&app, "draft.discarded").await;
    assert_eq!(keys(&web), keys(&through_api));
    assert_eq!(
        (&web["via"], &through_api["via"]),
        (&json!("web"), &json!("api"))
    );

    // Published: through the editor's form, then through the API.
    start_draft(&admin).await;
    let revision = draft_document(&api).await["revision"].to_string();
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[
                ("revision", revision.as_str()),
                ("change_note", "Via de editor"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let web = last_details(&app, "profile.published").await;
    start_draft(&admin).await;
    let revision = draft_document(&api).await["revision"].clone();
    api.expect(
        Method::POST,
        &format!("{}/publish", draft_path()),
        Some(&json!({"change_note": "Via de API", "revision": revision})),
        StatusCode::OK,
    )
    .await;
    let through_api = last_details(&app, "profile.published").await;
    assert_eq!(keys(&web), keys(&through_api));
    assert_eq!(
        (&web["via"], &through_api["via"]),
        (&json!("web"), &json!("api"))
    );
    assert_eq!(through_api["change_note"], "Via de API");
}
