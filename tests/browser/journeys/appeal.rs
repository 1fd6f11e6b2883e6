//! An appeal from the manager's page to a changed level: the manager
//! appeals one criterion (first with grounds too short), a second officer
//! finds it in the appeals queue, takes it, and changes the level; the
//! record tells both decisions. The officer who decided sees the appeal but
//! gets no form to decide it.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{sign_in, user};
use crate::harness::{Journey, Js, run};
use crate::keyboard::Hands;
use crate::support::actors::PASSWORD;
use crate::support::api::submitted_position;

const GROUNDS: &str =
    "Ik beheer zelfstandig het klantenbestand en los problemen op die verder gaan dan routinewerk.";
const RATIONALE: &str = "Het zelfstandig beheer van het bestand vraagt kennis op niveau B.";

#[tokio::test]
async fn a_manager_appeals_and_a_second_officer_changes_the_level_with_javascript() {
    run("appeal-js", Js::On, async |j| appeal(j).await).await;
}

#[tokio::test]
async fn a_manager_appeals_and_a_second_officer_changes_the_level_without_javascript() {
    run("appeal-nojs", Js::Off, async |j| appeal(j).await).await;
}

/// A position of `manager` decided at C by `decider`; its id.
async fn decided(j: &Journey, manager: &str, decider: &str) -> i64 {
    let m = j.app.login(manager, PASSWORD).await.unwrap().api().await;
    let h = j.app.login(decider, PASSWORD).await.unwrap().api().await;
    let id = submitted_position(&m, "Onthaal en klantenbestand").await;
    let path = |tail: &str| format!("/api/v1/positions/{id}{tail}");
    h.expect(Method::POST, &path("/claim"), None, StatusCode::OK)
        .await;
    let decision = json!({"level": "C", "rationale": "Kennis van verschillende werkprocedures."});
    h.expect(
        Method::POST,
        &path("/decision"),
        Some(&decision),
        StatusCode::OK,
    )
    .await;
    id
}

async fn appeal(j: &Journey) {
    let manager_email = user(j, "manager", Role::Manager).await;
    let decider_email = user(j, "decider", Role::Hr).await;
    let officer_email = user(j, "officer", Role::Hr).await;
    let id = decided(j, &manager_email, &decider_email).await;

    let manager = j.browser("manager").await;
    manager.goto("/", "home").await;
    sign_in(&manager, Hands::Mouse, &manager_email).await;
    manager.goto(&format!("/positions/{id}"), "decided").await;
    manager
        .follow(&format!("a[href='/positions/{id}/appeal']"), "appeal-form")
        .await;
    manager.fill("#grounds-0", "Te kort.").await;
    manager
        .follow("#lodge-h ~ form button[type=submit]", "appeal-refused")
        .await;
    assert!(
        manager
            .text("#error-summary")
            .await
            .contains("minstens 50 tekens")
    );
    manager.fill("#grounds-0", GROUNDS).await;
    manager
        .follow("#lodge-h ~ form button[type=submit]", "appeal-lodged")
        .await;
    assert!(manager.text("#appeal-h ~ p.meta").await.contains("Open"));

    let decider = j.browser("decider").await;
    decider.goto("/", "home").await;
    sign_in(&decider, Hands::Mouse, &decider_email).await;
    decider
        .goto(&format!("/review/appeals/{id}"), "appeal-decider")
        .await;
    assert!(
        decider
            .text(".banner-warning")
            .await
            .contains("andere medewerker")
    );
    assert_eq!(decider.count("form[action$='/decide']").await, 0);

    let officer = j.browser("officer").await;
    officer.goto("/", "home").await;
    sign_in(&officer, Hands::Mouse, &officer_email).await;
    officer.goto("/review", "queue").await;
    officer.follow("a[href='/review/appeals']", "appeals").await;
    officer
        .follow(&format!("a[href='/review/appeals/{id}']"), "appeal-review")
        .await;
    officer
        .follow("form[action$='/claim'] button", "appeal-claimed")
        .await;
    officer.click("#outcome-changed").await;
    officer.click("#level-0 option[value=B]").await;
    officer
        .fill("#note-0", "Zelfstandig beheer van het bestand.")
        .await;
    officer.click("#appeal-level option[value=B]").await;
    officer.fill("#rationale", RATIONALE).await;
    officer
        .follow("form[action$='/decide'] button[type=submit]", "record")
        .await;
    let history = officer.text(".decision-history").await;
    assert!(history.contains("Beslist C op"), "{history}");
    assert!(
        history.contains("in beroep gewijzigd naar B op"),
        "{history}"
    );
    assert_eq!(officer.text(".decision h2 strong").await, "B");
    officer.shot("appeal-record").await;

    manager
        .goto(&format!("/positions/{id}/appeal"), "appeal-decided")
        .await;
    assert!(manager.text("#appeal-h ~ p.meta").await.contains("Beslist"));
}
