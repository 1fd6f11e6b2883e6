//! Criteria mapped to the four evaluation factors of Art. 4(4) of
//! Directive (EU) 2023/970: set in the draft editor, frozen with the
//! version, shown on the profile page and in the API, with a warning
//! naming each factor a version's grid leaves unassessed.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::json;

use super::{SLUG, draft_json, editor, save_section, start_draft};
use crate::support::TestApp;
use crate::support::form::set;

#[tokio::test]
async fn the_seed_grid_assesses_no_working_conditions_and_says_so_on_the_page_and_in_the_api() {
    let app = TestApp::spawn().await;
    let (status, profile) = app.json(&format!("/api/v1/profiles/{SLUG}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(profile["criteria"][0]["factor"], "skills");
    assert_eq!(
        profile["factors"],
        json!({"unassessed": ["working_conditions"]})
    );
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(page.count(".factor-warning"), 1);
    assert!(
        page.text(".factor-warning")
            .contains("arbeidsomstandigheden"),
        "{}",
        page.text(".factor-warning")
    );
    assert_eq!(page.texts(".factor-tag")[0], "vaardigheden");
}

#[tokio::test]
async fn a_document_without_factors_still_imports_and_leaves_every_factor_unassessed() {
    let app = TestApp::spawn().await;
    let version = app
        .publish_seed(|doc| {
            for criterion in &mut doc.criteria {
                criterion.factor = None;
            }
        })
        .await;
    let (_, profile) = app
        .json(&format!("/api/v1/profiles/{SLUG}/versions/{version}"))
        .await;
    assert!(profile["criteria"][0].get("factor").is_none());
    assert_eq!(
        profile["factors"]["unassessed"],
        json!(["skills", "effort", "responsibility", "working_conditions"])
    );
    // The version before keeps its own mapping: versions are frozen.
    let (_, first) = app
        .json(&format!("/api/v1/profiles/{SLUG}/versions/1"))
        .await;
    assert_eq!(
        first["factors"]["unassessed"],
        json!(["working_conditions"])
    );
    // An old document's text, without the field, reads as before.
    let mut text: serde_json::Value =
        serde_json::from_str(jobclass::profiles::document::SEED).unwrap();
    for criterion in text["criteria"].as_array_mut().unwrap() {
        criterion.as_object_mut().unwrap().remove("factor");
    }
    let doc = jobclass::profiles::document::parse(&text.to_string()).unwrap();
    assert!(doc.criteria.iter().all(|c| c.factor.is_none()));
    // A factor that is not one of the four is refused at its path.
    text["criteria"][1]["factor"] = json!("talent");
    let problems = jobclass::profiles::document::parse(&text.to_string()).unwrap_err();
    assert!(
        problems.0.iter().any(|p| p.path == "$.criteria[1].factor"),
        "{problems}"
    );
}

#[tokio::test]
async fn the_draft_editor_maps_a_criterion_to_working_conditions_and_the_warning_goes() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let api = admin.api().await;
    let page = start_draft(&admin).await;
    let mut criteria = page.form_fields("#criteria form");
    assert_eq!(
        crate::support::form::get(&criteria, "criterion-factor-0"),
        "skills",
        "a new draft copies the mapping"
    );
    set(&mut criteria, "criterion-factor-2", "working_conditions");
    save_section(&admin, "criteria", &criteria, "save").await;
    let draft = draft_json(&api).await;
    assert_eq!(draft["criteria"][2]["factor"], "working_conditions");
    let rev = editor(&admin).await.revision();
    let response = admin
        .post(
            &format!("/admin/profiles/{SLUG}/draft/publish"),
            &[
                ("revision", &rev),
                ("change_note", "Werkomstandigheden beoordeeld"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, profile) = app.json(&format!("/api/v1/profiles/{SLUG}")).await;
    assert_eq!(profile["version"], 2);
    assert_eq!(profile["factors"]["unassessed"], json!([]));
    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(page.count(".factor-warning"), 0);
    // The published version is frozen: its mapping cannot change.
    let changed = sqlx::query(
        "update criteria set factor = 'effort'
          where version_id = (select id from profile_versions where version = 2)",
    )
    .execute(&app.pool)
    .await;
    assert!(changed.is_err(), "the content guard refuses it");
}
