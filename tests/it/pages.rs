//! Fixed pages: the accessibility statement.

use reqwest::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn the_accessibility_statement_is_public_in_dutch_french_and_english() {
    let app = TestApp::spawn().await;
    for (lang, title, status) in [
        ("nl", "Toegankelijkheidsverklaring", "gedeeltelijk conform"),
        (
            "fr",
            "Déclaration d’accessibilité",
            "partiellement conforme",
        ),
        ("en", "Accessibility statement", "partially conformant"),
    ] {
        let (code, page) = app.page(&format!("/accessibility?lang={lang}")).await;
        assert_eq!(code, StatusCode::OK, "{lang}");
        assert_eq!(page.one("html").value().attr("lang"), Some(lang));
        assert_eq!(page.text("h1"), title);
        let main = page.text("main");
        assert!(main.contains(status), "{lang}: {main}");
        assert!(
            main.contains("WCAG 2.1") && main.contains("EN 301 549"),
            "{lang}"
        );
        assert_eq!(
            page.one("main a[href^='mailto:']").value().attr("href"),
            Some("mailto:toegankelijkheid@jobclass.example")
        );
        assert_eq!(
            page.one("main time").value().attr("datetime"),
            Some("2026-11-29T12:00:00Z")
        );
        // Status, method, limitations, contact, enforcement.
        assert_eq!(page.count("main h2"), 5, "{lang}");
    }
}

#[tokio::test]
async fn every_page_links_to_the_accessibility_statement_from_its_footer() {
    let app = TestApp::spawn().await;
    for path in [
        "/",
        "/login",
        "/profiles/administratieve-ondersteuning",
        "/nowhere",
    ] {
        let (_, page) = app.page(path).await;
        assert_eq!(
            page.count("footer a[href='/accessibility']"),
            1,
            "no link on {path}"
        );
    }
    let (_, page) = app.page("/accessibility").await;
    assert_eq!(
        page.one("footer a[href='/accessibility']")
            .value()
            .attr("aria-current"),
        Some("page")
    );
}
