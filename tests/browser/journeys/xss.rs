//! Stored XSS in a real browser. Payloads go into the free-text fields of
//! a position (title, unit, purpose, tasks, evidence), HR's question, a
//! comment, the decision's rationale and note, the names of the people
//! involved, a change request and its answer, and a profile's title, a
//! grid cell and a change note typed into the admin editor. Then every
//! page that shows
//! them is opened in Chromium, with the Content-Security-Policy bypassed
//! so that only the escaping stands between a payload and the page (see
//! `dialogs`): no JavaScript dialog may open, the page may hold nothing a
//! payload made (a script, an event handler, a `javascript:` address),
//! and each payload reads as the text that was typed.
//!
//! Only with JavaScript: without it no payload could run, and the text
//! checks are those of the HTML itself (`tests/it/xss.rs`). The pages are
//! not run through the accessibility checks; the other journeys do that.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::user;
use crate::harness::{Browser, Journey, Js, run};
use crate::keyboard::Hands;
use crate::support::actors::{Actor, PASSWORD};
use crate::support::api::{SLUG, seed_names};

/// From the corpus of `tests/it/xss.rs`: script tags, event handlers,
/// `javascript:` addresses, SVG, attribute breakouts (both quotes), closing
/// tags of raw-text elements, template syntax.
const P: [&str; 13] = [
    "<script>alert('xss-01')</script>",
    "<img src=x onerror=alert('xss-03')>",
    "<svg onload=alert('xss-04')>",
    "\"><svg onload=alert('xss-31')>",
    "'><img src=x onerror=alert('xss-07')>",
    "javascript:alert('xss-10')",
    "<a href=\"javascript:alert('xss-11')\">klik</a>",
    "</textarea><script>alert('xss-15')</script>",
    "</title><script>alert('xss-16')</script>",
    "{{ 7*7 }} ${7*7} xss-18",
    "<details open ontoggle=alert('xss-25')>",
    "<input autofocus onfocus=alert('xss-24')>",
    "\" onmouseover=\"alert('xss-08')\" x=\"",
];

/// Which payload each text gets.
const TITLE: &str = P[8];
const UNIT: &str = P[3];
const PURPOSE: &str = P[7];
const TASKS: [&str; 2] = [P[1], P[12]];
const EVIDENCE: [&str; 7] = [P[0], P[2], P[4], P[5], P[6], P[10], P[11]];
const QUESTION: &str = P[9];
const COMMENT: &str = P[2];
const RATIONALE: &str = P[10];
const HR_NOTE: &str = P[11];
const MANAGER_NAME: &str = P[0];
const HR_NAME: &str = P[1];
const ADMIN_NAME: &str = P[4];
const PROPOSAL: &str = P[5];
const REASON: &str = P[12];
const ANSWER: &str = P[7];
const PROFILE_TITLE: &str = P[3];
const CELL: &str = P[7];
const CHANGE_NOTE: &str = P[11];

#[tokio::test]
async fn stored_payloads_open_no_dialog_and_read_as_typed_on_every_page_that_shows_them() {
    run("xss", Js::On, xss).await;
}

#[tokio::test]
async fn the_dialog_check_catches_a_payload_that_runs_once_the_csp_is_bypassed() {
    run("xss-probe", Js::On, async |j: &Journey| {
        let inject = "document.getElementById('main').insertAdjacentHTML('beforeend', \
                      '<img src=x onerror=\"alert(\\'probe-inline\\')\">')";
        // With the CSP bypassed an injected handler runs, and so does a
        // script that runs while a page loads; the check sees both.
        let probe = j.browser("probe").await;
        probe.bypass_csp().await;
        assert_eq!(probe.open_watching("/").await, None);
        let inline = probe.script_watching(inject).await;
        let inline = inline.expect("a dialog from the handler");
        assert!(inline.contains("probe-inline"), "{inline}");
        let (_, made) = read(&probe).await;
        assert!(made.iter().any(|m| m.contains("onerror")), "{made:?}");
        let page = "data:text/html,<title>t</title><script>alert('probe-load')</script>";
        let loading = probe.open_watching(page).await.expect("a dialog at load");
        assert!(loading.contains("probe-load"), "{loading}");
        assert_eq!(probe.open_watching("/").await, None, "dismissed");
    })
    .await;
}

