//! Compare across profiles (`GET /compare`): one level of several profiles
//! side by side, criteria matched by name, differences marked against the
//! first profile; every refusal a 4xx page that says what is wrong.

use jobclass::profiles::document::DocCriterion;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::api::SLUG;

/// The second profile's slug and title.
pub const OTHER: &str = "onthaal-en-secretariaat";
pub const OTHER_TITLE: &str = "Onthaal en secretariaat";

/// Publishes a second profile made from the seed: "Kennis" renamed in
/// another case and spacing (the same criterion), "Documenten" at C
/// reworded, "Contacten" dropped, "Onthaal" added, and no level B.
pub async fn second_profile(app: &TestApp) {
    app.publish_seed(|doc| {
        doc.slug = OTHER.into();
        doc.title = OTHER_TITLE.into();
        doc.levels.retain(|l| l.code != "B");
        for criterion in &mut doc.criteria {
            criterion.descriptors.shift_remove("B");
        }
        doc.criteria[0].name = "  KENNIS ".into();
        doc.criteria[1].descriptors.insert(
            "C".into(),
            "Documenten nakijken, ordenen en klasseren volgens de geldende procedures.".into(),
        );
        doc.criteria.retain(|c| c.name != "Contacten");
        doc.criteria.push(DocCriterion {
            name: "Onthaal".into(),
            factor: None,
            descriptors: [
                ("D".to_string(), "Bezoekers ontvangen.".to_string()),
                (
                    "C".to_string(),
                    "Bezoekers ontvangen en doorverwijzen.".to_string(),
                ),
            ]
            .into_iter()
            .collect(),
        });
    })
    .await;
}

/// A third profile: the seed under another name, "Procedures" reworded at C.
async fn third_profile(app: &TestApp) {
    app.publish_seed(|doc| {
        doc.slug = "derde-profiel".into();
        doc.title = "Derde profiel".into();
        let procedures = doc
            .criteria
            .iter_mut()
            .find(|c| c.name == "Procedures")
            .unwrap();
        procedures.descriptors.insert(
            "C".into(),
            "Procedures strikt en zelfstandig volgen.".into(),
        );
    })
    .await;
}

fn url(profiles: &str, level: &str) -> String {
    format!("/compare?profiles={profiles}&level={level}")
}

#[tokio::test]
async fn two_profiles_side_by_side_with_matched_rows_first_and_the_rest_apart() {
    let app = TestApp::spawn().await;
    second_profile(&app).await;
    let (status, page) = app.page(&url(&format!("{SLUG},{OTHER}"), "C")).await;
    assert_eq!(status, StatusCode::OK);

    // Headers name each profile with its version and level.
    let headers = page.texts("#xcompare-caption-table thead th");
    assert_eq!(headers.len(), 3);
    assert!(
        headers[1].contains("Administratieve ondersteuning"),
        "{headers:?}"
    );
    assert!(
        headers[1].contains("1") && headers[1].contains("Niveau C"),
        "{headers:?}"
    );
    assert!(
        headers[2].contains(OTHER_TITLE) && headers[2].contains("1"),
        "{headers:?}"
    );
    assert_eq!(page.count("#xcompare-caption-table thead th[scope=col]"), 3);
    assert!(!page.text("#xcompare-caption").is_empty());

    // Matched rows in the first profile's order, whatever the case or spacing.
    let rows = page.texts("#xcompare-caption-table tbody th[scope=row]");
    assert_eq!(
        rows,
        [
            "Kennis",
            "Documenten",
            "Praktische organisatie",
            "Procedures",
            "Verbetering",
            "Vragen of klachten"
        ]
    );
    // Kennis is word for word the same.
    let kennis = page.all("#xcompare-caption-table tbody tr")[0];
    let same = kennis
        .select(&scraper::Selector::parse("td.same .same-badge").unwrap())
        .next()
        .expect("same badge")
        .text()
        .collect::<String>();
    assert!(same.contains("zelfde als"), "{same}");

    // Documenten: the second profile's own text, its new words marked.
    let added = page.texts("#xcompare-caption-table td.changed ins");
    assert!(added.iter().any(|t| t.contains("nakijken")), "{added:?}");
    assert_eq!(page.count("#xcompare-caption-table td.changed del"), 0);

    // Apart: each criterion with the profile that lacks it named.
    let apart = page.texts("#xcompare-caption-partial-table tbody th[scope=row]");
    assert_eq!(apart.len(), 2, "{apart:?}");
    assert!(
        apart[0].starts_with("Contacten") && apart[0].contains(OTHER_TITLE),
        "{apart:?}"
    );
    assert!(
        apart[1].starts_with("Onthaal") && apart[1].contains("ontbreekt in"),
        "{apart:?}"
    );
    assert_eq!(page.count("#xcompare-caption-partial-table td.absent"), 2);
    assert!(
        page.text("#xcompare-caption-partial-table")
            .contains("doorverwijzen")
    );
}

