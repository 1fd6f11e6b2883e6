//! Positions over HTTP: the whole journey from draft to decision record,
//! validation, access rules, conflicts, pinned versions, export, dashboard.
//! This file holds the helpers the topics share.

mod access;
mod api;
mod journey;
mod lists;
mod versions;

use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::actors::Actor;

const SLUG: &str = "administratieve-ondersteuning";
const EVIDENCE: &str = "Beantwoordt dagelijks vragen van bezoekers aan het onthaal.";

/// Starts a position through the form; returns its id.
pub async fn start(manager: &Actor) -> i64 {
    let response = manager.post("/positions/new", &[("profile", SLUG)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    location.trim_start_matches("/positions/").parse().unwrap()
}

/// The revision shown on the position form.
async fn revision(actor: &Actor, id: i64) -> String {
    let (_, page) = actor.page(&format!("/positions/{id}")).await;
    page.one("input[name=revision]")
        .value()
        .attr("value")
        .unwrap()
        .to_string()
}

/// A complete form: levels per criterion (7 codes), shares 40/10/50/0.
fn complete(revision: &str, action: &str, levels: [&str; 7]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("revision".into(), revision.into()),
        ("action".into(), action.into()),
        ("title".into(), "Medewerker onthaal".into()),
        ("unit".into(), "FOD BOSA / Onthaal".into()),
        (
            "purpose".into(),
            "Bezoekers ontvangen en de dienst administratief ondersteunen.".into(),
        ),
        ("task".into(), "Bezoekers onthalen en doorverwijzen".into()),
        ("task".into(), "Post verdelen".into()),
    ];
    for (i, share) in ["40", "10", "50", "0"].iter().enumerate() {
        f.push((format!("share-{i}"), share.to_string()));
    }
    for (i, level) in levels.iter().enumerate() {
        f.push((format!("level-{i}"), level.to_string()));
        f.push((format!("evidence-{i}"), EVIDENCE.into()));
    }
    f
}

async fn post_fields(actor: &Actor, path: &str, fields: &[(String, String)]) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    actor.post(path, &refs).await
}

async fn status_of(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("select status::text from positions where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// A submitted position with placements C,C,D,C,B,D,C (proposal C).
pub async fn submitted(app: &TestApp, manager: &Actor) -> i64 {
    let id = start(manager).await;
    let rev = revision(manager, id).await;
    let response = post_fields(
        manager,
        &format!("/positions/{id}"),
        &complete(&rev, "submit", ["C", "C", "D", "C", "B", "D", "C"]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(app, id).await, "submitted");
    id
}
