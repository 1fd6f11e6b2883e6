//! An admin maintains the seed profile through a draft. A position is
//! decided on version 1 first. The admin signs in, starts a draft, and
//! types a new text for Kennis at level C; meanwhile a second admin saves
//! that row, so the first save meets the conflict page, where the admin
//! keeps their own text. The admin previews the draft as a profile and
//! as a comparison of C and B, looks at the profiles list, the import form
//! and the change requests, at the confirm page of a removal (and
//! cancels), and publishes the draft, first without the change note it
//! needs. The history shows version 2, its diff marks the words of
//! Kennis · C that changed, and the decided position still shows the text
//! it was decided on.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;

use super::{sign_in, user};
use crate::harness::{Browser, Journey, Js, run};
use crate::keyboard::Hands;
use crate::support::api::{SLUG, submitted_position};

const EDITOR: &str = "/admin/profiles/administratieve-ondersteuning/draft";
/// The cell being edited: criterion Kennis (the first row), level C.
const CELL: &str = "#cell-Kennis-C";
const ROW: &str = "#cells-0";
const OLD_TEXT: &str = "Voor de uitoefening van de verschillende activiteiten is kennis vereist van verschillende werkprocedures en -methodes.";
const MINE: &str = "Voor de uitoefening van de verschillende activiteiten is grondige kennis vereist van de werkprocedures en -methodes van de dienst.";
const THEIRS: &str =
    "Voor de uitoefening van de activiteiten is kennis van enkele werkprocedures vereist.";
const NOTE: &str = "Kennis op niveau C verduidelijkt na overleg met de diensten.";

#[tokio::test]
async fn an_admin_resolves_a_conflict_and_publishes_a_draft_that_leaves_decisions_alone_with_javascript()
 {
    run("admin-js", Js::On, admin).await;
}

#[tokio::test]
async fn an_admin_resolves_a_conflict_and_publishes_a_draft_that_leaves_decisions_alone_without_javascript()
 {
    run("admin-nojs", Js::Off, admin).await;
}

