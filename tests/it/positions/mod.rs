//! Positions over HTTP: the whole journey from draft to decision record,
//! validation, access rules, conflicts, pinned versions, export, dashboard.
//! This file holds the helpers the topics share.

mod access;
mod api;
mod blind;
mod idempotency;
mod journey;
mod lists;
mod versions;

use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::actors::Actor;

const EVIDENCE: &str = "Beantwoordt dagelijks vragen van bezoekers aan het onthaal.";

/// The revision shown on the position form.
async fn revision(actor: &Actor, id: i64) -> String {
    actor.page(&format!("/positions/{id}")).await.1.revision()
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

/// A submitted position with placements C,C,D,C,B,D,C (proposal C).
async fn submitted(app: &TestApp, manager: &Actor) -> i64 {
    let id = manager.start_position().await;
    let rev = revision(manager, id).await;
    let response = manager
        .post_fields(
            &format!("/positions/{id}"),
            &complete(&rev, "submit", ["C", "C", "D", "C", "B", "D", "C"]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.position_status(id).await, "submitted");
    id
}