#[tokio::test]
async fn the_full_diff_is_a_link_away_and_glossary_terms_are_terms() {
    let app = TestApp::spawn().await;
    third_profile(&app).await;
    let (status, page) = app.page(&url(&format!("{SLUG},derde-profiel"), "B")).await;
    assert_eq!(status, StatusCode::OK);
    // The seed's "specialisatie*" is a term in both columns, never a star.
    assert_eq!(page.count("#xcompare-caption-table details.term"), 2);
    assert!(!page.text("#xcompare-caption-table").contains('*'));
    // No criterion apart: the section is not there.
    assert_eq!(page.count("#xcompare-caption-partial-table"), 0);

    let (_, page) = app.page(&url(&format!("{SLUG},derde-profiel"), "c")).await;
    let toggle = page
        .one(".legend a")
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(
        toggle,
        format!("/compare?profiles={SLUG}%2Cderde-profiel&level=C&diff=full")
    );
    let (status, page) = app.page(&toggle).await;
    assert_eq!(status, StatusCode::OK);
    let removed = page.texts("td.changed del");
    assert!(
        removed.iter().any(|t| t.contains("mogelijkheden")),
        "{removed:?}"
    );
    assert_eq!(
        page.one("form.xcompare-form input[name=diff]")
            .value()
            .attr("value"),
        Some("full")
    );
    let back = page.one(".legend a").value().attr("href").unwrap();
    assert!(!back.contains("diff="), "{back}");
}

