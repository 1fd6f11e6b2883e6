//! Health checks, security headers, assets, error pages and the OpenAPI document.

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};

use crate::support::TestApp;

#[tokio::test]
async fn health_and_readiness_answer() {
    let app = TestApp::spawn().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), StatusCode::OK);
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in [
        "/",
        "/profiles/administratieve-ondersteuning",
        "/api/v1/profiles",
        "/nope",
        "/healthz",
    ] {
        let response = app.get(path).await;
        let headers = response.headers();
        let csp = headers
            .get(CONTENT_SECURITY_POLICY)
            .unwrap_or_else(|| panic!("{path}: no CSP"))
            .to_str()
            .unwrap();
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        assert!(headers.contains_key("referrer-policy"), "{path}");
        assert!(headers.contains_key("x-request-id"), "{path}");
    }
}

#[tokio::test]
async fn pages_contain_no_inline_script() {
    let app = TestApp::spawn().await;
    let (_, page) = app.page("/profiles/administratieve-ondersteuning").await;
    for script in page.all("script") {
        assert!(script.value().attr("src").is_some(), "inline script found");
    }
    assert!(
        !page.source.contains(" style=\""),
        "inline style blocked by the CSP"
    );
}

#[tokio::test]
async fn static_files_have_hashed_names_and_long_lifetimes() {
    let app = TestApp::spawn().await;
    let (_, page) = app.page("/").await;
    let href = page
        .one("link[rel=stylesheet]")
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert!(
        href.starts_with("/static/app.") && href.ends_with(".css"),
        "{href}"
    );
    let response = app.get(&href).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()[CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(
        response.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(response.text().await.unwrap().contains("@media print"));
    assert_eq!(
        app.get("/static/app.css").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/static/..%2Fsrc%2Fmain.rs").await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn responses_are_compressed_when_the_client_accepts_it() {
    let app = TestApp::spawn().await;
    let response = crate::support::client()
        .get(app.url("/profiles/administratieve-ondersteuning"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn framework_errors_become_pages_in_the_users_language() {
    let app = TestApp::spawn().await;
    // 405 from the router (with a valid CSRF token, else it is a 403 first).
    let csrf = crate::support::actors::csrf_of(&app.client, &app.url("/login")).await;
    let response = app
        .client
        .post(app.url("/?lang=en"))
        .form(&[("csrf_token", csrf.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert!(
        response.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let text = response.text().await.unwrap();
    assert!(
        text.contains("This action is not possible at this address."),
        "{text}"
    );
    // 413 from the body limit, as JSON under /api.
    let response = app
        .client
        .post(app.url("/api/v1/profiles"))
        .body(vec![b'x'; 3 * 1024 * 1024])
        .send()
        .await
        .unwrap();
    assert!(matches!(
        response.status(),
        StatusCode::PAYLOAD_TOO_LARGE | StatusCode::METHOD_NOT_ALLOWED
    ));
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body["error"]["code"].is_string());
    // Unknown address in French.
    let (status, page) = app.page("/nulle-part?lang=fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(page.text("h1"), "Page introuvable");
}

/// Every API route: method, documented path, an example, and what an
/// anonymous request gets.
const API_ROUTES: [(&str, &str, &str, u16); 32] = [
    (
        "get",
        "/api/v1/compare",
        "/api/v1/compare?profiles=administratieve-ondersteuning,bestaat-niet&level=C",
        404,
    ),
    (
        "get",
        "/api/v1/profiles/{slug}/diff",
        "/api/v1/profiles/administratieve-ondersteuning/diff",
        200,
    ),
    (
        "get",
        "/api/v1/profiles/{slug}/draft",
        "/api/v1/profiles/administratieve-ondersteuning/draft",
        401,
    ),
    (
        "put",
        "/api/v1/profiles/{slug}/draft",
        "/api/v1/profiles/administratieve-ondersteuning/draft",
        401,
    ),
    (
        "delete",
        "/api/v1/profiles/{slug}/draft",
        "/api/v1/profiles/administratieve-ondersteuning/draft",
        401,
    ),
    (
        "post",
        "/api/v1/profiles/{slug}/draft/publish",
        "/api/v1/profiles/administratieve-ondersteuning/draft/publish",
        401,
    ),
    ("get", "/api/v1/me", "/api/v1/me", 401),
    ("get", "/api/v1/notifications", "/api/v1/notifications", 401),
    ("get", "/api/v1/profiles", "/api/v1/profiles", 200),
    (
        "get",
        "/api/v1/profiles/{slug}",
        "/api/v1/profiles/administratieve-ondersteuning",
        200,
    ),
    (
        "get",
        "/api/v1/profiles/{slug}/versions",
        "/api/v1/profiles/administratieve-ondersteuning/versions",
        200,
    ),
    (
        "get",
        "/api/v1/profiles/{slug}/versions/{n}",
        "/api/v1/profiles/administratieve-ondersteuning/versions/1",
        200,
    ),
    (
        "post",
        "/api/v1/profiles/{slug}/match",
        "/api/v1/profiles/administratieve-ondersteuning/match",
        415,
    ),
    (
        "get",
        "/api/v1/positions/{id}/assessment",
        "/api/v1/positions/1/assessment",
        401,
    ),
    (
        "post",
        "/api/v1/positions/{id}/tasks/{n}/confirmation",
        "/api/v1/positions/1/tasks/1/confirmation",
        401,
    ),
    (
        "delete",
        "/api/v1/positions/{id}/tasks/{n}/confirmation",
        "/api/v1/positions/1/tasks/1/confirmation",
        401,
    ),
    ("get", "/api/v1/positions", "/api/v1/positions", 401),
    ("post", "/api/v1/positions", "/api/v1/positions", 401),
    ("get", "/api/v1/positions/{id}", "/api/v1/positions/1", 401),
    ("put", "/api/v1/positions/{id}", "/api/v1/positions/1", 401),
    (
        "post",
        "/api/v1/positions/{id}/submit",
        "/api/v1/positions/1/submit",
        401,
    ),
    (
        "post",
        "/api/v1/positions/{id}/withdraw",
        "/api/v1/positions/1/withdraw",
        401,
    ),
    (
        "post",
        "/api/v1/positions/{id}/claim",
        "/api/v1/positions/1/claim",
        401,
    ),
    (
        "post",
        "/api/v1/positions/{id}/return",
        "/api/v1/positions/1/return",
        401,
    ),
    (
        "post",
        "/api/v1/positions/{id}/decision",
        "/api/v1/positions/1/decision",
        401,
    ),
    (
        "post",
        "/api/v1/positions/{id}/comments",
        "/api/v1/positions/1/comments",
        401,
    ),
    (
        "post",
        "/api/v1/positions/{id}/appeal",
        "/api/v1/positions/1/appeal",
        401,
    ),
    (
        "post",
        "/api/v1/positions/{id}/appeal/decision",
        "/api/v1/positions/1/appeal/decision",
        401,
    ),
    (
        "put",
        "/api/v1/pay/periods/{year}/staff",
        "/api/v1/pay/periods/2026/staff",
        401,
    ),
    (
        "get",
        "/api/v1/pay/periods/{year}/report",
        "/api/v1/pay/periods/2026/report",
        401,
    ),
    (
        "delete",
        "/api/v1/pay/periods/{year}",
        "/api/v1/pay/periods/2026",
        401,
    ),
    (
        "put",
        "/api/v1/pay/periods/{year}/categories/{profile}/{level}/justification",
        "/api/v1/pay/periods/2026/categories/x/C/justification",
        401,
    ),
];

#[tokio::test]
async fn the_openapi_document_lists_every_api_route_and_only_those() {
    let app = TestApp::spawn().await;
    let (status, spec) = app.json("/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(spec["openapi"].as_str().unwrap().starts_with("3."));
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            documented.push((method.clone(), path.clone()));
        }
    }
    documented.sort();
    let mut expected: Vec<(String, String)> = API_ROUTES
        .iter()
        .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
        .collect();
    expected.sort();
    assert_eq!(documented, expected);
    // And each documented route answers for real.
    for (method, _, example, status) in API_ROUTES {
        let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
        let response = app
            .client
            .request(method, app.url(example))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), status, "{example}");
        assert!(
            response.headers()[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("application/json")
        );
    }
}

#[tokio::test]
async fn a_closed_catalogue_asks_visitors_to_sign_in() {
    let app = TestApp::spawn_with_config(|c| c.public_catalogue = false).await;
    let response = app.get("/profiles/administratieve-ondersteuning").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/login?next=")
    );
    assert_eq!(
        app.get("/api/v1/profiles").await.status(),
        StatusCode::UNAUTHORIZED
    );
    let manager = app.login_as(jobclass::auth::model::Role::Manager).await;
    assert_eq!(
        manager
            .get("/profiles/administratieve-ondersteuning")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn metrics_are_for_the_local_host_or_a_token_and_name_route_templates() {
    let app = TestApp::spawn_with_config(|c| c.metrics_token = Some("s3cret-metrics".into())).await;
    // Some traffic: a profile twice (the second from the cache), a 404.
    for path in [
        "/profiles/administratieve-ondersteuning",
        "/profiles/administratieve-ondersteuning",
        "/no-such-page",
    ] {
        app.get(path).await;
    }
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    let text = response.text().await.unwrap();
    // By route template, never by raw path.
    assert!(
        text.lines()
            .any(|l| l.starts_with("jobclass_http_requests_total{")
                && l.contains("route=\"/profiles/{slug}\"")
                && l.contains("status=\"200\"")),
        "{text}"
    );
    assert!(!text.contains("route=\"/profiles/administratieve-ondersteuning\""));
    assert!(text.contains("route=\"unmatched\""), "{text}");
    assert!(
        text.contains("jobclass_http_request_duration_seconds_bucket{"),
        "{text}"
    );
    for line in [
        "jobclass_db_pool_connections{state=\"idle\"}",
        "jobclass_db_pool_connections{state=\"in_use\"}",
        "jobclass_db_pool_connections{state=\"max\"}",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    assert!(
        text.contains("jobclass_cache_misses_total{cache=\""),
        "{text}"
    );

    // Through a proxy (which names the client) only with the token.
    let through_proxy = |token: Option<&str>| {
        let mut request = app
            .client
            .get(app.url("/metrics"))
            .header("x-forwarded-for", "203.0.113.9");
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    assert_eq!(
        through_proxy(None).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        through_proxy(Some("wrong")).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        through_proxy(Some("s3cret-metrics"))
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn background_work_is_claimed_by_one_instance_per_period() {
    use std::time::Duration;
    let app = TestApp::spawn().await;
    let every = Duration::from_secs(30);
    // Eight instances ask at once: one gets the run.
    let asks = (0..8).map(|_| jobclass::app::background::claim(&app.pool, "promotions", every));
    let claimed = futures_util::future::join_all(asks).await;
    let won = claimed.iter().filter(|c| *c.as_ref().unwrap()).count();
    assert_eq!(won, 1, "{claimed:?}");
    // Within the period nobody gets it again; another job is apart.
    assert!(
        !jobclass::app::background::claim(&app.pool, "promotions", every)
            .await
            .unwrap()
    );
    assert!(
        jobclass::app::background::claim(&app.pool, "session_cleanup", every)
            .await
            .unwrap()
    );
    // Once the period is over, one instance gets it again.
    sqlx::query("update background_runs set last_run_at = now() - interval '31 seconds' where job = 'promotions'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(
        jobclass::app::background::claim(&app.pool, "promotions", every)
            .await
            .unwrap()
    );
    assert!(
        !jobclass::app::background::claim(&app.pool, "promotions", every)
            .await
            .unwrap()
    );
}