async fn xss(j: &Journey) {
    let manager = j.app.login_as(Role::Manager).await;
    let hr = j.app.login_as(Role::Hr).await;
    let admin_http = j.app.login_as(Role::Admin).await;
    let admin_email = user(j, "admin", Role::Admin).await;

    let m = j.browser("manager").await;
    m.bypass_csp().await;
    sign_in_unchecked(&m, &manager.email).await;
    let a = j.browser("admin").await;
    a.bypass_csp().await;
    sign_in_unchecked(&a, &admin_email).await;

    rename(&admin_http, manager.user_id, "manager", MANAGER_NAME).await;
    rename(&admin_http, hr.user_id, "hr", HR_NAME).await;
    rename(
        &admin_http,
        user_id(j, &admin_email).await,
        "admin",
        ADMIN_NAME,
    )
    .await;

    // A position returned with a question and answered by a comment: the
    // manager's form shows every text in its fields.
    let mapi = manager.api().await;
    let hapi = hr.api().await;
    let id = returned_position(&mapi, &hapi).await;
    let position = format!("/positions/{id}");
    let mut texts = vec![TITLE, UNIT, PURPOSE, QUESTION, COMMENT, MANAGER_NAME];
    texts.extend(TASKS);
    texts.extend(EVIDENCE);
    visit(&m, &position, &texts).await;

    // Decided, shared, and a change request answered.
    decide(&mapi, &hapi, id).await;
    let link = share(&manager, id).await;
    change_request(&manager, &admin_http).await;

    let decided = [TITLE, RATIONALE, HR_NOTE, HR_NAME, EVIDENCE[0]];
    visit(&m, &format!("{position}/record"), &decided).await;
    visit(&m, "/positions", &[TITLE, MANAGER_NAME]).await;
    visit(&m, "/account", &[PROPOSAL, ANSWER, MANAGER_NAME]).await;
    visit(
        &a,
        &format!("/review/{id}"),
        &[TITLE, QUESTION, COMMENT, MANAGER_NAME, ADMIN_NAME],
    )
    .await;
    visit(&a, "/review?status=decided", &[TITLE]).await;
    visit(&a, "/admin/users", &[MANAGER_NAME, HR_NAME, ADMIN_NAME]).await;
    visit(&a, "/admin/requests?all=1", &[PROPOSAL, REASON, ANSWER]).await;

    edit_and_publish(&a).await;
    for path in [
        format!("/profiles/{SLUG}"),
        format!("/profiles/{SLUG}/compare?levels=C&levels=B"),
        format!("/profiles/{SLUG}/diff?from=1&to=2"),
    ] {
        visit(&a, &path, &[PROFILE_TITLE, CELL]).await;
    }
    let history = format!("/profiles/{SLUG}/history");
    visit(&a, &history, &[PROFILE_TITLE, CHANGE_NOTE]).await;
    visit(&a, "/", &[PROFILE_TITLE]).await;
    visit(&a, "/admin/audit", &[ADMIN_NAME]).await;

    // A stranger reads the shared record.
    m.leave_by(Hands::Mouse, ".user-menu button[type=submit]")
        .await;
    visit(&m, &link, &decided).await;
}

/// Types payloads into the title and the Kennis · C cell of a new draft,
/// saves them, previews the draft, and publishes it with a payload as the
/// change note.
async fn edit_and_publish(a: &Browser<'_>) {
    let editor = format!("/admin/profiles/{SLUG}/draft");
    visit(a, "/admin/profiles", &[ADMIN_NAME]).await;
    a.leave_by(
        Hands::Mouse,
        &format!("form[action='{editor}'] button[type=submit]"),
    )
    .await;
    a.fill("#g-title", PROFILE_TITLE).await;
    a.leave_by(Hands::Mouse, "#general button[type=submit]")
        .await;
    a.fill("#cell-Kennis-C", CELL).await;
    a.leave_by(Hands::Mouse, "#cells-0 button[type=submit]")
        .await;
    let draft = [PROFILE_TITLE, CELL];
    visit(a, &format!("{editor}/preview"), &draft).await;
    visit(a, &format!("{editor}/compare?levels=C&levels=B"), &draft).await;
    visit(a, &editor, &[PROFILE_TITLE, CELL, ADMIN_NAME]).await;
    a.fill("#change_note", CHANGE_NOTE).await;
    a.leave_by(
        Hands::Mouse,
        &format!("form[action='{editor}/publish'] button[type=submit]"),
    )
    .await;
}

/// What a page shows as text (its title, its text, the values of its
/// fields) and what on it a payload could have made.
const READ: &str = r#"
const shown = [document.title, document.body.innerText];
for (const f of document.querySelectorAll('input:not([type=hidden]), textarea')) shown.push(f.value);
const made = [];
for (const el of document.querySelectorAll('*')) {
  for (const a of el.attributes) {
    if (a.name.startsWith('on')) made.push(`${a.name} on <${el.localName}>`);
    if (['href', 'src', 'action', 'formaction'].includes(a.name) && /^\s*javascript:/i.test(a.value)) {
      made.push(`${a.name}="${a.value}" on <${el.localName}>`);
    }
  }
}
for (const s of document.scripts) {
  if (!s.src || !new URL(s.src).pathname.startsWith('/static/')) made.push(s.outerHTML.slice(0, 100));
}
for (const el of document.querySelectorAll(
  'img[src="x"], svg:not(.bar-chart), details[open]:not(.term), input[autofocus], iframe, object, embed')) {
  made.push(el.outerHTML.slice(0, 100));
}
return { shown: shown.join('\n'), made };
"#;

