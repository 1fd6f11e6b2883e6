//! Admins edit profiles through drafts: copy, edit each section, conflicts,
//! preview, publish now or later, discard, history and diffs, import.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

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

#[tokio::test]
async fn a_new_draft_is_a_complete_copy_of_the_current_version() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    start_draft(&admin).await;
    let token = admin.api_token().await;
    let draft = draft_json(&app, &token).await;
    let (_, published) = app.json(&format!("/api/v1/profiles/{SLUG}")).await;
    for key in [
        "title",
        "purpose",
        "footnote",
        "levels",
        "result_areas",
        "criteria",
        "glossary",
    ] {
        assert_eq!(draft[key], published[key], "{key}");
    }
    assert_eq!(draft["version"], 2);
    assert_eq!(draft["revision"], 1);
    // One open draft per profile.
    let response = admin
        .post(&format!("/admin/profiles/{SLUG}/draft"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    // The draft is not public.
    assert_eq!(
        app.get(&format!("/profiles/{SLUG}/versions/2"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn every_section_of_a_draft_can_be_edited() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let token = admin.api_token().await;
    let page = start_draft(&admin).await;

    // General.
    let mut general = form_fields(&page, "#general form");
    set(
        &mut general,
        "title",
        "Administratieve ondersteuning (2027)",
    );
    save_section(&admin, "general", &general, "save").await;

    // Levels: rename B to B1, add A above it.
    let page = editor(&admin).await;
    let mut levels = form_fields(&page, "#levels form");
    set(&mut levels, "level-code-2", "B1");
    save_section(&admin, "levels", &levels, "save").await;
    let page = editor(&admin).await;
    let levels = form_fields(&page, "#levels form");
    let response = post_fields(
        &admin,
        &format!("/admin/profiles/{SLUG}/draft/levels"),
        &levels,
        "add",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let with_row = Page::parse(&response.text().await.unwrap());
    let mut levels = form_fields(&with_row, "#levels form");
    set(&mut levels, "level-code-3", "A");
    set(&mut levels, "level-name-3", "Niveau A");
    save_section(&admin, "levels", &levels, "save").await;

    // A cell of the new level, and a changed Kennis text at C.
    let page = editor(&admin).await;
    let mut cells = form_fields(&page, "#cells-0");
    set(
        &mut cells,
        "cell-A",
        "Voor de uitoefening is een brede specialisatie vereist.",
    );
    set(
        &mut cells,
        "cell-C",
        "Grondige kennis van de werkprocedures en -methodes.",
    );
    let saved = post_fields(
        &admin,
        &format!("/admin/profiles/{SLUG}/draft/cells"),
        &cells,
        "save",
    )
    .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    // Back to the row just saved, not the top of the grid.
    assert_eq!(
        saved.headers()["location"],
        format!("/admin/profiles/{SLUG}/draft#cells-0").as_str()
    );

    // Result areas: move the last task of area 1 to area 2, and reorder.
    let page = editor(&admin).await;
    let mut areas = form_fields(&page, "#areas form");
    let first: Vec<String> = areas
        .iter()
        .find(|(k, _)| k == "area-tasks-0")
        .unwrap()
        .1
        .lines()
        .map(String::from)
        .collect();
    let moved = first.last().unwrap().clone();
    set(
        &mut areas,
        "area-tasks-0",
        &first[..first.len() - 1].join("\n"),
    );
    let second = format!(
        "{}\n{moved}",
        areas.iter().find(|(k, _)| k == "area-tasks-1").unwrap().1
    );
    set(&mut areas, "area-tasks-1", &second);
    save_section(&admin, "areas", &areas, "down-0").await;

    // Criteria: rename one; removing one with cells asks first.
    let page = editor(&admin).await;
    let mut criteria = form_fields(&page, "#criteria form");
    set(&mut criteria, "criterion-name-6", "Klantcontacten");
    save_section(&admin, "criteria", &criteria, "save").await;
    let page = editor(&admin).await;
    let criteria = form_fields(&page, "#criteria form");
    let response = post_fields(
        &admin,
        &format!("/admin/profiles/{SLUG}/draft/criteria"),
        &criteria,
        "remove-4",
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    let confirm = Page::parse(&response.text().await.unwrap());
    assert!(confirm.text(".lead").contains("Verbetering"));
    assert_eq!(
        draft_json(&app, &token).await["criteria"]
            .as_array()
            .unwrap()
            .len(),
        7,
        "nothing removed yet"
    );
    let confirmed = form_fields(&confirm, "#resend");
    let refs: Vec<(&str, &str)> = confirmed
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        admin
            .post(&format!("/admin/profiles/{SLUG}/draft/criteria"), &refs)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    // Glossary: change the definition.
    let page = editor(&admin).await;
    let mut glossary = form_fields(&page, "#glossary form");
    set(
        &mut glossary,
        "definition-0",
        "kennis van een afgebakend domein",
    );
    save_section(&admin, "glossary", &glossary, "save").await;

    let draft = draft_json(&app, &token).await;
    assert_eq!(draft["title"], "Administratieve ondersteuning (2027)");
    let codes: Vec<&str> = draft["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["D", "C", "B1", "A"]);
    assert_eq!(
        draft["criteria"][0]["descriptors"]["A"],
        "Voor de uitoefening is een brede specialisatie vereist."
    );
    assert!(
        draft["criteria"][0]["descriptors"]["B1"]
            .as_str()
            .unwrap()
            .contains("specialisatie*"),
        "cells follow a renamed level"
    );
    assert_eq!(
        draft["result_areas"][0]["title"],
        "Als praktische organisator"
    );
    assert_eq!(
        draft["result_areas"][0]["tasks"]
            .as_array()
            .unwrap()
            .last()
            .unwrap(),
        &json!(moved)
    );
    let names: Vec<&str> = draft["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Kennis",
            "Documenten",
            "Praktische organisatie",
            "Procedures",
            "Vragen of klachten",
            "Klantcontacten"
        ]
    );
    assert_eq!(
        draft["glossary"][0]["definition"],
        "kennis van een afgebakend domein"
    );
    assert!(draft["revision"].as_i64().unwrap() >= 8);

    // Every save is in the audit log.
    let saves: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'draft.saved'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert!(saves >= 7, "{saves}");

    // Preview shows it as HR will, marked as a draft; publishing needs cells for A everywhere.
    let (status, preview) = admin
        .page(&format!("/admin/profiles/{SLUG}/draft/preview"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(preview.text(".banner-draft").contains("Ontwerp"));
    assert_eq!(
        preview.texts("table.grid thead th"),
        ["Criterium", "Niveau D", "Niveau C", "Niveau B", "Niveau A"]
    );
    let (status, compared) = admin
        .page(&format!("/admin/profiles/{SLUG}/draft/compare?levels=C,A"))
        .await;
    assert_eq!(status, StatusCode::OK);
    // The preview leads back to the editor, not into the public catalogue.
    assert_eq!(
        compared.count(&format!(
            ".breadcrumb a[href='/admin/profiles/{SLUG}/draft']"
        )),
        1
    );
    assert_eq!(compared.count(".breadcrumb a[href='/']"), 0);
    let rev = revision(&editor(&admin).await);
    let (status, page) = admin
        .post_page(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[("revision", &rev), ("change_note", "Niveau A toegevoegd")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.text(".error-summary")
            .contains("$.criteria[1].descriptors.A"),
        "{}",
        page.text(".error-summary")
    );
}

#[tokio::test]
async fn a_stale_save_shows_both_texts_and_overwrites_nothing() {
    let app = TestApp::spawn().await;
    let first = app.login_as(Role::Admin).await;
    let second = app.login_as(Role::Admin).await;
    let page = start_draft(&first).await;
    let stale = form_fields(&page, "#general form");

    let mut theirs = stale.clone();
    set(&mut theirs, "purpose", "De tekst van de eerste beheerder.");
    save_section(&first, "general", &theirs, "save").await;

    let mut mine = stale.clone();
    set(&mut mine, "purpose", "De tekst van de tweede beheerder.");
    let response = post_fields(
        &second,
        &format!("/admin/profiles/{SLUG}/draft/general"),
        &mine,
        "save",
    )
    .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let conflict = Page::parse(&response.text().await.unwrap());
    let table = conflict.text("table.conflict");
    assert!(
        table.contains("De tekst van de eerste beheerder.")
            && table.contains("De tekst van de tweede beheerder."),
        "{table}"
    );
    let token = first.api_token().await;
    assert_eq!(
        draft_json(&app, &token).await["purpose"],
        "De tekst van de eerste beheerder."
    );

    // Choosing "save mine" sends the same text over the newer revision.
    let keep = form_fields(&conflict, "#resend");
    let refs: Vec<(&str, &str)> = keep.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        second
            .post(&format!("/admin/profiles/{SLUG}/draft/general"), &refs)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        draft_json(&app, &token).await["purpose"],
        "De tekst van de tweede beheerder."
    );
}

#[tokio::test]
async fn the_draft_api_refuses_a_stale_revision_with_the_current_one() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let token = admin.api_token().await;
    let api = crate::support::client();
    let url = app.url(&format!("/api/v1/profiles/{SLUG}/draft"));
    assert_eq!(
        api.get(&url)
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    let (_, mut doc) = app.json(&format!("/api/v1/profiles/{SLUG}")).await;
    for key in ["version", "status", "published_at"] {
        doc.as_object_mut().unwrap().remove(key);
    }
    // Create, then replace with the revision read.
    let created: Value = api
        .put(&url)
        .bearer_auth(&token)
        .json(&doc)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(created["revision"], 1);
    doc["purpose"] = json!("Nieuw doel.");
    doc["revision"] = json!(1);
    let response = api
        .put(&url)
        .bearer_auth(&token)
        .json(&doc)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = api
        .put(&url)
        .bearer_auth(&token)
        .json(&doc)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["error"]["message"].as_str().unwrap().contains('2'),
        "{body}"
    );
    // A bad document: 422 with JSON paths, nothing changed.
    doc["revision"] = json!(2);
    doc["levels"][0]["code"] = json!("d!");
    let response = api
        .put(&url)
        .bearer_auth(&token)
        .json(&doc)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = response.json().await.unwrap();
    assert!(
        body["error"]["fields"]
            .as_object()
            .unwrap()
            .contains_key("$.levels[0].code"),
        "{body}"
    );
    // Publish through the API, then the diff.
    let response = api
        .post(app.url(&format!("/api/v1/profiles/{SLUG}/draft/publish")))
        .bearer_auth(&token)
        .json(&json!({"change_note": "Doel verduidelijkt", "revision": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let published: Value = response.json().await.unwrap();
    assert_eq!(published, json!({"version": 2, "status": "published"}));
    let (status, diff) = app
        .json(&format!("/api/v1/profiles/{SLUG}/diff?from=1&to=2"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(diff["sections"][0]["changes"][0]["label"], "purpose");
    assert_eq!(diff["sections"][0]["changes"][0]["new"], "Nieuw doel.");
    assert_eq!(
        app.get(&format!("/api/v1/profiles/{SLUG}/diff?from=x"))
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.get(&format!("/api/v1/profiles/{SLUG}/diff?from=9&to=2"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn publishing_freezes_the_draft_and_the_history_shows_the_word_diff() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let page = start_draft(&admin).await;
    let mut cells = form_fields(&page, "#cells-0");
    set(
        &mut cells,
        "cell-C",
        "Voor de uitoefening van de verschillende activiteiten is grondige kennis vereist van verschillende werkprocedures.",
    );
    save_section(&admin, "cells", &cells, "save").await;
    let rev = revision(&editor(&admin).await);
    // The change note is required.
    let (status, _) = admin
        .post_page(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[("revision", &rev), ("change_note", " ")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[
                ("revision", &rev),
                ("change_note", "Kennis op C aangescherpt"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert!(page.text("table.grid").contains("grondige kennis"));
    let (_, history) = app.page(&format!("/profiles/{SLUG}/history")).await;
    assert!(
        history
            .text("table.list")
            .contains("Kennis op C aangescherpt")
    );
    let (_, diff) = app
        .page(&format!("/profiles/{SLUG}/diff?from=1&to=2"))
        .await;
    assert_eq!(diff.texts(".diff-item dt")[0], "Kennis · C gewijzigd");
    assert!(
        diff.texts(".diff-item ins")
            .iter()
            .any(|t| t.contains("grondige"))
    );
    assert!(
        diff.texts(".diff-item del")
            .iter()
            .any(|t| t.contains("-methodes."))
    );
    // The old draft is gone; version 2 is frozen.
    assert_eq!(
        admin
            .get(&format!("/admin/profiles/{SLUG}/draft"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let frozen = sqlx::query("update profile_versions set title = 'x' where version = 2")
        .execute(&app.pool)
        .await;
    assert!(frozen.is_err());
}

#[tokio::test]
async fn a_failure_during_publication_leaves_the_old_version_current() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let page = start_draft(&admin).await;
    // Make the last step of publishing fail, after the old version was superseded.
    sqlx::query(
        "create function fail_publish() returns trigger language plpgsql as $$
         begin if new.status = 'published' and old.status = 'draft' then raise exception 'disk full'; end if; return new; end $$",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("create trigger zz_fail_publish before update on profile_versions for each row execute function fail_publish()")
        .execute(&app.pool)
        .await
        .unwrap();
    let rev = revision(&page);
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[("revision", &rev), ("change_note", "Poging")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let statuses: Vec<(i32, String)> =
        sqlx::query_as("select version, status::text from profile_versions order by version")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        statuses,
        [(1, "published".to_string()), (2, "draft".to_string())]
    );
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert!(page.text(".meta").contains("Versie 1"));
}

#[tokio::test]
async fn a_version_with_a_later_date_takes_effect_on_that_date() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let page = start_draft(&admin).await;
    let mut general = form_fields(&page, "#general form");
    set(
        &mut general,
        "title",
        "Administratieve ondersteuning (vanaf 2030)",
    );
    save_section(&admin, "general", &general, "save").await;
    let rev = revision(&editor(&admin).await);
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[
                ("revision", &rev),
                ("change_note", "Nieuwe titel"),
                ("effective", "2030-01-01"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // The catalogue keeps the current version and says what comes.
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(page.text("h1"), "Administratieve ondersteuning");
    assert!(
        page.text(".notice").contains("01/01/2030"),
        "{}",
        page.text(".notice")
    );
    let (status, next) = app.page(&format!("/profiles/{SLUG}/versions/2")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(next.text(".banner").contains("later"));
    // New positions still use the version in effect.
    let manager = app.login_as(Role::Manager).await;
    let response = manager.post("/positions/new", &[("profile", SLUG)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let pinned: i32 = sqlx::query_scalar(
        "select v.version from positions p join profile_versions v on v.id = p.profile_version_id",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(pinned, 1);
    // Let the date come (the guard forbids editing frozen rows; this test
    // steps around it to move time), then the promotion makes it current.
    assert_eq!(jobclass::drafts::promote_due(&app.pool).await.unwrap(), 0);
    sqlx::query("alter table profile_versions disable trigger profile_versions_guard")
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "update profile_versions set effective_at = now() - interval '1 minute' where version = 2",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    sqlx::query("alter table profile_versions enable trigger profile_versions_guard")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(jobclass::drafts::promote_due(&app.pool).await.unwrap(), 1);
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(
        page.text("h1"),
        "Administratieve ondersteuning (vanaf 2030)"
    );
}

#[tokio::test]
async fn discarding_a_draft_removes_it_and_its_content() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let page = start_draft(&admin).await;
    let before = app.count("descriptors").await;
    let rev = revision(&page);
    assert_eq!(
        admin
            .post(
                &format!("/admin/profiles/{SLUG}/draft/discard"),
                &[("revision", &rev)]
            )
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.count("descriptors").await, before - 21);
    assert_eq!(app.count("profile_versions").await, 1);
}

#[tokio::test]
async fn an_uploaded_document_becomes_a_draft_only_when_valid() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let upload = |text: String| {
        let form = reqwest::multipart::Form::new().part(
            "document",
            reqwest::multipart::Part::text(text).file_name("profile.json"),
        );
        admin
            .client
            .post(admin.url(&format!("/admin/profiles/import?csrf_token={}", admin.csrf)))
            .multipart(form)
            .send()
    };
    let mut doc: Value = serde_json::from_str(jobclass::profiles::document::SEED).unwrap();
    doc["slug"] = json!("onthaal");
    doc["criteria"][2]["descriptors"]["X"] = json!("onbekend niveau");
    let before = app.count("profile_versions").await;
    let response = upload(doc.to_string()).await.unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Page::parse(&response.text().await.unwrap());
    assert!(
        page.text(".error-summary")
            .contains("$.criteria[2].descriptors.X")
    );
    assert_eq!(app.count("profile_versions").await, before);
    assert_eq!(app.count("profiles").await, 1);

    doc["criteria"][2]["descriptors"]
        .as_object_mut()
        .unwrap()
        .remove("X");
    let response = upload(doc.to_string()).await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, editor) = admin.page("/admin/profiles/onthaal/draft").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(editor.count("#cells form"), 7);
    // Export of a version downloads its document.
    let response = admin
        .get(&format!("/admin/profiles/{SLUG}/versions/1/export"))
        .await;
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let exported: Value = response.json().await.unwrap();
    assert_eq!(exported["slug"], SLUG);
}

#[tokio::test]
async fn a_change_request_is_answered_and_the_requester_reads_the_answer() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let admin = app.login_as(Role::Admin).await;
    let (_, page) = manager.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(
        page.count("form[action$='/requests'] select[name=part] option"),
        14
    );
    let response = manager
        .post(
            &format!("/profiles/{SLUG}/requests"),
            &[
                ("part", "Kennis"),
                ("proposal", "Noem ook digitale vaardigheden."),
                ("reason", "Elke functie gebruikt nu digitale toepassingen."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = manager
        .post(
            &format!("/profiles/{SLUG}/requests"),
            &[("part", "Kennis"), ("proposal", ""), ("reason", "x")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let (_, list) = admin.page("/admin/requests").await;
    assert!(
        list.text("main")
            .contains("Noem ook digitale vaardigheden.")
    );
    let id: i64 = sqlx::query_scalar("select id from change_requests")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // Linking needs an open draft.
    assert_eq!(
        admin
            .post(&format!("/admin/requests/{id}/link"), &[])
            .await
            .status(),
        StatusCode::CONFLICT
    );
    start_draft(&admin).await;
    assert_eq!(
        admin
            .post(&format!("/admin/requests/{id}/link"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let answer = "Opgenomen in het ontwerp van versie 2.";
    assert_eq!(
        admin
            .post(
                &format!("/admin/requests/{id}/close"),
                &[("answer", answer)]
            )
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        admin
            .post(
                &format!("/admin/requests/{id}/close"),
                &[("answer", answer)]
            )
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let (_, account) = manager.page("/account").await;
    assert!(account.text("#requests-h + ul").contains(answer));
}
