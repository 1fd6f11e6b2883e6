//! API errors speak the caller's language (`Accept-Language`, as pages
//! do) and of objects and requests, never of pages.

use reqwest::StatusCode;
use serde_json::Value;

use crate::support::TestApp;

async fn error_in(app: &TestApp, path: &str, language: &str) -> (StatusCode, Value) {
    let response = app
        .client
        .get(app.url(path))
        .header("accept-language", language)
        .send()
        .await
        .unwrap();
    (response.status(), response.json().await.unwrap())
}

#[tokio::test]
async fn api_errors_follow_accept_language_and_never_speak_of_pages() {
    let app = TestApp::spawn().await;
    let mut messages = Vec::new();
    for (language, page_word) in [("nl", "pagina"), ("fr", "page"), ("en", "page")] {
        for (path, status, code) in [
            (
                "/api/v1/profiles/geen-profiel",
                StatusCode::NOT_FOUND,
                "not_found",
            ),
            ("/api/v1/me", StatusCode::UNAUTHORIZED, "unauthenticated"),
        ] {
            let (got, body) = error_in(&app, path, language).await;
            assert_eq!(got, status, "{path} {language}: {body}");
            assert_eq!(body["error"]["code"], code, "{body}");
            let message = body["error"]["message"].as_str().unwrap().to_string();
            assert!(
                !message.to_lowercase().contains(page_word),
                "{path} in {language} speaks of pages: {message}"
            );
            messages.push(message);
        }
    }
    // Three languages, three different wordings of each error.
    let mut distinct = messages.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), messages.len(), "{messages:?}");
    // A page still says "page".
    let (status, page) = app.page("/profiles/geen-profiel?lang=en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.text("main").to_lowercase().contains("page"));
}
