//! Profiles in two languages: the seed reads in French on first start,
//! a reader picks the content language (kept like the UI language), a
//! missing language says so, an admin translates a draft section by
//! section (changed source texts marked), publishes an incomplete
//! translation whose missing texts fall back marked, the API answers in
//! the language asked for, documents carry translations (format 2), and a
//! decision record opens in the language the decision was made in.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::api::{SLUG, submitted_position};
use crate::support::form::set;
use crate::support::html::Page;

/// The number of texts of the seed profile (every text has a key).
fn seed_texts() -> usize {
    let doc = jobclass::profiles::document::parse(jobclass::profiles::document::SEED).unwrap();
    let content = jobclass::profiles::model::Content::from_document(&doc);
    jobclass::profiles::translation::texts(&content).len()
}

#[tokio::test]
async fn the_seed_reads_in_french_with_the_ui_in_french() {
    let app = TestApp::spawn().await;
    let reader = app.anonymous().await;

    let (status, page) = reader.page(&format!("/profiles/{SLUG}?lang=fr")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.text("h1"), "Soutien administratif");
    assert_eq!(page.one("article.profile").value().attr("lang"), Some("fr"));
    assert!(page.text("table.grid").contains("Connaissances"));
    assert!(page.text("table.grid").contains("spécialisation"));
    // Complete: nothing falls back, no notice; the switch offers Dutch.
    assert_eq!(page.count(".untranslated"), 0);
    assert_eq!(page.count(".content-language .notice"), 0);
    let switch = page.text(".content-language nav");
    assert!(switch.contains("traduction non officielle"), "{switch}");
    assert!(
        page.text(".content-language")
            .contains("Seul le texte source fait foi")
    );
    let dutch = page.one(".content-language nav a[lang=nl]");
    let href = dutch.value().attr("href").unwrap().to_string();
    assert!(href.contains("content_lang=nl"), "{href}");

    // Chosen: the source in Dutch with the UI in French, and the choice is
    // kept for the next page (compare), like the UI language.
    let (_, page) = reader.page(&href).await;
    assert_eq!(page.text("h1"), "Administratieve ondersteuning");
    assert_eq!(page.one("article.profile").value().attr("lang"), Some("nl"));
    assert_eq!(page.one("html").value().attr("lang"), Some("fr"));
    let (_, page) = reader.page(&format!("/profiles/{SLUG}/compare")).await;
    assert!(page.text("table.compare").contains("Kennis"), "kept: Dutch");
    let (_, page) = reader
        .page(&format!("/profiles/{SLUG}/compare?content_lang=fr"))
        .await;
    assert!(page.text("table.compare").contains("Connaissances"));
    assert!(page.text("h1").contains("Soutien administratif"));
    let (_, page) = reader.page(&format!("/profiles/{SLUG}/versions/1")).await;
    assert_eq!(page.text("h1"), "Soutien administratif", "kept: French");

    // A language without translation: the source, with a notice in the
    // reader's language.
    let english = app.anonymous().await;
    let (status, page) = english.page(&format!("/profiles/{SLUG}?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.text("h1"), "Administratieve ondersteuning");
    assert_eq!(
        page.text(".content-language .notice"),
        "This text does not exist in English; you are reading the Dutch version."
    );
    let (_, page) = english
        .page(&format!("/profiles/{SLUG}?lang=nl&content_lang=en"))
        .await;
    assert_eq!(
        page.text(".content-language .notice"),
        "Deze tekst bestaat niet in het Engels; u leest de Nederlandse versie."
    );

    // An unknown language code: 400 naming the allowed ones.
    let (status, page) = app
        .page(&format!("/profiles/{SLUG}?content_lang=xx&lang=en"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        page.text("main").contains("nl, fr, en, de"),
        "{}",
        page.text("main")
    );
}

#[tokio::test]
async fn the_api_answers_in_the_language_asked_for() {
    let app = TestApp::spawn().await;
    let path = format!("/api/v1/profiles/{SLUG}");
    let (status, source) = app.json(&path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(source["language"], "nl");
    assert_eq!(source["translation"]["status"], "source");
    assert_eq!(
        source["available_languages"],
        serde_json::json!(["nl", "fr"])
    );
    assert!(source.get("translations").is_none());

    let (status, french) = app.json(&format!("{path}?content_lang=fr")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(french["language"], "fr");
    assert_eq!(french["source_language"], "nl");
    assert_eq!(french["title"], "Soutien administratif");
    assert_eq!(french["translation"]["status"], "complete");
    assert_eq!(french["translation"]["unofficial"], true);
    assert_eq!(french["translation"]["missing"], serde_json::json!([]));
    assert_eq!(french["criteria"][0]["name"], "Connaissances");
    let (_, versioned) = app
        .json(&format!("{path}/versions/1?content_lang=fr"))
        .await;
    assert_eq!(versioned["title"], "Soutien administratif");

    let (status, missing) = app.json(&format!("{path}?content_lang=en")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(missing["error"]["code"], "no_translation");
    assert!(
        missing["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nl, fr"),
        "{missing}"
    );
    let (status, bad) = app.json(&format!("{path}?content_lang=klingon")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");

    // Export carries the translation as format 2.
    let admin = app.login_as(Role::Admin).await;
    let response = admin
        .get(&format!("/admin/profiles/{SLUG}/versions/1/export"))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let doc: serde_json::Value = response.json().await.unwrap();
    assert_eq!(doc["format"], 2);
    let texts = doc["translations"]["fr"]["texts"].as_object().unwrap();
    assert_eq!(texts.len(), seed_texts());
    assert_eq!(texts.keys().next().map(String::as_str), Some("title"));
}

/// The fields of the translation view's section `slug`.
fn section(page: &Page, slug: &str) -> Vec<(String, String)> {
    page.form_fields(&format!("#section-{slug} form"))
}

#[tokio::test]
async fn an_admin_translates_a_draft_and_publishes_it_incomplete() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let started = admin
        .post(&format!("/admin/profiles/{SLUG}/draft"), &[])
        .await;
    assert_eq!(started.status(), StatusCode::SEE_OTHER);
    let view = format!("/admin/profiles/{SLUG}/draft/translations/fr");

    // The draft carries the seed's translation: complete.
    let (status, page) = admin.page(&view).await;
    assert_eq!(status, StatusCode::OK);
    let total = seed_texts();
    assert!(
        page.text(".meta")
            .contains(&format!("{total} van {total} vertaald")),
        "{}",
        page.text(".meta")
    );
    assert_eq!(page.count("tr.outdated"), 0);

    // The source's purpose changes: its translation is marked outdated.
    let (_, editor) = admin.page(&format!("/admin/profiles/{SLUG}/draft")).await;
    let mut general = editor.form_fields("#general form");
    set(
        &mut general,
        "purpose",
        "Een nieuw geformuleerd doel van de functie.",
    );
    general.push(("action".into(), "save".into()));
    let saved = admin
        .post_fields(&format!("/admin/profiles/{SLUG}/draft/general"), &general)
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.page(&view).await;
    assert_eq!(page.count("tr.outdated"), 1);
    assert!(
        page.text("tr.outdated")
            .contains("Een nieuw geformuleerd doel")
    );
    assert!(
        page.text("tr.outdated details")
            .contains("Administratieve, organisatorische en faciliterende taken")
    );
    assert!(page.text("h1 + .meta").contains("deels verouderd"));

    // Translating it again clears the mark; blanking a task leaves it
    // untranslated.
    let mut fields = section(&page, "general");
    set(
        &mut fields,
        "t:purpose",
        "Un objectif reformulé de la fonction.",
    );
    let response = admin.post_fields(&format!("{view}/general"), &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = admin.page(&view).await;
    assert_eq!(page.count("tr.outdated"), 0);
    let mut area = section(&page, "area-1");
    set(&mut area, "t:area.1.task.2", "  ");
    let before = app.audit_count("draft.translation_saved").await;
    let response = admin.post_fields(&format!("{view}/area-1"), &area).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count("draft.translation_saved").await, before + 1);
    let (_, page) = admin.page(&view).await;
    assert!(page.text("h1 + .meta").contains("onvolledig"));

    // A text the source does not have, a stale revision: refused, nothing
    // written.
    let mut bad = section(&page, "area-1");
    bad.push(("t:area.1.task.99".into(), "Inventé".into()));
    let response = admin.post_fields(&format!("{view}/area-1"), &bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page_text = Page::parse(&response.text().await.unwrap()).text(".error-summary");
    assert!(page_text.contains("area.1.task.99"), "{page_text}");
    let mut stale = section(&page, "area-1");
    set(&mut stale, "revision", "1");
    set(
        &mut stale,
        "t:area.1.task.2",
        "Texte qui ne sera pas enregistré.",
    );
    let response = admin.post_fields(&format!("{view}/area-1"), &stale).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(app.audit_count("draft.translation_saved").await, before + 1);
    let (status, _) = admin
        .page(&format!("/admin/profiles/{SLUG}/draft/translations/nl"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "the source's own language");
    let (status, _) = admin
        .page(&format!("/admin/profiles/{SLUG}/draft/translations/xx"))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Published with the gap: the task shows in Dutch, marked.
    let (_, editor) = admin.page(&format!("/admin/profiles/{SLUG}/draft")).await;
    let mut publish = editor.form_fields("#publish form");
    set(&mut publish, "change_note", "Doel herschreven.");
    let response = admin
        .post_fields(&format!("/admin/profiles/{SLUG}/draft/publish"), &publish)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = app.page(&format!("/profiles/{SLUG}?lang=fr")).await;
    assert!(page.text(".purpose").contains("Un objectif reformulé"));
    let fallback = page.all(".untranslated");
    assert_eq!(fallback.len(), 1);
    assert_eq!(fallback[0].value().attr("lang"), Some("nl"));
    assert!(page.text(".untranslated").contains("non traduit"));
    assert!(
        page.text(".content-language")
            .contains(&format!("{} textes sur {total}", total - 1))
    );
    let (_, api) = app
        .json(&format!("/api/v1/profiles/{SLUG}?content_lang=fr"))
        .await;
    assert_eq!(api["translation"]["status"], "incomplete");
    assert_eq!(
        api["translation"]["missing"],
        serde_json::json!(["area.1.task.2"])
    );
    // The first version keeps its own French text.
    let (_, old) = app
        .json(&format!(
            "/api/v1/profiles/{SLUG}/versions/1?content_lang=fr"
        ))
        .await;
    assert_eq!(old["translation"]["status"], "complete");
}

#[tokio::test]
async fn documents_carry_translations_checked_against_their_source() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let api = admin.api().await;
    let mut doc: serde_json::Value =
        serde_json::from_str(jobclass::profiles::document::SEED).unwrap();
    doc["slug"] = "tweetalig".into();
    doc["translations"]["fr"]["texts"]["area.9.title"] = "Inventé".into();
    let put = "/api/v1/profiles/tweetalig/draft";
    let (status, body) = api.put(put, &doc).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("area.9.title"), "{body}");
    // Format 1 with translations is refused; format 1 without still reads.
    let mut one = doc.clone();
    one["format"] = 1.into();
    let (status, _) = api.put(put, &one).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    one.as_object_mut().unwrap().remove("translations");
    let (status, body) = api.put(put, &one).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A format-2 document with a valid translation is kept with its draft
    // and comes back with it.
    doc["translations"]["fr"]["texts"]
        .as_object_mut()
        .unwrap()
        .remove("area.9.title");
    doc["slug"] = "tweetalig-2".into();
    let (status, body) = api.put("/api/v1/profiles/tweetalig-2/draft", &doc).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let response = admin.get("/admin/profiles/tweetalig-2/draft/export").await;
    let exported: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        exported["translations"]["fr"]["texts"]["title"],
        "Soutien administratif"
    );
}

#[tokio::test]
async fn a_decision_record_opens_in_the_language_it_was_decided_in() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let hr = app.login_as(Role::Hr).await;
    let id = submitted_position(&manager, "Onthaal").await;
    assert_eq!(
        hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    // The officer reads the profile in French (UI in French).
    let (_, review) = hr.page(&format!("/review/{id}?lang=fr")).await;
    assert!(review.text("main").contains("Connaissances"));
    let decided = hr
        .post(
            &format!("/review/{id}/decide"),
            &[
                ("level", "C"),
                ("rationale", "Lang genoeg gemotiveerd voor een beslissing."),
            ],
        )
        .await;
    assert_eq!(decided.status(), StatusCode::SEE_OTHER);
    let language: Option<String> =
        sqlx::query_scalar("select decided_content_language from positions where id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(language.as_deref(), Some("fr"));

    // Another reader in Dutch opens the record in French, and may switch.
    let other_hr = app.login_as(Role::Hr).await;
    let (_, record) = other_hr
        .page(&format!("/positions/{id}/record?lang=nl"))
        .await;
    assert!(record.text(".record-grid").contains("Connaissances"));
    assert_eq!(
        record.one(".record-grid tbody th").value().attr("lang"),
        Some("fr")
    );
    assert!(record.text(".facts-list").contains("Français"));
    let (_, record) = other_hr
        .page(&format!("/positions/{id}/record?content_lang=nl"))
        .await;
    assert!(record.text(".record-grid").contains("Kennis"));
}

#[tokio::test]
async fn compare_across_profiles_reads_each_in_the_content_language() {
    let app = TestApp::spawn().await;
    crate::compare_profiles::second_profile(&app).await;
    let other = crate::compare_profiles::OTHER;
    let path = format!("/compare?profiles={SLUG},{other}&level=C");
    let (status, page) = app.page(&format!("{path}&lang=fr")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.text("table").contains("Connaissances"),
        "{}",
        page.text("main")
    );
    let (_, page) = app.page(&format!("{path}&lang=fr&content_lang=nl")).await;
    assert!(page.text("table").contains("Kennis"));
    let (status, api) = app.json(&format!("/api/v1{path}&content_lang=fr")).await;
    assert_eq!(status, StatusCode::OK, "{api}");
    assert!(api.to_string().contains("Connaissances"), "{api}");
    let (status, _) = app.json(&format!("/api/v1{path}&content_lang=xx")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
