//! The catalogue, the profile page and the compare view, as a reader sees them.

use reqwest::StatusCode;

use crate::support::api::SLUG;
use crate::support::{TestApp, urlencoded};

/// The grid exactly as the seed's reading guide restores it (READING.md).
const GRID: [(&str, [&str; 3]); 7] = [
    (
        "Kennis",
        [
            "Voor de uitvoering van de taken is een basiskennis van de procedures en methodes vereist.",
            "Voor de uitoefening van de verschillende activiteiten is kennis vereist van verschillende werkprocedures en -methodes.",
            "Voor de uitoefening van de verschillende activiteiten zijn een specialisatie* en noties van verwante domeinen vereist.",
        ],
    ),
    (
        "Documenten",
        [
            "Eenvoudige controles van documenten uitvoeren en/of eenvoudige verbeteringen aanbrengen in bestaande documenten.",
            "Documenten opstellen of aanpassen waarvoor een beperkte analyse van de inhoud vereist is. Nagaan of documenten voldoen aan de geldende procedures of voorschriften.",
            "Documenten opstellen waarvoor een diepgaande analyse vereist is en verbanden gelegd moeten worden tussen verschillende informatie. Nagaan of documenten voldoen aan de geldende procedures of voorschriften.",
        ],
    ),
    (
        "Praktische organisatie",
        [
            "Eenvoudige of repetitieve taken opnemen ter ondersteuning van activiteiten of evenementen.",
            "Verschillende praktische taken opnemen bij activiteiten of evenementen. Zich aanpassen aan onverwachte situaties.",
            "Vanuit praktisch oogpunt zelfstandig activiteiten of evenementen organiseren. Actief oplossingen zoeken voor onverwachte problemen.",
        ],
    ),
    (
        "Procedures",
        [
            "Eenvoudige en eenduidige instructies strikt volgen.",
            "De mogelijkheden volgen die binnen de procedures of voorschriften zijn bepaald en kiezen uit bestaande alternatieven.",
            "Op eigen initiatief handelen binnen het vooropgestelde kader en in uitzonderlijke situaties afwijken van de procedures of voorschriften.",
        ],
    ),
    (
        "Verbetering",
        [
            "Recurrente problemen bij de uitvoering van de taken signaleren.",
            "Concrete verbeteringen van de gehanteerde procedures en methodes voorstellen.",
            "Concrete verbeteringen van de gehanteerde procedures en methodes voorstellen.",
        ],
    ),
    (
        "Vragen of klachten",
        [
            "Een antwoord voor eenvoudige vragen of klachten kiezen uit de beschikbare standaardantwoorden. Niet-standaardvragen of klachten doorverwijzen.",
            "Vragen of klachten beantwoorden op basis van een keuze tussen bestaande alternatieven. Vragen of klachten doorverwijzen als het antwoord niet kan worden afgeleid uit de beschikbare alternatieven.",
            "Een brede waaier van vragen of klachten beantwoorden die een aanpassing van bestaande alternatieven aan de concrete situatie vereisen. Vragen of klachten doorverwijzen die de ontwikkeling van nieuwe alternatieven vereisen.",
        ],
    ),
    (
        "Contacten",
        [
            "Informatie doorgeven aan en ontvangen van de klanten.",
            "De concrete vragen van de klanten beantwoorden door hen correcte informatie en eenvoudige adviezen te geven.",
            "De vragen van de klanten situeren in hun context, objectief en aangepast advies geven en dit uitleggen.",
        ],
    ),
];

const AREAS: [(&str, usize, &str, &str); 4] = [
    (
        "Als administratief ondersteuner",
        8,
        "Standaardbrieven en gepersonaliseerde brieven voor de dienst opstellen",
        "Dossiers en informatiebundels samenstellen",
    ),
    (
        "Als praktische organisator",
        7,
        "Inkomende en uitgaande post of mail van een persoon of een dienst beheren",
        "Gebouwen of lokalen openen en sluiten",
    ),
    (
        "Als contactpersoon",
        9,
        "De telefoon beantwoorden en indien nodig doorverbinden naar de gespecialiseerde personen of diensten",
        "Eenvoudige en/of routinematige klachten en geschillen afhandelen volgens de procedures of voorschriften of deze doorverwijzen naar de gespecialiseerde personen of diensten",
    ),
    (
        "Als gegevens- en/of documentatiebeheerder",
        7,
        "Dossiers, documenten of andere voor de dienst relevante informatie ordenen en opbergen volgens de procedures of voorschriften",
        "Gebruikers wegwijs maken in de databank of het klassement en assisteren bij opzoekingen",
    ),
];