#[tokio::test]
async fn up_to_four_profiles_each_compared_with_the_first() {
    let app = TestApp::spawn().await;
    second_profile(&app).await;
    third_profile(&app).await;
    app.publish_seed(|doc| {
        doc.slug = "vierde-profiel".into();
        doc.title = "Vierde profiel".into();
    })
    .await;
    // Repeated parameters work as well as a list.
    let (status, page) = app
        .page(&format!(
            "/compare?profiles={SLUG}&profiles={OTHER}&profiles=derde-profiel,vierde-profiel&level=D"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("#xcompare-caption-table thead th"), 5);
    let heads = page.texts("#xcompare-caption-table thead th");
    assert!(
        heads[3].contains("Derde profiel") && heads[4].contains("Vierde profiel"),
        "{heads:?}"
    );
    // The fourth is the seed itself: every cell of it says "same as" the first.
    for row in page.all("#xcompare-caption-table tbody tr") {
        let cells: Vec<_> = row
            .select(&scraper::Selector::parse("td").unwrap())
            .collect();
        assert_eq!(cells.len(), 4);
        assert_eq!(cells[3].value().attr("class"), Some("same"));
    }
    // Every cell is labelled with its profile for the phone layout.
    assert_eq!(
        page.count("#xcompare-caption-table td[data-level]"),
        page.count("#xcompare-caption-table td")
    );
}

#[tokio::test]
async fn links_lead_both_ways() {
    let app = TestApp::spawn().await;
    second_profile(&app).await;
    let cross = format!("/compare?from={SLUG}");
    let (_, profile) = app.page(&format!("/profiles/{SLUG}")).await;
    assert!(
        profile
            .all("a")
            .iter()
            .any(|a| a.value().attr("href") == Some(cross.as_str()))
    );
    let (_, compare) = app.page(&format!("/profiles/{SLUG}/compare")).await;
    assert_eq!(
        compare.one("a.cross-link").value().attr("href"),
        Some(cross.as_str())
    );

    // From a profile: the form with that profile ticked.
    let (status, form) = app.page(&cross).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        form.one("form.xcompare-form input[name=profiles][checked]")
            .value()
            .attr("value"),
        Some(SLUG)
    );
    assert_eq!(form.count("form.xcompare-form input[name=profiles]"), 2);
    assert_eq!(
        form.one("form.xcompare-form").value().attr("method"),
        Some("get")
    );
    assert_eq!(form.count("label[for=xcompare-level]"), 1);
    assert_eq!(form.count("table"), 0);

    // Back to each profile and its level compare.
    let (_, page) = app.page(&url(&format!("{OTHER},{SLUG}"), "C")).await;
    let hrefs: Vec<String> = page
        .all(".xcompare-profiles a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_string))
        .collect();
    assert_eq!(
        hrefs,
        [
            format!("/profiles/{OTHER}"),
            format!("/profiles/{OTHER}/compare"),
            format!("/profiles/{SLUG}"),
            format!("/profiles/{SLUG}/compare"),
        ]
    );
}

#[tokio::test]
async fn nothing_chosen_is_the_form_not_an_error() {
    let app = TestApp::spawn().await;
    for path in [
        "/compare",
        "/compare?profiles=&level=",
        "/compare?profiles=",
    ] {
        let (status, page) = app.page(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(page.count(".error-summary"), 0, "{path}");
        assert_eq!(page.count("form.xcompare-form"), 1);
    }
}

#[tokio::test]
async fn a_choice_that_cannot_be_compared_says_why_and_changes_nothing() {
    let app = TestApp::spawn().await;
    second_profile(&app).await;
    let audits = app.count("audit_log").await;
    let cases = [
        (
            url(SLUG, "C"),
            StatusCode::BAD_REQUEST,
            vec!["minstens twee", "1"],
        ),
        (
            url(&format!("{SLUG},{OTHER},a,b,c"), "C"),
            StatusCode::BAD_REQUEST,
            vec!["hoogstens vier", "5"],
        ),
        (
            url(&format!("{SLUG},bestaat-niet"), "C"),
            StatusCode::NOT_FOUND,
            vec!["„bestaat-niet”"],
        ),
        (
            url(&format!("{SLUG},{SLUG}"), "C"),
            StatusCode::BAD_REQUEST,
            vec![SLUG, "meer dan eens"],
        ),
        (
            url(&format!("{SLUG},{OTHER}"), "B"),
            StatusCode::NOT_FOUND,
            vec![OTHER_TITLE, "geen niveau B", "D, C"],
        ),
        (
            url(&format!("{SLUG},{OTHER}"), ""),
            StatusCode::BAD_REQUEST,
            vec!["niveau"],
        ),
        (
            format!("/compare?profiles={SLUG},{OTHER}"),
            StatusCode::BAD_REQUEST,
            vec!["niveau"],
        ),
        (
            "/compare?level=C".to_string(),
            StatusCode::BAD_REQUEST,
            vec!["minstens twee", "0"],
        ),
        (
            format!("/compare?profiles={SLUG},{OTHER}&level=C&level=D"),
            StatusCode::BAD_REQUEST,
            vec!["één niveau"],
        ),
        (
            format!("/compare?profiles={SLUG},{OTHER}&level=C&diff=loud"),
            StatusCode::BAD_REQUEST,
            vec!["full"],
        ),
    ];
    for (path, expected, words) in cases {
        let (status, page) = app.page(&path).await;
        assert_eq!(status, expected, "{path}");
        let message = page.text(".error-summary .lead");
        for word in words {
            assert!(message.contains(word), "{path}: {message}");
        }
        // The form stays, to choose again.
        assert_eq!(page.count("form.xcompare-form"), 1, "{path}");
        assert_eq!(page.count("table"), 0, "{path}");
    }
    // In the reader's language.
    let (status, page) = app.page(&format!("{}&lang=fr", url(SLUG, "C"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.text(".error-summary .lead").contains("au moins deux"));
    let (_, page) = app
        .page(&format!("{}&lang=en", url(&format!("{SLUG},{OTHER}"), "B")))
        .await;
    assert!(page.text(".error-summary .lead").contains("has no level B"));
    // A very long unknown slug is cut in the message.
    let long = "x".repeat(500);
    let (status, page) = app.page(&url(&format!("{SLUG},{long}"), "C")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.text(".error-summary .lead").len() < 200);
    assert_eq!(app.count("audit_log").await, audits);
}

#[tokio::test]
async fn the_api_gives_the_same_rows_as_data() {
    let app = TestApp::spawn().await;
    second_profile(&app).await;
    let (status, body) = app
        .json(&format!(
            "/api/v1/compare?profiles={SLUG}&profiles={OTHER}&level=c"
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["level"], "C");
    assert_eq!(body["diff"], "new");
    assert_eq!(body["profiles"][1]["slug"], OTHER);
    assert_eq!(body["profiles"][1]["version"], 1);
    assert_eq!(body["profiles"][0]["level_name"], "Niveau C");
    let matched = body["matched"].as_array().unwrap();
    assert_eq!(matched.len(), 6);
    assert_eq!(matched[0]["criterion"], "Kennis");
    assert_eq!(matched[0]["cells"][1]["status"], "same");
    assert_eq!(matched[0]["cells"][1]["compared_with"], SLUG);
    let documenten = &matched[1]["cells"][1];
    assert_eq!(documenten["status"], "changed");
    assert_eq!(
        documenten["text"],
        "Documenten nakijken, ordenen en klasseren volgens de geldende procedures."
    );
    assert!(
        documenten["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["change"] == "added" && p["text"].as_str().unwrap().contains("nakijken"))
    );
    let unmatched = body["unmatched"].as_array().unwrap();
    assert_eq!(unmatched[0]["criterion"], "Contacten");
    assert_eq!(unmatched[0]["missing_from"], serde_json::json!([OTHER]));
    assert_eq!(unmatched[0]["cells"][1]["status"], "absent");

    let (_, full) = app
        .json(&format!(
            "/api/v1/compare?profiles={SLUG},{OTHER}&level=C&diff=full"
        ))
        .await;
    assert!(
        full["matched"][1]["cells"][1]["pieces"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["change"] == "removed")
    );

    for (query, status, code) in [
        (format!("profiles={SLUG}&level=C"), 400, "bad_request"),
        (
            format!("profiles={SLUG},{SLUG}&level=C"),
            400,
            "bad_request",
        ),
        (format!("profiles={SLUG},{OTHER}"), 400, "bad_request"),
        (
            format!("profiles={SLUG},nope&level=C"),
            404,
            "unknown_profile",
        ),
        (
            format!("profiles={SLUG},{OTHER}&level=B"),
            404,
            "unknown_level",
        ),
    ] {
        let (got, body) = app.json(&format!("/api/v1/compare?{query}&lang=en")).await;
        assert_eq!(got.as_u16(), status, "{query}: {body}");
        assert_eq!(body["error"]["code"], code, "{query}");
        assert!(body["error"]["message"].as_str().unwrap().len() > 10);
    }

    // Documented: two to four distinct slugs, a level.
    let (_, doc) = app.json("/api/openapi.json").await;
    let parameters = doc["paths"]["/api/v1/compare"]["get"]["parameters"]
        .as_array()
        .unwrap();
    let profiles = parameters.iter().find(|p| p["name"] == "profiles").unwrap();
    assert_eq!(profiles["required"], true);
    assert_eq!(profiles["schema"]["minItems"], 2);
    assert_eq!(profiles["schema"]["maxItems"], 4);
    assert_eq!(profiles["schema"]["uniqueItems"], true);
}
