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

#[tokio::test]
async fn robots_may_read_the_catalogue_but_not_the_working_areas() {
    let app = TestApp::spawn().await;
    let response = app.get("/robots.txt").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = response.text().await.unwrap();
    for line in [
        "User-agent: *",
        "Disallow: /admin",
        "Disallow: /positions",
        "Disallow: /shared/",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} in {text}");
    }
    assert!(!text.lines().any(|l| l == "Disallow: /"), "{text}");
}

#[tokio::test]
async fn pages_name_their_language_describe_themselves_and_give_valid_times() {
    let app = TestApp::spawn().await;
    let (_, page) = app.page("/?lang=fr").await;
    // The current language is shown, marked, beside the others.
    let current = page.one(".lang-switch [aria-current=true]");
    assert_eq!(crate::support::html::text_of(current), "Français");
    assert_eq!(page.count(".lang-switch a"), 2);
    let description = page
        .one("meta[name=description]")
        .value()
        .attr("content")
        .unwrap();
    assert!(description.len() > 50, "{description}");
    // Every <time datetime> is a valid HTML date and time: whole seconds.
    let (_, page) = app
        .page(&format!("/profiles/{}", crate::support::api::SLUG))
        .await;
    let times = page.all("time[datetime]");
    assert!(!times.is_empty());
    for time in times {
        let at = time.value().attr("datetime").unwrap();
        assert!(!at.contains('.'), "{at}");
        assert!(
            time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).is_ok(),
            "{at}"
        );
    }
}