const PURPOSE: &str = "Administratieve, organisatorische en faciliterende taken verzorgen voor een klant of een dienst teneinde optimaal bij te dragen tot de dienstverlening.";

#[tokio::test]
async fn the_seed_profile_document_reproduces_the_reading_guide_exactly() {
    let app = TestApp::spawn().await;
    let (status, doc) = app.json(&format!("/api/v1/profiles/{SLUG}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["title"], "Administratieve ondersteuning");
    assert_eq!(doc["language"], "nl");
    assert_eq!(doc["purpose"], PURPOSE);
    assert!(
        doc["footnote"]
            .as_str()
            .unwrap()
            .starts_with("Omwille van de leesbaarheid wordt de mannelijke vorm gebruikt")
    );
    let codes: Vec<&str> = doc["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["D", "C", "B"]);

    let areas = doc["result_areas"].as_array().unwrap();
    assert_eq!(areas.len(), AREAS.len());
    for (area, (title, count, first, last)) in areas.iter().zip(AREAS) {
        assert_eq!(area["title"], title);
        let tasks = area["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), count, "{title}");
        assert_eq!(tasks.first().unwrap(), first);
        assert_eq!(tasks.last().unwrap(), last);
    }
    let criteria = doc["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), GRID.len());
    for (criterion, (name, cells)) in criteria.iter().zip(GRID) {
        assert_eq!(criterion["name"], name);
        let keys: Vec<&String> = criterion["descriptors"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(keys, ["D", "C", "B"], "{name}: cells in level order");
        for (code, text) in ["D", "C", "B"].into_iter().zip(cells) {
            assert_eq!(criterion["descriptors"][code], text, "{name} at {code}");
        }
    }
    assert_eq!(doc["glossary"][0]["term"], "specialisatie");
    assert!(
        doc["glossary"][0]["definition"]
            .as_str()
            .unwrap()
            .starts_with("duidelijk afgebakende kennis van een domein")
    );
}

#[tokio::test]
async fn the_profile_page_shows_every_area_task_and_cell() {
    let app = TestApp::spawn().await;
    let (status, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("h1"), 1);
    assert_eq!(page.text("h1"), "Administratieve ondersteuning");
    assert_eq!(page.text(".purpose"), PURPOSE);
    let titles = page.texts(".result-area h3");
    assert_eq!(titles, AREAS.map(|a| a.0));
    let counts: Vec<usize> = page
        .all(".result-area")
        .iter()
        .map(|a| a.select(&scraper::Selector::parse("li").unwrap()).count())
        .collect();
    assert_eq!(counts, AREAS.map(|a| a.1));

    assert_eq!(
        page.texts("table.grid thead th"),
        ["Criterium", "Niveau D", "Niveau C", "Niveau B"]
    );
    let rows = page.all("table.grid tbody tr");
    assert_eq!(rows.len(), 7);
    for (row, (name, cells)) in rows.iter().zip(GRID) {
        let th = row
            .select(&scraper::Selector::parse("th").unwrap())
            .next()
            .unwrap();
        // The criterion's name, then the evaluation factor it assesses.
        assert_eq!(th.text().next().unwrap_or_default().trim(), name);
        assert_eq!(
            th.select(&scraper::Selector::parse(".factor-tag").unwrap())
                .count(),
            1
        );
        let tds: Vec<String> = row
            .select(&scraper::Selector::parse("td").unwrap())
            .map(|td| {
                // The cell as read, without the opened glossary definition.
                let mut text = String::new();
                for node in td.descendants() {
                    if let Some(t) = node.value().as_text() {
                        let inside_definition = node.ancestors().any(|a| {
                            a.value().as_element().is_some_and(|e| {
                                e.has_class(
                                    "term-definition",
                                    scraper::CaseSensitivity::CaseSensitive,
                                )
                            })
                        });
                        if !inside_definition {
                            text.push_str(t);
                        }
                    }
                }
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            })
            .collect();
        // Glossary terms read as terms: their marking star is not shown.
        let cells: Vec<String> = cells.iter().map(|c| c.replace('*', "")).collect();
        assert_eq!(tds, cells, "{name}");
    }
    // The grid is one step away: a table of contents at the top, and
    // long task lists folded.
    assert_eq!(page.count("nav.toc a[href='#criteria-h']"), 1);
    assert_eq!(page.count(".profile-actions a[href='#criteria-h']"), 1);
    assert_eq!(page.count(".result-area details.tasks-fold"), 4);
    // A mission standing alone starts with a capital.
    assert!(
        page.text(".result-area .mission")
            .starts_with("Administratieve documenten")
    );
    assert!(
        page.one("meta[name=description]")
            .value()
            .attr("content")
            .unwrap()
            .starts_with("Administratieve, organisatorische")
    );
}

#[tokio::test]
async fn a_starred_term_opens_its_definition_in_place() {
    let app = TestApp::spawn().await;
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    let term = page.one("table.grid details.term");
    let summary = term
        .select(&scraper::Selector::parse("summary").unwrap())
        .next()
        .unwrap();
    assert_eq!(crate::support::html::text_of(summary), "specialisatie");
    // The star stays for the footnote alone.
    let grid = page.text("table.grid");
    assert!(!grid.contains('*'), "{grid}");
    let definition = crate::support::html::text_of(term);
    assert!(
        definition.contains("duidelijk afgebakende kennis van een domein"),
        "{definition}"
    );
    assert!(page.text(".glossary").contains("specialisatie"));
}

#[tokio::test]
async fn compare_says_same_as_c_for_verbetering_at_b() {
    let app = TestApp::spawn().await;
    let (status, page) = app
        .page(&format!(
            "/profiles/{SLUG}/compare?levels=C,B&criteria=Verbetering"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        page.texts("table.compare thead th"),
        ["Criterium", "Niveau C", "Niveau B"]
    );
    assert_eq!(page.count("table.compare tbody tr"), 1);
    assert_eq!(
        page.text("table.compare td.same .same-badge"),
        "zelfde als C"
    );
    assert_eq!(
        page.count("table.compare ins"),
        0,
        "no difference may be shown"
    );
    assert_eq!(page.count("table.compare del"), 0);

    for (lang, words) in [("fr", "identique à C"), ("en", "same as C")] {
        let (_, page) = app
            .page(&format!(
                "/profiles/{SLUG}/compare?levels=C,B&criteria=Verbetering&lang={lang}"
            ))
            .await;
        assert_eq!(page.text("td.same .same-badge"), words);
    }
}

#[tokio::test]
async fn compare_highlights_what_changes_in_kennis_from_c_to_b() {
    let app = TestApp::spawn().await;
    let (status, page) = app
        .page(&format!(
            "/profiles/{SLUG}/compare?levels=B&levels=C&criteria=Kennis"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    // By default: B's own text, with what is new at B marked and nothing
    // struck; the glossary term as a term, never a bare star.
    let added = page.texts("td.changed ins");
    assert!(
        added.iter().any(|t| t.contains("specialisatie")),
        "added: {added:?}"
    );
    assert_eq!(page.count("td.changed del"), 0);
    assert_eq!(page.count("td.changed details.term"), 1);
    assert!(!page.text("table.compare").contains('*'));
    for run in page.all("td.changed ins") {
        let text: String = run.text().collect();
        assert_eq!(text, text.trim(), "no space at a run's edge");
    }
    assert!(page.text(".legend").contains("nieuw"));
    // The full diff is one link away, and strikes what B drops.
    let toggle = page
        .one(".legend a")
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(
        toggle,
        format!("/profiles/{SLUG}/compare?levels=B&levels=C&criteria=Kennis&diff=full")
    );
    let (status, page) = app.page(&toggle).await;
    assert_eq!(status, StatusCode::OK);
    let removed = page.texts("td.changed del");
    assert!(
        removed.iter().any(|t| t.contains("werkprocedures")),
        "removed: {removed:?}"
    );
    assert_eq!(page.count("td.same"), 0);
    assert!(page.text(".legend").contains("toegevoegd"));
    assert_eq!(
        page.one("form.compare-form input[name=diff]")
            .value()
            .attr("value"),
        Some("full")
    );
    let back = page
        .one(".legend a")
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert!(!back.contains("diff="), "{back}");
    assert_eq!(
        app.get(&format!("/profiles/{SLUG}/compare?diff=loud"))
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn compare_defaults_to_all_levels_and_criteria() {
    let app = TestApp::spawn().await;
    let (status, page) = app.page(&format!("/profiles/{SLUG}/compare")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("table.compare thead th"), 4);
    assert_eq!(page.count("table.compare tbody tr"), 7);
    // The form shows the choice as checked boxes: a plain GET form.
    assert_eq!(
        page.count("form.compare-form input[name=levels][checked]"),
        3
    );
    assert_eq!(
        page.one("form.compare-form").value().attr("method"),
        Some("get")
    );
}

#[tokio::test]
async fn compare_rejects_unknown_levels_and_criteria_naming_the_value() {
    let app = TestApp::spawn().await;
    let (status, page) = app
        .page(&format!("/profiles/{SLUG}/compare?levels=C,Q"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = page.text(".lead");
    assert!(
        message.contains("„Q”") && message.contains("D, C, B"),
        "{message}"
    );

    let (status, page) = app
        .page(&format!("/profiles/{SLUG}/compare?criteria=Moed&lang=en"))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.text(".lead").contains("“Moed”"));
}

#[tokio::test]
async fn unknown_profiles_are_404_in_html_and_json() {
    let app = TestApp::spawn().await;
    let (status, page) = app.page("/profiles/bestaat-niet").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(page.text("h1"), "Pagina niet gevonden");
    let (status, page) = app.page("/profiles/bestaat-niet/compare?levels=C").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(page.count("h1"), 1);

    let (status, body) = app.json("/api/v1/profiles/bestaat-niet").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["error"]["code"], "not_found");
    assert!(body["error"]["message"].as_str().unwrap().len() > 5);
}

#[tokio::test]
async fn the_catalogue_lists_and_searches_profiles() {
    let app = TestApp::spawn().await;
    let (status, page) = app.page("/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.texts(".cards h2"), ["Administratieve ondersteuning"]);
    assert!(page.text(".cards .facts").contains("D–B"));

    // A word from a task ("klassement"), a stemmed form ("klachten" →
    // "klacht"), and a criterion name find it; nonsense does not.
    for query in [
        "klassement",
        "klacht",
        "praktische organisatie",
        "ADMINISTRATIEVE",
    ] {
        let (_, page) = app.page(&format!("/?q={}", urlencoded(query))).await;
        assert_eq!(page.count(".cards li"), 1, "query {query}");
    }
    let (_, page) = app.page("/?q=ruimtevaart").await;
    assert_eq!(page.count(".cards li"), 0);
    assert!(page.text("main").contains("Geen enkel profiel"));
    // Search syntax never breaks the page.
    for query in [
        "\"",
        "-",
        "a & b | !c",
        "'); drop table profiles; --",
        "(((",
    ] {
        let (status, _) = app.page(&format!("/?q={}", urlencoded(query))).await;
        assert_eq!(status, StatusCode::OK, "query {query}");
    }
}

#[tokio::test]
async fn the_ui_language_follows_the_query_then_the_cookie_then_the_browser() {
    let app = TestApp::spawn().await;
    let (_, page) = app.page("/").await;
    assert_eq!(page.one("html").value().attr("lang"), Some("nl"));
    assert_eq!(page.text("h1"), "Functieprofielen");

    let (_, page) = app.page("/?lang=fr").await;
    assert_eq!(page.one("html").value().attr("lang"), Some("fr"));
    assert_eq!(page.text("h1"), "Profils de fonction");
    // Remembered in a cookie by the same browser.
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(page.one("html").value().attr("lang"), Some("fr"));
    assert_eq!(page.text("#criteria-h"), "Critères distinctifs");
    // Content follows the UI language where a translation exists.
    assert_eq!(page.one("article.profile").value().attr("lang"), Some("fr"));

    let response = crate::support::client()
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.9,nl;q=0.5")
        .send()
        .await
        .unwrap();
    let page = crate::support::html::Page::parse(&response.text().await.unwrap());
    assert_eq!(page.text("h1"), "Function profiles");
}
