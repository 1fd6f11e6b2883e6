//! HR reads the catalogue: searches, opens the seed profile and a glossary
//! definition, compares levels C and B, switches the UI to French (the
//! content follows into its French translation, and back to Dutch on
//! request) and to English, and reads the accessibility statement.

use jobclass::auth::model::Role;

use super::{sign_in, user};
use crate::harness::{Browser, Journey, Js, run};
use crate::keyboard::Hands;

const PROFILE: &str = "/profiles/administratieve-ondersteuning";

#[tokio::test]
async fn hr_reads_searches_and_compares_the_catalogue_in_three_languages_with_javascript() {
    run("catalogue-js", Js::On, catalogue).await;
}

#[tokio::test]
async fn hr_reads_searches_and_compares_the_catalogue_in_three_languages_without_javascript() {
    run("catalogue-nojs", Js::Off, catalogue).await;
}

async fn catalogue(j: &Journey) {
    let email = user(j, "hr", Role::Hr).await;
    let hr = j.browser("hr").await;
    hr.goto("/", "catalogue").await;
    sign_in(&hr, Hands::Mouse, &email).await;
    assert_eq!(hr.text("h1").await, "Functieprofielen");
    hr.shot("catalogue").await;

    // Search, with the level filter; the matches are marked.
    hr.fill("#q", "klachten").await;
    hr.click("#level option[value=C]").await;
    hr.follow("form[role=search] button[type=submit]", "search")
        .await;
    assert_eq!(hr.path().await, "/?q=klachten&level=C&language=");
    assert!(hr.text(".result-count").await.contains("klachten"));
    assert!(hr.count(".cards .snippet mark").await >= 1);
    hr.follow(&format!(".cards a[href='{PROFILE}']"), "profile")
        .await;
    assert_eq!(hr.text("h1").await, "Administratieve ondersteuning");
    hr.shot("profile").await;

    // A glossary term opens in place, with or without script.
    let term = "//details[contains(@class, 'term')]/summary[starts-with(normalize-space(), 'specialisatie')]";
    let summary = hr.find_xpath(term).await;
    let definition = hr
        .find_xpath(&format!(
            "{term}/following-sibling::span[@class='term-definition']"
        ))
        .await;
    assert!(!definition.is_displayed().await.unwrap(), "closed at first");
    summary.click().await.expect("open the term");
    assert!(
        definition.is_displayed().await.unwrap(),
        "open after a click"
    );
    let text = definition.text().await.unwrap();
    assert!(
        text.starts_with("specialisatie: duidelijk afgebakende kennis"),
        "{text}"
    );
    hr.arrive("profile-term-open").await;

    compare(&hr).await;

    // The UI language, through the language links; the profile follows it
    // into its (unofficial) French translation, and the reader can switch
    // the content back to Dutch, a choice that is kept.
    hr.follow(".lang-switch a[hreflang=fr]", "compare-fr").await;
    assert_eq!(hr.prop("html", "lang").await.as_deref(), Some("fr"));
    assert!(hr.text("h1").await.starts_with("Comparer les niveaux"));
    assert_eq!(badge(&hr, "Amélioration").await, "identique à C");
    assert!(hr.path().await.contains("levels=C"), "the choice is kept");
    assert!(
        hr.text(".content-language")
            .await
            .contains("traduction non officielle")
    );
    hr.shot("compare-fr").await;
    hr.follow(".content-language a[lang=nl]", "compare-fr-content-nl")
        .await;
    assert_eq!(badge(&hr, "Verbetering").await, "identique à C");
    assert!(hr.path().await.contains("levels=C"), "the choice is kept");
    hr.follow(".lang-switch a[hreflang=en]", "compare-en").await;
    assert_eq!(hr.prop("html", "lang").await.as_deref(), Some("en"));
    assert!(hr.text("h1").await.starts_with("Compare levels"));
    assert_eq!(badge(&hr, "Verbetering").await, "same as C");

    // The accessibility statement, from the footer, in the chosen language.
    hr.follow(".site-footer a[href='/accessibility']", "accessibility")
        .await;
    assert_eq!(hr.text("h1").await, "Accessibility statement");
    hr.shot("accessibility").await;
}

/// Levels C and B side by side: "same as C" where B repeats C, and the
/// words B adds or drops highlighted.
async fn compare(hr: &Browser<'_>) {
    hr.follow("a.button-link[href$='/compare']", "compare")
        .await;
    for (level, on) in [("D", false), ("C", true), ("B", true)] {
        hr.tick(
            Hands::Mouse,
            &format!(".compare-form input[name=levels][value={level}]"),
            on,
        )
        .await;
    }
    hr.follow(".compare-form button[type=submit]", "compare-c-b")
        .await;
    assert!(
        hr.path().await.contains("levels=C&levels=B"),
        "{}",
        hr.path().await
    );
    assert_eq!(hr.count("table.compare thead th").await, 3);
    assert_eq!(badge(hr, "Verbetering").await, "zelfde als C");

    // Each level's own text, with what is new marked and nothing struck.
    let kennis = "//table[contains(@class, 'compare')]//tr[th='Kennis']/td[2]";
    let marked = hr.find_xpath(&format!("{kennis}//ins")).await;
    assert!(!marked.text().await.unwrap().trim().is_empty());
    let colour = marked.css_value("background-color").await.unwrap();
    assert_eq!(
        colour, "rgba(216, 240, 221, 1)",
        "new words are highlighted"
    );
    assert_eq!(hr.count("table.compare del").await, 0);
    hr.shot("compare-c-b").await;

    // One link shows the full changes, dropped words struck.
    hr.follow(".legend a[href*='diff=full']", "compare-c-b-full")
        .await;
    for (mark, background) in [
        ("ins", "rgba(216, 240, 221, 1)"),
        ("del", "rgba(251, 225, 227, 1)"),
    ] {
        let marked = hr.find_xpath(&format!("{kennis}//{mark}")).await;
        assert!(!marked.text().await.unwrap().trim().is_empty());
        let colour = marked.css_value("background-color").await.unwrap();
        assert_eq!(colour, background, "{mark} is highlighted");
    }
    hr.shot("compare-c-b-full").await;
}

/// The "same as" badge in the row of `criterion`.
async fn badge(b: &Browser<'_>, criterion: &str) -> String {
    b.find_xpath(&format!(
        "//table[contains(@class, 'compare')]//tr[th='{criterion}']//*[contains(@class, 'same-badge')]"
    ))
    .await
    .text()
    .await
    .unwrap()
}
