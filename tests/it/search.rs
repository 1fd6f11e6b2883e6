//! Catalogue search: in every language a profile is read in, by former
//! titles, synonyms and typos, with escaped snippets, filters, and
//! suggestions when nothing is found; the same through the API.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::api::{Api, SLUG};
use crate::support::{TestApp, urlencoded};

fn draft_path() -> String {
    format!("/api/v1/profiles/{SLUG}/draft")
}

/// The seed profile's current document, ready to be written as a draft.
async fn current_document(app: &TestApp) -> Value {
    let (_, mut doc) = app.json(&format!("/api/v1/profiles/{SLUG}")).await;
    for key in ["version", "status", "published_at"] {
        doc.as_object_mut().unwrap().remove(key);
    }
    doc
}

/// Writes `doc` as the seed profile's draft through the API.
async fn write_draft(api: &Api, doc: &Value) {
    let (status, body) = api.put(&draft_path(), doc).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Publishes the seed profile's draft through the API.
async fn publish(api: &Api) {
    let (_, draft) = api.get(&draft_path()).await;
    let (status, body) = api
        .post(
            &format!("{}/publish", draft_path()),
            Some(&json!({"change_note": "Zoektest", "revision": draft["revision"]})),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Publishes the seed profile again with another title.
async fn publish_title(app: &TestApp, api: &Api, title: &str) {
    let mut doc = current_document(app).await;
    doc["title"] = json!(title);
    write_draft(api, &doc).await;
    publish(api).await;
}

/// Titles of the result cards of a catalogue address.
async fn titles(app: &TestApp, path: &str) -> Vec<String> {
    let (status, page) = app.page(path).await;
    assert_eq!(status, StatusCode::OK, "{path}");
    page.texts(".cards h2")
}

#[tokio::test]
async fn a_profile_is_found_by_a_former_title_and_the_result_says_so() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Admin).await.api().await;
    publish_title(&app, &api, "Secretariaatsmedewerker").await;
    publish_title(&app, &api, "Dienstassistent").await;

    // The title two versions ago, and the first one.
    for (former, query) in [
        ("Secretariaatsmedewerker", "secretariaatsmedewerker"),
        (
            "Administratieve ondersteuning",
            "\"administratieve ondersteuning\"",
        ),
    ] {
        let (status, page) = app.page(&format!("/?q={}", urlencoded(query))).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(page.texts(".cards h2"), ["Dienstassistent"], "{query}");
        assert_eq!(
            page.text(".cards .previously"),
            format!("Vroeger: {former}")
        );
    }
    // The current title is not "previously"; in French the UI says it so.
    let (_, page) = app.page("/?q=dienstassistent").await;
    assert_eq!(page.texts(".cards h2"), ["Dienstassistent"]);
    assert_eq!(page.count(".cards .previously"), 0);
    let (_, page) = app.page("/?q=secretariaatsmedewerker&lang=fr").await;
    assert!(page.text(".cards .previously").starts_with("Anciennement"));

    // The API says which former title matched.
    let (status, list) = app.json("/api/v1/profiles?q=secretariaatsmedewerker").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list[0]["title"], "Dienstassistent");
    assert_eq!(list[0]["previous_title"], "Secretariaatsmedewerker");
    assert_eq!(list[0]["language"], "nl");
}

#[tokio::test]
async fn typos_in_titles_and_terms_still_find_the_profile() {
    let app = TestApp::spawn().await;
    for query in [
        "administatieve",
        "Administratieve ondersteunig",
        "klasement",
    ] {
        assert_eq!(
            titles(&app, &format!("/?q={}", urlencoded(query))).await,
            ["Administratieve ondersteuning"],
            "{query}"
        );
    }
    // A word like nothing known finds nothing.
    assert!(titles(&app, "/?q=ruimtevaart").await.is_empty());
}

