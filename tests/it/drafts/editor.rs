//! The draft editor: a new draft copies the current version, every
//! section can be edited, a stale save overwrites nothing.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::json;

use super::{SLUG, draft_json, editor, post_section, save_section, start_draft};
use crate::support::TestApp;
use crate::support::form::{get, set};
use crate::support::html::Page;

#[tokio::test]
async fn a_new_draft_is_a_complete_copy_of_the_current_version() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    start_draft(&admin).await;
    let api = admin.api().await;
    let draft = draft_json(&api).await;
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
    let api = admin.api().await;
    let page = start_draft(&admin).await;

    // General.
    let mut general = page.form_fields("#general form");
    set(
        &mut general,
        "title",
        "Administratieve ondersteuning (2027)",
    );
    save_section(&admin, "general", &general, "save").await;

    // Levels: rename B to B1, add A above it.
    let page = editor(&admin).await;
    let mut levels = page.form_fields("#levels form");
    set(&mut levels, "level-code-2", "B1");
    save_section(&admin, "levels", &levels, "save").await;
    let page = editor(&admin).await;
    let levels = page.form_fields("#levels form");
    let response = post_section(&admin, "levels", &levels, "add").await;
    assert_eq!(response.status(), StatusCode::OK);
    let with_row = Page::parse(&response.text().await.unwrap());
    let mut levels = with_row.form_fields("#levels form");
    set(&mut levels, "level-code-3", "A");
    set(&mut levels, "level-name-3", "Niveau A");
    save_section(&admin, "levels", &levels, "save").await;

    // A cell of the new level, and a changed Kennis text at C.
    let page = editor(&admin).await;
    let mut cells = page.form_fields("#cells-0");
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
    let saved = post_section(&admin, "cells", &cells, "save").await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    // Back to the row just saved, not the top of the grid.
    assert_eq!(
        saved.headers()["location"],
        format!("/admin/profiles/{SLUG}/draft#cells-0").as_str()
    );

    // Result areas: move the last task of area 1 to area 2, and reorder.
    let page = editor(&admin).await;
    let mut areas = page.form_fields("#areas form");
    let first: Vec<String> = get(&areas, "area-tasks-0")
        .lines()
        .map(String::from)
        .collect();
    let moved = first.last().unwrap().clone();
    set(
        &mut areas,
        "area-tasks-0",
        &first[..first.len() - 1].join("\n"),
    );
    let second = format!("{}\n{moved}", get(&areas, "area-tasks-1"));
    set(&mut areas, "area-tasks-1", &second);
    save_section(&admin, "areas", &areas, "down-0").await;

    // Criteria: rename one; removing one with cells asks first.
    let page = editor(&admin).await;
    let mut criteria = page.form_fields("#criteria form");
    set(&mut criteria, "criterion-name-6", "Klantcontacten");
    save_section(&admin, "criteria", &criteria, "save").await;
    let page = editor(&admin).await;
    let criteria = page.form_fields("#criteria form");
    let response = post_section(&admin, "criteria", &criteria, "remove-4").await;
    assert_eq!(response.status(), StatusCode::OK);
    let confirm = Page::parse(&response.text().await.unwrap());
    assert!(confirm.text(".lead").contains("Verbetering"));
    assert_eq!(
        draft_json(&api).await["criteria"].as_array().unwrap().len(),
        7,
        "nothing removed yet"
    );
    let confirmed = confirm.form_fields("#resend");
    assert_eq!(
        admin
            .post_fields(
                &format!("/admin/profiles/{SLUG}/draft/criteria"),
                &confirmed
            )
            .await
            .status(),
        StatusCode::SEE_OTHER
    );

    // Glossary: change the definition.
    let page = editor(&admin).await;
    let mut glossary = page.form_fields("#glossary form");
    set(
        &mut glossary,
        "definition-0",
        "kennis van een afgebakend domein",
    );
    save_section(&admin, "glossary", &glossary, "save").await;

    let draft = draft_json(&api).await;
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
    let saves = app.audit_count("draft.saved").await;
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
    let rev = editor(&admin).await.revision();
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
    let stale = page.form_fields("#general form");

    let mut theirs = stale.clone();
    set(&mut theirs, "purpose", "De tekst van de eerste beheerder.");
    save_section(&first, "general", &theirs, "save").await;

    let mut mine = stale.clone();
    set(&mut mine, "purpose", "De tekst van de tweede beheerder.");
    let response = post_section(&second, "general", &mine, "save").await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let conflict = Page::parse(&response.text().await.unwrap());
    let table = conflict.text("table.conflict");
    assert!(
        table.contains("De tekst van de eerste beheerder.")
            && table.contains("De tekst van de tweede beheerder."),
        "{table}"
    );
    let api = first.api().await;
    assert_eq!(
        draft_json(&api).await["purpose"],
        "De tekst van de eerste beheerder."
    );

    // Choosing "save mine" sends the same text over the newer revision.
    let keep = conflict.form_fields("#resend");
    assert_eq!(
        second
            .post_fields(&format!("/admin/profiles/{SLUG}/draft/general"), &keep)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        draft_json(&api).await["purpose"],
        "De tekst van de tweede beheerder."
    );
}
