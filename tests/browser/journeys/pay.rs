//! Pay transparency: an HR officer opens a year's report (its charts and
//! tables pass axe), justifies the flagged category, opens the category
//! view for a worker's Art. 7 request, and finds the seed profile's
//! warning about working conditions, then the wording check of the seed in
//! both its languages. The staff file is sent through the
//! API; the upload form's checks are tested in `tests/it/pay.rs`.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{sign_in, user};
use crate::harness::{Journey, Js, run};
use crate::keyboard::Hands;
use crate::support::actors::PASSWORD;
use crate::support::api::{Api, SLUG, submitted_position};

#[tokio::test]
async fn an_officer_reads_the_pay_report_and_justifies_a_gap_with_javascript() {
    run("pay-js", Js::On, async |j| pay(j).await).await;
}

#[tokio::test]
async fn an_officer_reads_the_pay_report_and_justifies_a_gap_without_javascript() {
    run("pay-nojs", Js::Off, async |j| pay(j).await).await;
}

async fn pay(j: &Journey) {
    let manager_email = user(j, "manager", Role::Manager).await;
    let officer_email = user(j, "officer", Role::Hr).await;
    let m = j
        .app
        .login(&manager_email, PASSWORD)
        .await
        .unwrap()
        .api()
        .await;
    let h = j
        .app
        .login(&officer_email, PASSWORD)
        .await
        .unwrap()
        .api()
        .await;
    let id = submitted_position(&m, "Onthaal").await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/claim"),
        None,
        StatusCode::OK,
    )
    .await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/decision"),
        Some(&json!({"level": "C", "rationale": "Kennis van verschillende werkprocedures."})),
        StatusCode::OK,
    )
    .await;
    // Five women and five men at C, the men paid 10 % more.
    let mut file = String::from("employee,position,gender,annual_hours,base_pay,variable_pay\n");
    for i in 0..5 {
        file.push_str(&format!(
            "W{i},{id},F,1000,36000,0\nM{i},{id},M,1000,40000,0\n"
        ));
    }
    let (status, _) = Api::answer(
        h.request(Method::PUT, "/api/v1/pay/periods/2026/staff")
            .header("content-type", "text/csv")
            .body(file),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let officer = j.browser("officer").await;
    officer.goto("/", "home").await;
    sign_in(&officer, Hands::Mouse, &officer_email).await;
    officer.follow("a[href='/pay']", "pay").await;
    officer.follow("a[href='/pay/2026']", "pay-report").await;
    assert_eq!(officer.text("#mean-gap").await, "10.0 %");
    assert_eq!(officer.count("svg.pay-chart").await, 2);
    assert!(
        officer
            .text(".factor-warning")
            .await
            .contains("arbeidsomstandigheden")
    );
    officer
        .fill(
            "section.justification textarea",
            "De mannen hebben meer anciënniteit in de graad.",
        )
        .await;
    officer
        .follow("section.justification button[type=submit]", "pay-justified")
        .await;
    assert!(
        officer
            .text("section.justification textarea")
            .await
            .contains("anciënniteit")
            || officer
                .prop("section.justification textarea", "value")
                .await
                .unwrap_or_default()
                .contains("anciënniteit")
    );
    officer
        .follow(
            &format!("a[href='/pay/2026/categories/{SLUG}/C']"),
            "pay-category",
        )
        .await;
    assert_eq!(officer.text(".female-base").await, "€ 36.00");
    assert_eq!(officer.text(".male-base").await, "€ 40.00");
    officer.shot("pay-category").await;

    // The wording check of the seed: its Dutch source and its French
    // translation, each with the words of its language.
    officer
        .goto(&format!("/profiles/{SLUG}/versions/1/wording"), "wording")
        .await;
    assert_eq!(officer.count("section.wording-language").await, 2);
    assert!(
        officer
            .text("#wording-hints-fr")
            .await
            .contains("forme masculine")
    );
}
