//! Hostile input: oversized and chunked bodies, invalid UTF-8, wrong
//! content types, duplicate and missing fields, numbers out of range, very
//! long lines, 10,000 tasks; and fuzzed paths and queries on every route.
//! Each gets a clear 4xx and writes nothing; nothing is ever a 5xx.

use jobclass::auth::model::Role;
use jobclass::config::Config;
use proptest::prelude::*;
use reqwest::header::CONTENT_TYPE;
use reqwest::{Method, StatusCode};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::actors::Actor;
use crate::support::api::{Api, SLUG, position_body};
use crate::support::form::{pairs, set};
use crate::support::{TestApp, run_property, urlencoded};

/// Rows in every table a request could write to.
async fn written(app: &TestApp) -> Vec<(&'static str, i64)> {
    let mut counts = Vec::new();
    for table in [
        "positions",
        "position_tasks",
        "position_result_areas",
        "placements",
        "position_comments",
        "change_requests",
        "users",
        "api_tokens",
        "profile_versions",
        "audit_log",
    ] {
        counts.push((table, app.count(table).await));
    }
    let revisions: i64 =
        sqlx::query_scalar("select coalesce(sum(revision), 0)::bigint from positions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    counts.push(("revisions", revisions));
    counts
}

struct Setup {
    app: TestApp,
    manager: Actor,
    /// The manager's API.
    api: Api,
    admin: Actor,
    /// A draft of the manager's, with its revision.
    draft: i64,
}

async fn setup() -> Setup {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let admin = app.login_as(Role::Admin).await;
    let api = manager.api().await;
    let draft = manager.start_position().await;
    Setup {
        app,
        manager,
        api,
        admin,
        draft,
    }
}

/// A url-encoded body for `fields` with the actor's CSRF token.
fn form_body(actor: &Actor, fields: &[(&str, &str)]) -> String {
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("csrf_token", &actor.csrf);
    for (k, v) in fields {
        form.append_pair(k, v);
    }
    form.finish()
}

/// The position form, complete, on revision 2 of a fresh draft.
fn position_form(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = pairs(&[
        ("revision", "1"),
        ("action", "save"),
        ("title", "Onthaal"),
        ("unit", "Dienst"),
        ("purpose", "Bezoekers ontvangen."),
        ("task", "Onthalen"),
    ]);
    fields.extend(pairs(extra));
    fields
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413_and_writes_nothing() {
    let s = setup().await;
    let before = written(&s.app).await;
    let big = "x".repeat(3 * 1024 * 1024);

    // A form, a JSON body, an upload: each with its length announced.
    let response = s
        .manager
        .client
        .post(s.manager.url(&format!("/positions/{}", s.draft)))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(form_body(&s.manager, &[("revision", "1"), ("title", &big)]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = crate::support::html::Page::parse(&response.text().await.unwrap());
    assert_eq!(page.one("html").value().attr("lang"), Some("nl"));

    let mut body = position_body("Groot");
    body["purpose"] = json!(big);
    let (status, value) = s.api.post("/api/v1/positions", Some(&body)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(value["error"]["code"], "payload_too_large");

    let part = reqwest::multipart::Part::bytes(big.clone().into_bytes()).file_name("big.json");
    let response = s
        .admin
        .upload(
            "/admin/profiles/import",
            reqwest::multipart::Form::new().part("document", part),
        )
        .await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // Without a length: chunked, the limit still holds as it streams in.
    let answer = raw(
        &s.app,
        &format!(
            "POST /api/v1/positions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\n\
             Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
            s.api.token
        ),
        Chunks {
            chunk: 64 * 1024,
            count: 48,
        },
    )
    .await;
    assert!(
        answer.starts_with("HTTP/1.1 413"),
        "{}",
        &answer[..answer.len().min(300)]
    );

    assert_eq!(written(&s.app).await, before);
}

/// A request body sent in chunks of `chunk` bytes, `count` times.
struct Chunks {
    chunk: usize,
    count: usize,
}

/// Sends a request over a plain socket (what reqwest will not send);
/// returns the start of the answer. The server may stop reading early.
async fn raw(app: &TestApp, head: &str, body: Chunks) -> String {
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    let chunk = vec![b' '; body.chunk];
    for _ in 0..body.count {
        let mut piece = format!("{:x}\r\n", chunk.len()).into_bytes();
        piece.extend_from_slice(&chunk);
        piece.extend_from_slice(b"\r\n");
        if stream.write_all(&piece).await.is_err() {
            break;
        }
    }
    let _ = stream.write_all(b"0\r\n\r\n").await;
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut answer))
        .await
        .expect("an answer")
        .unwrap_or(0);
    String::from_utf8_lossy(&answer[..n]).into_owned()
}

#[tokio::test]
async fn invalid_utf8_is_a_4xx_and_writes_nothing() {
    let s = setup().await;
    let before = written(&s.app).await;
    // A form whose title is not UTF-8, percent-encoded and raw.
    for title in ["%FF%FEtitel", "%C3%28", "\u{0}"] {
        let body = format!(
            "csrf_token={}&revision=1&action=save&title={title}&unit=x&purpose=x",
            s.manager.csrf
        );
        let response = s
            .manager
            .client
            .post(s.manager.url(&format!("/positions/{}", s.draft)))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        assert!(status.is_client_error(), "{title}: {status}");
    }
    let mut body = b"csrf_token=".to_vec();
    body.extend_from_slice(s.manager.csrf.as_bytes());
    body.extend_from_slice(b"&revision=1&action=save&title=\xff\xfe&unit=x&purpose=x");
    let response = s
        .manager
        .client
        .post(s.manager.url(&format!("/positions/{}", s.draft)))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_client_error(), "{}", response.status());

    // JSON that is not UTF-8.
    let mut body = br#"{"profile":"administratieve-ondersteuning","title":""#.to_vec();
    body.extend_from_slice(b"\xff\xfe\"}");
    let request = s
        .api
        .request(Method::POST, "/api/v1/positions")
        .header(CONTENT_TYPE, "application/json")
        .body(body);
    let (status, value) = Api::answer(request).await;
    // Not JSON, so a 422 naming the body (`$`), as for any malformed JSON.
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(value["error"]["code"], "validation");
    assert!(value["error"]["fields"]["$"].is_string(), "{value}");

    // A path and a query that are not UTF-8.
    for path in [
        "/profiles/%FF",
        "/?q=%FF%FE",
        "/api/v1/profiles/%C3%28",
        "/review?unit=%FF",
    ] {
        let response = s.admin.get(path).await;
        assert!(
            response.status().is_client_error() || response.status() == StatusCode::OK,
            "{path}: {}",
            response.status()
        );
    }
    assert_eq!(written(&s.app).await, before);
    // The draft is as it was.
    let title: String = sqlx::query_scalar("select title from positions where id = $1")
        .bind(s.draft)
        .fetch_one(&s.app.pool)
        .await
        .unwrap();
    assert_eq!(title, "");
}

#[tokio::test]
async fn wrong_content_types_are_refused_with_415() {
    let s = setup().await;
    let before = written(&s.app).await;
    let body = serde_json::to_string(&position_body("Verkeerd type")).unwrap();
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        Some("application/xml"),
    ] {
        let mut request = s
            .api
            .request(Method::POST, "/api/v1/positions")
            .body(body.clone());
        if let Some(ct) = content_type {
            request = request.header(CONTENT_TYPE, ct);
        }
        let (status, value) = Api::answer(request).await;
        assert_eq!(
            status,
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "{content_type:?}"
        );
        assert_eq!(value["error"]["code"], "unsupported_media_type");
    }
    // A form route sent JSON (with the CSRF token in its header).
    let response = s
        .manager
        .client
        .post(s.manager.url(&format!("/positions/{}", s.draft)))
        .header("x-csrf-token", &s.manager.csrf)
        .json(&json!({"revision": 1, "title": "JSON"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(written(&s.app).await, before);
}

#[tokio::test]
async fn duplicate_and_missing_fields_are_a_clear_4xx_and_write_nothing() {
    let s = setup().await;
    let before = written(&s.app).await;
    let path = format!("/positions/{}", s.draft);

    // The same field twice: which one would count?
    let (status, page) = s
        .manager
        .post_fields_page(&path, &position_form(&[("title", "Twee")]))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(page.source.contains("title"), "the field is named");
    let (status, _) = s
        .manager
        .post_fields_page(
            &path,
            &position_form(&[("share-0", "10"), ("share-0", "90")]),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // No revision, or one that is not a number.
    let mut fields = position_form(&[]);
    fields.retain(|(k, _)| k != "revision");
    let (status, _) = s.manager.post_fields_page(&path, &fields).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // No CSRF token at all.
    let response = s
        .manager
        .client
        .post(s.manager.url(&path))
        .form(&[("revision", "1"), ("title", "Zonder token")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);

    // JSON: a key twice, a required key missing, an unknown key, a wrong type.
    for (body, expected) in [
        (
            r#"{"profile":"administratieve-ondersteuning","title":"A","title":"B"}"#.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            r#"{"profile":"administratieve-ondersteuning","titel":"A"}"#.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            r#"{"profile":"administratieve-ondersteuning","tasks":"een"}"#.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        // Malformed JSON (cut short, or nothing): a 422 naming the body.
        (
            r#"{"profile":"administratieve-ondersteuning","title":"A""#.to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ("".to_string(), StatusCode::UNPROCESSABLE_ENTITY),
        ("[]".to_string(), StatusCode::UNPROCESSABLE_ENTITY),
    ] {
        let request = s
            .api
            .request(Method::POST, "/api/v1/positions")
            .header(CONTENT_TYPE, "application/json")
            .body(body.clone());
        let (status, _) = Api::answer(request).await;
        assert_eq!(status, expected, "{body}");
    }
    let (status, _) = s
        .api
        .post(
            &format!("/api/v1/positions/{}/comments", s.draft),
            Some(&json!({"text": "body is missing"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(written(&s.app).await, before);
}

#[tokio::test]
async fn numbers_out_of_range_are_refused_and_write_nothing() {
    let s = setup().await;
    let before = written(&s.app).await;
    let path = format!("/positions/{}", s.draft);
    for share in [
        "101",
        "-1",
        "99999999999999999999",
        "1e3",
        "0x10",
        "NaN",
        "½",
    ] {
        let (status, page) = s
            .manager
            .post_fields_page(&path, &position_form(&[("share-0", share)]))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "share {share}");
        assert!(
            page.source.contains("share-0"),
            "share {share}: the field is named"
        );
    }
    for revision in ["-1", "99999999999", "1.5", ""] {
        let mut fields = position_form(&[]);
        set(&mut fields, "revision", revision);
        let (status, _) = s.manager.post_fields_page(&path, &fields).await;
        assert!(
            status == StatusCode::BAD_REQUEST || status == StatusCode::CONFLICT,
            "revision {revision}: {status}"
        );
    }
    // The API: a share beyond i32, a negative revision.
    let mut body = position_body("Buiten bereik");
    body["result_areas"][0]["share"] = json!(1u64 << 40);
    let (status, value) = s
        .api
        .send(Method::POST, "/api/v1/positions", Some(&body))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{value}");
    body["result_areas"][0]["share"] = json!(-20);
    let (status, value) = s
        .api
        .send(Method::POST, "/api/v1/positions", Some(&body))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{value}");
    assert!(
        value["error"]["fields"]
            .as_object()
            .unwrap()
            .contains_key("result_areas[0].share"),
        "{value}"
    );
    // Pages and ids out of range.
    for path in [
        "/review?page=0",
        "/review?page=-1",
        "/review?page=99999999999999999999",
        "/review?from=2026-02-30",
        "/review?version=0",
        "/positions/99999999999999999999",
        "/positions/-1",
        "/profiles/administratieve-ondersteuning/versions/0",
        "/profiles/administratieve-ondersteuning/versions/99999999999",
        "/profiles/administratieve-ondersteuning/diff?from=1&to=-3",
    ] {
        let status = s.admin.get(path).await.status();
        assert!(
            status == StatusCode::BAD_REQUEST || status == StatusCode::NOT_FOUND,
            "{path}: {status}"
        );
    }
    for path in [
        "/api/v1/positions?page=0",
        "/api/v1/positions?page=abc",
        "/api/v1/positions/99999999999999999999",
        "/api/v1/profiles/administratieve-ondersteuning/versions/-1",
    ] {
        let (status, value) = s.api.send(Method::GET, path, None).await;
        assert!(
            status == StatusCode::BAD_REQUEST || status == StatusCode::NOT_FOUND,
            "{path}: {status}"
        );
        assert!(value["error"]["code"].is_string(), "{path}: {value}");
    }
    assert_eq!(written(&s.app).await, before);
}

#[tokio::test]
async fn very_long_lines_are_refused_and_write_nothing() {
    let s = setup().await;
    // A submitted position to comment on (a draft takes no comments).
    let submitted = crate::support::api::submitted_position(&s.api, "Ingediend").await;
    let before = written(&s.app).await;
    let path = format!("/positions/{}", s.draft);
    let long = "Lange regel zonder einde ".repeat(40_000); // ≈1 MB, one line
    for field in ["title", "unit", "purpose", "task", "evidence-0"] {
        let mut fields = position_form(&[]);
        fields.retain(|(k, _)| k != field);
        fields.push((field.to_string(), long.clone()));
        let (status, page) = s.manager.post_fields_page(&path, &fields).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert!(
            page.source.contains("error-summary"),
            "{field}: no error summary"
        );
    }
    let (status, _) = s
        .manager
        .post_fields_page(
            &format!("/positions/{submitted}/comments"),
            &[("body".into(), long.clone())],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let response = s
        .manager
        .post(
            &format!("/profiles/{SLUG}/requests"),
            &[("part", &long), ("proposal", "x"), ("reason", "y")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut body = position_body("Lang");
    body["tasks"] = json!([long]);
    let (status, _) = s
        .api
        .send(Method::POST, "/api/v1/positions", Some(&body))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // A search of sixty kilobytes (near the longest URL a client sends),
    // and a header line of a hundred.
    let q = "kennis".repeat(10_000);
    let status = s.admin.get(&format!("/?q={q}")).await.status();
    assert!(
        status == StatusCode::OK || status.is_client_error(),
        "{status}"
    );
    let status = s.admin.get(&format!("/review?unit={q}")).await.status();
    assert!(
        status == StatusCode::OK || status.is_client_error(),
        "{status}"
    );
    let response = s
        .app
        .client
        .get(s.app.url("/"))
        .header("x-long", "a".repeat(100_000))
        .send()
        .await;
    if let Ok(response) = response {
        assert!(
            !response.status().is_server_error(),
            "{}",
            response.status()
        );
    }
    assert_eq!(written(&s.app).await, before);
}

#[tokio::test]
async fn ten_thousand_tasks_in_one_position_are_refused_and_write_nothing() {
    let s = setup().await;
    let before = written(&s.app).await;
    let mut fields = position_form(&[]);
    for i in 0..10_000 {
        fields.push(("task".into(), format!("Taak {i}")));
    }
    let (status, page) = s
        .manager
        .post_fields_page(&format!("/positions/{}", s.draft), &fields)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.source.contains("100"), "the limit is named");
    let mut body = position_body("Tienduizend taken");
    body["tasks"] = json!((0..10_000).map(|i| format!("Taak {i}")).collect::<Vec<_>>());
    let (status, value) = s
        .api
        .send(Method::POST, "/api/v1/positions", Some(&body))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{value}");
    assert!(value["error"]["fields"]["tasks"].is_string(), "{value}");
    assert_eq!(written(&s.app).await, before);
}

/// Hostile values for a path parameter.
const BAD_SEGMENTS: &[&str] = &[
    "0",
    "-1",
    "999999999999",
    "99999999999999999999",
    "abc",
    "1.5",
    "1e3",
    "%2e%2e",
    "..%2F..%2Fetc%2Fpasswd",
    "..%252F..%252F",
    "%2F",
    "a%2Fb",
    "%00",
    "%FF",
    "%C0%AE%C0%AE",
    "' or '1'='1",
    "<script>",
    "🤖",
    "NaN",
    "%20",
];

/// Every route with its parameters replaced by `segment`.
fn fuzzed_routes(segment: &str) -> Vec<(String, String)> {
    let config = Config::for_data_dir("/nonexistent".into());
    jobclass::app::route_table(&config)
        .into_iter()
        .filter(|(_, pattern)| pattern.contains('{'))
        .map(|(method, pattern)| {
            let mut path = String::new();
            let mut rest = pattern.as_str();
            while let Some(start) = rest.find('{') {
                let end = rest[start..].find('}').unwrap() + start;
                path.push_str(&rest[..start]);
                path.push_str(segment);
                rest = &rest[end + 1..];
            }
            path.push_str(rest);
            (method, path)
        })
        .collect()
}

/// Sends `method path` as `actor` (with its CSRF token on unsafe
/// methods), or on the API as its `api` (bearer token); the status.
async fn hit(actor: &Actor, api: &Api, method: &str, path: &str) -> StatusCode {
    let method = Method::from_bytes(method.as_bytes()).unwrap();
    let mut request = actor.client.request(method.clone(), actor.url(path));
    if path.starts_with("/api/") {
        request = api.request(method.clone(), path);
        if method != Method::GET && method != Method::DELETE {
            request = request.json(&json!({}));
        }
    } else if method != Method::GET {
        request = request.form(&[("csrf_token", actor.csrf.as_str())]);
    }
    request.send().await.unwrap().status()
}

#[tokio::test]
async fn fuzzed_paths_on_every_route_are_400_or_404_never_a_server_error() {
    let s = setup().await;
    let before = written(&s.app).await;
    let admin_api = s.admin.api().await;
    let before = {
        let mut b = before;
        // The admin's token is the one write of this test.
        for (t, n) in &mut b {
            if *t == "api_tokens" || *t == "audit_log" {
                *n += 1;
            }
        }
        b
    };
    let mut tried = 0;
    for segment in BAD_SEGMENTS {
        for (method, path) in fuzzed_routes(segment) {
            for (actor, api) in [(&s.admin, &admin_api), (&s.manager, &s.api)] {
                let status = hit(actor, api, &method, &path).await;
                tried += 1;
                assert!(!status.is_server_error(), "{method} {path}: {status}");
                // (The client resolves an encoded dot segment itself.)
                assert!(
                    status.is_client_error() || status.is_redirection() || segment.contains("%2e"),
                    "{method} {path}: {status} (a hostile id was served)"
                );
            }
        }
    }
    // Traversal and encoded slashes outside the parameters.
    for path in [
        "/static/../Cargo.toml",
        "/static/..%2F..%2FCargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static//etc/passwd",
        "/profiles/../admin",
        "/profiles/%2e%2e/admin",
        "/api/v1/../../etc/passwd",
        "/api/v1/profiles/%2F%2F",
        "//admin",
        "/%2e%2e/%2e%2e/",
        "/review/..;/admin",
        "/positions/1/../../admin/users",
    ] {
        let response = s.manager.get(path).await;
        let status = response.status();
        tried += 1;
        assert!(!status.is_server_error(), "{path}: {status}");
        let body = response.text().await.unwrap();
        assert!(
            !body.contains("[package]") && !body.contains("root:x:0"),
            "{path} leaked a file"
        );
    }
    println!("fuzzed paths: {tried} requests");
    assert_eq!(written(&s.app).await, before);
}

/// Arbitrary path segments and query strings on the catalogue, the queue,
/// positions and the API: never a server error.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn arbitrary_segments_and_queries_never_give_a_server_error() {
    let s = setup().await;
    let admin_api = s.admin.api().await;
    let handle = tokio::runtime::Handle::current();
    run_property(64, ("[^/?#]{1,40}", "[ -~]{0,60}"), |(segment, query)| {
        handle.block_on(async {
            let segment = urlencoded(&segment);
            let query: String = query.replace(['#', ' '], "+");
            for path in [
                format!("/profiles/{segment}?{query}"),
                format!("/profiles/{SLUG}/compare?{query}"),
                format!("/profiles/{SLUG}/diff?{query}"),
                format!("/compare?{query}"),
                format!("/compare?profiles={SLUG},{segment}&{query}"),
                format!("/api/v1/compare?{query}"),
                format!("/?{query}"),
                format!("/review?{query}"),
                format!("/review/{segment}"),
                format!("/positions/{segment}"),
                format!("/api/v1/positions?{query}"),
                format!("/api/v1/positions/{segment}"),
                format!("/api/v1/profiles/{segment}/versions/{segment}"),
                format!("/api/v1/profiles/{SLUG}/diff?{query}"),
            ] {
                let status = hit(&s.admin, &admin_api, "GET", &path).await;
                prop_assert!(!status.is_server_error(), "{} {}", path, status);
            }
            Ok(())
        })
    });
}