/// Opens `path` and checks it: no dialog, nothing made by a payload, and
/// each of `texts` shown as typed.
async fn visit(b: &Browser<'_>, path: &str, texts: &[&str]) {
    if let Some(dialog) = b.open_watching(path).await {
        panic!("a dialog opened on {path}: {dialog}");
    }
    let (shown, made) = read(b).await;
    assert!(
        made.is_empty(),
        "{path} holds what a payload made: {made:?}"
    );
    for text in texts {
        assert!(
            shown.contains(text),
            "{path} does not show {text:?} as typed"
        );
    }
}

/// Signs in through the login form, without the page checks (the other
/// journeys make them).
async fn sign_in_unchecked(b: &Browser<'_>, email: &str) {
    assert_eq!(b.open_watching("/login").await, None);
    b.fill("#email", email).await;
    b.fill("#password", PASSWORD).await;
    b.leave_by(Hands::Mouse, "form[action='/login'] button[type=submit]")
        .await;
    assert!(b.text(".user-menu").await.contains(email), "signed in");
}

/// The page's text, and what on it a payload could have made.
async fn read(b: &Browser<'_>) -> (String, Vec<String>) {
    let page = b.script(READ, vec![]).await;
    let made = serde_json::from_value(page["made"].clone()).expect("a list");
    let shown = page["shown"].as_str().expect("the page's text").to_string();
    (shown, made)
}

async fn user_id(j: &Journey, email: &str) -> i64 {
    sqlx::query_scalar("select id from users where email = $1")
        .bind(email)
        .fetch_one(&j.app.pool)
        .await
        .expect("the user")
}

/// Renames a user (name and unit) through the admin form.
async fn rename(admin: &Actor, id: i64, role: &str, name: &str) {
    let fields = [("name", name), ("role", role), ("unit", name)];
    let response = admin.post(&format!("/admin/users/{id}"), &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "rename to {name}");
}

/// A submitted position with a payload in every text, returned by HR with
/// a question and answered by the manager's comment; returns its id.
async fn returned_position(m: &crate::support::api::Api, h: &crate::support::api::Api) -> i64 {
    let (areas, criteria) = seed_names();
    let placements: Vec<Value> = criteria
        .iter()
        .zip(EVIDENCE)
        .map(|(c, e)| json!({"criterion": c, "level": "C", "evidence": format!("{e} — lang genoeg")}))
        .collect();
    let body = json!({
        "profile": SLUG, "title": TITLE, "unit": UNIT, "purpose": PURPOSE, "tasks": TASKS,
        "result_areas": [{"title": areas[0], "share": 60}, {"title": areas[2], "share": 40}],
        "placements": placements,
    });
    let created = m
        .expect(
            Method::POST,
            "/api/v1/positions",
            Some(&body),
            StatusCode::CREATED,
        )
        .await;
    let id = created["id"].as_i64().expect("an id");
    let path = |tail: &str| format!("/api/v1/positions/{id}{tail}");
    m.expect(Method::POST, &path("/submit"), None, StatusCode::OK)
        .await;
    h.expect(Method::POST, &path("/claim"), None, StatusCode::OK)
        .await;
    let question = json!({ "message": QUESTION });
    h.expect(
        Method::POST,
        &path("/return"),
        Some(&question),
        StatusCode::OK,
    )
    .await;
    let comment = json!({ "body": COMMENT });
    m.expect(
        Method::POST,
        &path("/comments"),
        Some(&comment),
        StatusCode::CREATED,
    )
    .await;
    id
}

/// The manager resubmits; HR decides with a payload as rationale and note.
async fn decide(m: &crate::support::api::Api, h: &crate::support::api::Api, id: i64) {
    let path = |tail: &str| format!("/api/v1/positions/{id}{tail}");
    m.expect(Method::POST, &path("/submit"), None, StatusCode::OK)
        .await;
    h.expect(Method::POST, &path("/claim"), None, StatusCode::OK)
        .await;
    let decision = json!({
        "level": "C",
        "rationale": format!("{RATIONALE} — een motivering die lang genoeg is"),
        "hr_placements": [{"criterion": "Kennis", "level": "C", "note": HR_NOTE}],
    });
    h.expect(
        Method::POST,
        &path("/decision"),
        Some(&decision),
        StatusCode::OK,
    )
    .await;
}

/// A share link of the decided position, made by the manager.
async fn share(manager: &Actor, id: i64) -> String {
    let (status, page) = manager
        .post_page(&format!("/positions/{id}/share"), &[])
        .await;
    assert_eq!(status, StatusCode::OK);
    page.value("#share-link")
}

/// The manager proposes a change; the admin answers and closes it.
async fn change_request(manager: &Actor, admin: &Actor) {
    let fields = [
        ("part", "Kennis"),
        ("proposal", PROPOSAL),
        ("reason", REASON),
    ];
    let response = manager
        .post(&format!("/profiles/{SLUG}/requests"), &fields)
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "change request");
    let (_, page) = admin.page("/admin/requests").await;
    let action = page
        .one("form[action$='/close']")
        .value()
        .attr("action")
        .expect("a close form")
        .to_string();
    let response = admin.post(&action, &[("answer", ANSWER)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "answer");
}