async fn admin(j: &Journey) {
    let decided = decided_position(j).await;
    let email = user(j, "admin", Role::Admin).await;
    let other_email = user(j, "admin2", Role::Admin).await;

    let a = j.browser("admin").await;
    a.goto("/", "home").await;
    sign_in(&a, Hands::Mouse, &email).await;
    a.follow(".main-nav a[href='/admin']", "admin-home").await;
    a.follow("main a[href='/admin/profiles']", "admin-profiles")
        .await;
    shot(&a, "admin-profiles").await;
    a.follow(
        &format!("form[action='{EDITOR}'] button[type=submit]"),
        "editor",
    )
    .await;
    assert_eq!(a.path().await, EDITOR);
    assert!(a.text(".flash").await.contains("aangemaakt"));
    assert_eq!(a.prop(CELL, "value").await.as_deref(), Some(OLD_TEXT));
    shot(&a, "editor").await;
    a.fill(CELL, MINE).await;

    // The second admin saves the same row first.
    let b = j.browser("admin2").await;
    b.goto(EDITOR, "other-login").await;
    sign_in_here(&b, &other_email).await;
    assert_eq!(b.path().await, EDITOR);
    b.fill(CELL, THEIRS).await;
    b.follow(&format!("{ROW} button[type=submit]"), "other-saved")
        .await;
    assert!(b.text(".flash").await.contains("Opgeslagen"));

    // The first admin's save meets the conflict, and keeps their own text.
    a.follow(&format!("{ROW} button[type=submit]"), "conflict")
        .await;
    assert_eq!(
        a.text("h1").await,
        "Iemand anders heeft dit intussen opgeslagen"
    );
    let row = |label: &str| {
        format!(
            "//table[contains(@class, 'conflict')]//tr[th[starts-with(normalize-space(), '{label}')]]"
        )
    };
    assert_eq!(
        cell_text(&a, &format!("{}/td[1]", row("Kennis · C"))).await,
        THEIRS
    );
    assert_eq!(
        cell_text(&a, &format!("{}/td[2]", row("Kennis · C"))).await,
        MINE
    );
    assert_eq!(
        cell_text(&a, &format!("{}/th", row("Kennis · C"))).await,
        "Kennis · C verschilt"
    );
    assert_eq!(
        cell_text(&a, &format!("{}/th", row("Kennis · D"))).await,
        "Kennis · D"
    );
    shot(&a, "conflict").await;
    a.follow("#resend button[type=submit]", "editor-mine").await;
    assert!(a.path().await.starts_with(EDITOR));
    assert!(a.text(".flash").await.contains("Opgeslagen"));
    assert_eq!(a.prop(CELL, "value").await.as_deref(), Some(MINE));

    preview(&a).await;
    other_admin_pages(&a).await;

    // Publishing needs a change note.
    let publish = format!("form[action='{EDITOR}/publish'] button[type=submit]");
    a.leave_by(Hands::Mouse, &publish).await;
    // With scripts, the error summary takes focus, so it is read out first.
    assert_eq!(a.focused("#error-summary").await, a.js() == Js::On);
    a.arrive("publish-no-note").await;
    assert_eq!(
        a.text("#change_note-error").await,
        "Geef een toelichting bij de wijziging."
    );
    a.fill("#change_note", NOTE).await;
    a.follow(&publish, "history").await;
    assert_eq!(a.path().await, format!("/profiles/{SLUG}/history"));
    assert!(a.text(".flash").await.contains("Versie 2"));
    let newest = a.text("table.list tbody tr:first-child").await;
    assert!(
        newest.contains("Versie 2") && newest.contains(NOTE),
        "{newest}"
    );
    shot(&a, "history").await;

    // The diff marks the words that changed.
    a.follow(
        &format!("a[href='/profiles/{SLUG}/diff?from=1&to=2']"),
        "diff",
    )
    .await;
    let item =
        "//div[contains(@class, 'diff-item')][dt[starts-with(normalize-space(), 'Kennis · C')]]/dd";
    let added = marked(&a, &format!("{item}//ins")).await;
    let removed = marked(&a, &format!("{item}//del")).await;
    assert!(
        added.contains("grondige") && added.contains("dienst"),
        "{added}"
    );
    assert!(removed.contains("verschillende"), "{removed}");
    assert!(!removed.contains("grondige") && !added.contains("kennis vereist"));
    shot(&a, "diff").await;

    // The position decided on version 1 keeps the text it was decided on.
    a.goto(&format!("/positions/{decided}/record"), "record")
        .await;
    let kennis = cell_text(
        &a,
        "//table[contains(@class, 'record-grid')]//tr[th='Kennis']/td[last()]",
    )
    .await;
    assert_eq!(kennis, OLD_TEXT);
    assert!(a.text(".record header").await.contains("Versie 1"));
}

/// Signs in through the login form the browser was sent to.
async fn sign_in_here(b: &Browser<'_>, email: &str) {
    assert!(
        b.path().await.starts_with("/login"),
        "sent to the login form"
    );
    b.fill("#email", email).await;
    b.fill("#password", crate::support::actors::PASSWORD).await;
    b.follow("form[action='/login'] button[type=submit]", "other-editor")
        .await;
}

/// The draft as HR will see it, as a profile and compared level by level.
async fn preview(a: &Browser<'_>) {
    a.follow(&format!("a[href='{EDITOR}/preview']"), "preview")
        .await;
    assert!(a.text(".banner-draft").await.contains("Ontwerp"));
    let kennis =
        "//table[contains(@class, 'grid')]//tr[th/text()[1][normalize-space(.)='Kennis']]/td[2]";
    assert!(cell_text(a, kennis).await.contains("grondige kennis"));
    shot(a, "preview").await;
    a.follow(
        &format!("a.button-link[href='{EDITOR}/compare']"),
        "preview-compare",
    )
    .await;
    for (level, on) in [("D", false), ("C", true), ("B", true)] {
        let css = format!(".compare-form input[name=levels][value={level}]");
        a.tick(Hands::Mouse, &css, on).await;
    }
    a.follow(".compare-form button[type=submit]", "preview-compare-c-b")
        .await;
    assert!(a.text(".banner-draft").await.contains("Ontwerp"));
    assert_eq!(a.count("table.compare thead th").await, 3);
    let kennis = "//table[contains(@class, 'compare')]//tr[th='Kennis']/td[1]";
    assert!(cell_text(a, kennis).await.contains("grondige kennis"));
}

