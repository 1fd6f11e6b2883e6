//! HR compares one level of two profiles: from a profile to the form, a
//! choice made with the mouse (without script too), the grid with its
//! differences marked, the full diff, a phone's cards, a refused choice,
//! and back to a profile's level compare.

use jobclass::auth::model::Role;

use super::{sign_in, user};
use crate::harness::{Browser, DESKTOP, HEIGHT, Journey, Js, PHONE, run};
use crate::keyboard::Hands;

const SEED: &str = "administratieve-ondersteuning";
const OTHER: &str = "onthaal-en-secretariaat";

#[tokio::test]
async fn hr_compares_one_level_of_two_profiles_with_javascript() {
    run("cross-js", Js::On, cross).await;
}

#[tokio::test]
async fn hr_compares_one_level_of_two_profiles_without_javascript() {
    run("cross-nojs", Js::Off, cross).await;
}

async fn cross(j: &Journey) {
    // A second profile: "Documenten" at C worded otherwise, "Contacten" gone.
    j.app
        .publish_seed(|doc| {
            doc.slug = OTHER.into();
            doc.title = "Onthaal en secretariaat".into();
            doc.criteria[1].descriptors.insert(
                "C".into(),
                "Documenten nakijken, ordenen en klasseren volgens de geldende procedures.".into(),
            );
            doc.criteria.retain(|c| c.name != "Contacten");
        })
        .await;
    let email = user(j, "hr", Role::Hr).await;
    let hr = j.browser("hr").await;
    hr.goto(&format!("/profiles/{SEED}"), "profile").await;
    sign_in(&hr, Hands::Mouse, &email).await;

    hr.follow(
        &format!(".profile-actions a[href='/compare?from={SEED}']"),
        "cross-form",
    )
    .await;
    assert_eq!(hr.text("h1").await, "Profielen vergelijken");
    let seed_box = format!(".xcompare-form input[name=profiles][value={SEED}]");
    let other_box = format!(".xcompare-form input[name=profiles][value={OTHER}]");
    assert_eq!(hr.prop(&seed_box, "checked").await.as_deref(), Some("true"));
    hr.tick(Hands::Mouse, &other_box, true).await;
    hr.find("#xcompare-level")
        .await
        .select_by_value("C")
        .await
        .expect("choose level C");
    hr.follow(".xcompare-form button[type=submit]", "cross-c")
        .await;
    let path = hr.path().await;
    assert!(path.contains("level=C") && path.contains(OTHER), "{path}");
    assert_eq!(hr.count("#xcompare-caption-table thead th").await, 3);
    marked(&hr, "ins", "rgba(216, 240, 221, 1)").await;
    assert_eq!(hr.count("#xcompare-caption-table del").await, 0);
    assert!(
        hr.text("#xcompare-caption-partial-table")
            .await
            .contains("Contacten")
    );
    hr.shot("cross-c").await;

    // On a phone: one card per criterion, each cell named by its profile.
    hr.resize(PHONE, HEIGHT).await;
    let cell = hr.find("#xcompare-caption-table tbody td").await;
    assert_eq!(cell.css_value("display").await.unwrap(), "block");
    hr.resize(DESKTOP, HEIGHT).await;

    // The full diff strikes the first profile's words.
    hr.follow(".legend a[href*='diff=full']", "cross-c-full")
        .await;
    marked(&hr, "del", "rgba(251, 225, 227, 1)").await;
    hr.shot("cross-c-full").await;

    // One profile only: refused with the reason, the form kept.
    hr.tick(Hands::Mouse, &other_box, false).await;
    hr.follow(".xcompare-form button[type=submit]", "cross-refused")
        .await;
    assert!(hr.text(".error-summary").await.contains("minstens twee"));
    hr.tick(Hands::Mouse, &other_box, true).await;
    hr.follow(".xcompare-form button[type=submit]", "cross-again")
        .await;

    // Back to the other profile's level compare.
    hr.follow(
        &format!(".xcompare-profiles a[href='/profiles/{OTHER}/compare']"),
        "other-compare",
    )
    .await;
    assert!(hr.text("h1").await.contains("Onthaal en secretariaat"));
}

/// A run marked `mark` in the second profile's "Documenten" cell, with its
/// highlight colour.
async fn marked(hr: &Browser<'_>, mark: &str, background: &str) {
    let run = hr
        .find_xpath(&format!(
            "//table[@id='xcompare-caption-table']//tr[th[normalize-space()='Documenten']]/td[2]//{mark}"
        ))
        .await;
    assert!(!run.text().await.unwrap().trim().is_empty());
    assert_eq!(run.css_value("background-color").await.unwrap(), background);
}