#[tokio::test]
async fn a_thesaurus_synonym_finds_the_profile_in_its_language_only() {
    let app = TestApp::spawn().await;
    assert!(titles(&app, "/?q=zwerkelmap").await.is_empty());
    sqlx::query(
        "insert into thesaurus_sets (language, terms, broader) values
         ('nl', '{klassement,zwerkelmap}', '{}'), ('fr', '{telefoon,blorpique}', '{}')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let (_, page) = app.page("/?q=zwerkelmap").await;
    assert_eq!(page.texts(".cards h2"), ["Administratieve ondersteuning"]);
    // The snippet shows the word the synonym stands for.
    assert!(
        page.texts(".cards .snippet mark")
            .iter()
            .any(|m| m.to_lowercase() == "klassement"),
        "{:?}",
        page.texts(".cards .snippet mark")
    );
    // A French set does not widen a search in Dutch texts.
    assert!(titles(&app, "/?q=blorpique").await.is_empty());
}

#[tokio::test]
async fn a_french_reader_finds_the_profile_through_its_french_translation() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Admin).await.api().await;
    // The shipped (unofficial) French translation of the seed answers first.
    assert_eq!(
        titles(&app, "/?q=courrier").await,
        ["Soutien administratif"]
    );
    write_draft(&api, &current_document(&app).await).await;
    sqlx::query(
        "insert into version_translations (version_id, language, texts, unofficial)
         select id, 'fr', $1, true from profile_versions where status = 'draft'",
    )
    .bind(json!({
        "title": "Assistant administratif",
        "purpose": "Assurer des tâches administratives, organisationnelles et de soutien pour un client ou un service.",
        "area.1.title": "En tant que soutien administratif",
        "area.1.task.1": "Rédiger des lettres types et des courriers personnalisés pour le service",
    }))
    .execute(&app.pool)
    .await
    .unwrap();
    // A draft's translation is not searched.
    assert_eq!(
        titles(&app, "/?q=courrier").await,
        ["Soutien administratif"]
    );
    publish(&api).await;

    // Stemmed in French: "organisationnel" finds "organisationnelles",
    // "courrier" finds "courriers"; the French title is shown, marked French.
    for query in ["organisationnel", "courrier", "assistant administratif"] {
        let (_, page) = app.page(&format!("/?q={}", urlencoded(query))).await;
        assert_eq!(
            page.texts(".cards h2"),
            ["Assistant administratif"],
            "{query}"
        );
        assert_eq!(page.one(".cards h2").value().attr("lang"), Some("fr"));
    }
    // The Dutch source still answers Dutch words, in Dutch.
    let (_, page) = app.page("/?q=klassement").await;
    assert_eq!(page.texts(".cards h2"), ["Administratieve ondersteuning"]);
    // The language filter: French texts; none in English.
    let (_, page) = app.page("/?language=fr&lang=fr").await;
    assert_eq!(page.texts(".cards h2"), ["Assistant administratif"]);
    assert_eq!(page.one(".cards h2").value().attr("lang"), None);
    assert!(titles(&app, "/?language=en").await.is_empty());
    assert!(titles(&app, "/?q=klassement&language=fr").await.is_empty());
    let (_, list) = app.json("/api/v1/profiles?q=courrier&language=fr").await;
    assert_eq!(list[0]["title"], "Assistant administratif");
    assert_eq!(list[0]["language"], "fr");
}

#[tokio::test]
async fn filters_by_level_and_language_refuse_unknown_values_in_the_users_language() {
    let app = TestApp::spawn().await;
    let (_, page) = app.page("/").await;
    // The form works without JavaScript: labelled fields of one GET form.
    for id in ["q", "level", "language"] {
        assert_eq!(
            page.count(&format!("form.search label[for={id}]")),
            1,
            "{id}"
        );
    }
    assert_eq!(page.texts("#level option")[1..], ["D", "C", "B"]);
    assert_eq!(
        titles(&app, "/?level=B").await,
        ["Administratieve ondersteuning"]
    );
    assert_eq!(
        titles(&app, "/?q=klacht&level=c&language=nl").await,
        ["Administratieve ondersteuning"]
    );
    let (_, page) = app.page("/?level=B").await;
    assert!(page.text(".result-count").contains("filters"));

    let (status, page) = app.page("/?level=Q").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        page.text("main").contains("D, C, B"),
        "{}",
        page.text("main")
    );
    let (status, page) = app.page("/?language=xx&lang=fr").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.text("main").contains("nl, fr, en, de"));
    assert!(page.text("main").contains("langue"));
    let long = "k".repeat(201);
    let (status, _) = app.page(&format!("/?q={long}")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    // A level code no profile has: 404 in the API (well formed, nothing
    // to filter by), naming the levels there are.
    let (status, body) = app.json("/api/v1/profiles?level=Q").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "unknown_level");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("D, C, B")
    );
    for path in [
        "/api/v1/profiles?language=xx".to_string(),
        format!("/api/v1/profiles?q={long}"),
    ] {
        let (status, body) = app.json(&path).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{path}");
        assert!(body["error"]["message"].as_str().unwrap().len() > 10);
    }
    let (_, body) = app.json("/api/v1/profiles?language=xx").await;
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("nl, fr, en, de")
    );
}