/// The profiles list with the open draft, the import form, the change
/// requests, the thesaurus, the examples, and the confirm page of a
/// removal (cancelled).
async fn other_admin_pages(a: &Browser<'_>) {
    a.goto("/admin/profiles", "admin-profiles-draft").await;
    assert_eq!(a.count(&format!("td a[href='{EDITOR}']")).await, 1);
    a.follow("a[href='/admin/profiles/import']", "import").await;
    shot(a, "import").await;
    a.goto("/admin/requests", "requests").await;
    assert!(a.text(".request").await.contains("kennis van talen"));
    shot(a, "requests").await;
    a.goto("/admin/thesaurus?lang_set=fr", "thesaurus").await;
    assert!(a.count(".thesaurus-set").await >= 10);
    shot(a, "thesaurus").await;
    a.goto(
        "/admin/profiles/administratieve-ondersteuning/examples?lang_set=fr",
        "examples",
    )
    .await;
    assert!(a.count(".example-list li").await >= 40);
    assert!(a.count(".task-example-list li").await >= 20);
    shot(a, "examples").await;

    // The translation view: source and French side by side, a section
    // saved on its own.
    a.goto(EDITOR, "editor-translations").await;
    a.follow(
        "#translations a[href$='/translations/fr']",
        "translation-fr",
    )
    .await;
    assert!(a.count("table.translation tbody tr").await >= 10);
    a.fill("#t-general-1", "Soutien administratif (projet)")
        .await;
    a.follow("#section-general button[type=submit]", "translation-saved")
        .await;
    assert_eq!(
        a.prop("#t-general-1", "value").await.as_deref(),
        Some("Soutien administratif (projet)")
    );
    shot(a, "translation").await;

    a.goto(EDITOR, "editor-publish").await;
    a.follow("#levels button[name=action][value='remove-0']", "confirm")
        .await;
    assert!(a.text(".lead").await.contains("„D”"));
    shot(a, "confirm").await;
    a.follow(&format!("a[href='{EDITOR}']"), "editor-kept")
        .await;
    let codes = a.count("#levels input[value='D']").await;
    assert_eq!(codes, 2, "nothing removed");
}

/// A position on version 1, decided by HR with Kennis at C, and a change
/// request, made through the API before the admins start; returns the
/// position's id.
async fn decided_position(j: &Journey) -> i64 {
    let manager = j.app.login_as(Role::Manager).await;
    let hr = j.app.login_as(Role::Hr).await;
    let m = manager.api().await;
    let h = hr.api().await;
    let id = submitted_position(&m, "Medewerker onthaal").await;
    let path = |tail: &str| format!("/api/v1/positions/{id}{tail}");
    h.expect(Method::POST, &path("/claim"), None, StatusCode::OK)
        .await;
    let decision = json!({
        "level": "C",
        "rationale": "Kennis van verschillende werkprocedures, zelfstandig toegepast.",
        "hr_placements": [{"criterion": "Kennis", "level": "C", "note": ""}],
    });
    h.expect(
        Method::POST,
        &path("/decision"),
        Some(&decision),
        StatusCode::OK,
    )
    .await;
    let response = manager
        .post(
            &format!("/profiles/{SLUG}/requests"),
            &[
                ("part", "Kennis"),
                ("proposal", "Vermeld ook kennis van talen."),
                ("reason", "Het onthaal werkt in twee talen."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "change request");
    id
}

/// Screenshots at both widths, in the run with scripts only: no style
/// depends on them, and the screenshots of the long editor are slow.
async fn shot(b: &Browser<'_>, step: &str) {
    if b.js() == Js::On {
        b.shot(step).await;
    }
}

/// The visible text of the element at `xpath`.
async fn cell_text(b: &Browser<'_>, xpath: &str) -> String {
    b.find_xpath(xpath).await.text().await.expect("text")
}

/// The texts of every element at `xpath`, joined by spaces.
async fn marked(b: &Browser<'_>, xpath: &str) -> String {
    b.find_xpath(xpath).await;
    let mut all = Vec::new();
    for element in b
        .client
        .find_all(fantoccini::Locator::XPath(xpath))
        .await
        .expect("marked words")
    {
        all.push(element.text().await.expect("text"));
    }
    all.join(" ")
}