#[tokio::test]
async fn snippets_mark_the_matches_and_escape_hostile_content() {
    let app = TestApp::spawn().await;
    let api = app.login_as(Role::Admin).await.api().await;
    let mut doc = current_document(&app).await;
    doc["result_areas"][0]["tasks"][0] = json!(
        "Als 1 < 2 && 3 > 2 <script>alert('x')</script> de klassementsleutel <b>bijhouden</b>"
    );
    write_draft(&api, &doc).await;
    publish(&api).await;

    let response = app.get("/?q=klassementsleutel").await;
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.unwrap();
    assert!(!html.contains("<script>alert"), "unescaped script");
    assert!(!html.contains("<b>bijhouden"));
    assert!(!html.contains("1 < 2"), "escaped");
    let page = crate::support::html::Page::parse(&html);
    assert!(page.text(".cards .snippet").contains("1 < 2 && 3 > 2"));
    assert_eq!(page.texts(".cards .snippet mark"), ["klassementsleutel"]);

    // The API gives the snippet as plain parts.
    let (_, list) = app.json("/api/v1/profiles?q=klassementsleutel").await;
    let parts = list[0]["snippet"].as_array().unwrap();
    let marked: Vec<&str> = parts
        .iter()
        .filter(|p| p["mark"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, ["klassementsleutel"]);
    let whole: String = parts.iter().map(|p| p["text"].as_str().unwrap()).collect();
    assert!(whole.contains("1 < 2 && 3 > 2"), "{whole}");
}

#[tokio::test]
async fn searches_that_find_nothing_suggest_what_would() {
    let app = TestApp::spawn().await;
    // A title among other words: the title is offered, and finds it.
    let (_, page) = app.page("/?q=Administratieve+ondersteuning+zeppelin").await;
    assert_eq!(page.count(".cards li"), 0);
    let link = page.one(".suggestions a");
    assert_eq!(
        crate::support::html::text_of(link),
        "Administratieve ondersteuning"
    );
    let href = link.value().attr("href").unwrap().to_string();
    assert_eq!(titles(&app, &href).await, ["Administratieve ondersteuning"]);
    // Nothing alike: searches to try.
    let (_, page) = app.page("/?q=ruimtevaart").await;
    assert!(page.text("main").contains("Probeer bijvoorbeeld"));
    assert_eq!(
        page.texts(".suggestions a"),
        ["Administratieve ondersteuning"]
    );
    // An empty search is the whole list.
    assert_eq!(
        titles(&app, "/?q=+&level=&language=").await,
        ["Administratieve ondersteuning"]
    );
}

#[tokio::test]
async fn the_api_lists_as_before_without_a_search() {
    let app = TestApp::spawn().await;
    let (status, list) = app.json("/api/v1/profiles").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        list,
        json!([{
            "slug": SLUG,
            "title": "Administratieve ondersteuning",
            "current_version": 1,
            "levels": ["D", "C", "B"],
        }])
    );
    let (status, list) = app.json("/api/v1/profiles?q=administatieve").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["language"], "nl");
    assert!(list[0].get("previous_title").is_none());
    let (_, list) = app.json("/api/v1/profiles?q=ruimtevaart").await;
    assert_eq!(list, json!([]));
    let (_, doc) = app.json("/api/openapi.json").await;
    let names: Vec<&str> = doc["paths"]["/api/v1/profiles"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["q", "level", "language"]);
}
