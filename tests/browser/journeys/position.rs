//! A position from draft to a shared decision. The manager signs in,
//! describes a position, submits it with mistakes, fixes them and submits;
//! HR claims it, places it independently and returns it with a question;
//! the manager answers and resubmits; HR decides; the manager opens the
//! decision record and makes a share link, which works in a fresh browser
//! that never signed in. One run does the manager's part by keyboard alone.

use jobclass::auth::model::Role;

use super::{sign_in, user};
use crate::harness::{Browser, Journey, Js, run};
use crate::keyboard::Hands;

const EVIDENCE: &str = "Beantwoordt dagelijks vragen van bezoekers aan het onthaal.";
/// The manager's levels per criterion (proposal C), and HR's.
const MANAGER_LEVELS: [&str; 7] = ["C", "C", "D", "C", "B", "D", "C"];
const HR_LEVELS: [&str; 7] = ["C", "C", "C", "C", "B", "D", "D"];
const QUESTION: &str = "Hoeveel bezoekers ontvangt de medewerker per dag?";
const ANSWER: &str = "Ongeveer zestig per dag, in twee talen.";
const RATIONALE: &str =
    "De functie vraagt kennis van verschillende werkprocedures en zelfstandige contacten.";

#[tokio::test]
async fn a_position_goes_from_draft_to_a_shared_decision_by_keyboard_alone_with_javascript() {
    run("position-js-keyboard", Js::On, async |j| {
        position(j, Hands::Keyboard).await;
    })
    .await;
}

#[tokio::test]
async fn a_position_goes_from_draft_to_a_shared_decision_without_javascript() {
    run("position-nojs", Js::Off, async |j| {
        position(j, Hands::Mouse).await;
    })
    .await;
}

async fn position(j: &Journey, hands: Hands) {
    let manager_email = user(j, "manager", Role::Manager).await;
    let hr_email = user(j, "hr", Role::Hr).await;

    let manager = j.browser("manager").await;
    manager.goto("/", "home").await;
    sign_in(&manager, hands, &manager_email).await;
    let id = describe_and_submit(&manager, hands).await;

    let hr = j.browser("hr").await;
    hr.goto("/", "home").await;
    sign_in(&hr, Hands::Mouse, &hr_email).await;
    place_and_return(&hr, id).await;

    answer_and_resubmit(&manager, hands, id).await;
    decide(&hr, id).await;
    let link = share(&manager, hands, id).await;

    let stranger = j.browser("stranger").await;
    stranger.goto(&link, "shared-record").await;
    assert_eq!(stranger.text(".decision h2 strong").await, "C");
    assert!(stranger.text(".decision").await.contains(RATIONALE));
    assert_eq!(
        stranger.count(".user-menu a[href^='/login']").await,
        1,
        "not signed in"
    );
    stranger.shot("shared-record").await;
}

/// The code's column in the level cards (levels are listed lowest first).
fn column(level: &str) -> usize {
    ["D", "C", "B"]
        .iter()
        .position(|l| *l == level)
        .expect("a level of the seed profile")
}

/// Creates a position, submits it with three mistakes, fixes them and
/// submits again; returns the position's id.
async fn describe_and_submit(m: &Browser<'_>, hands: Hands) -> i64 {
    m.activate(hands, ".main-nav a[href='/positions']", "positions")
        .await;
    m.activate(hands, "a[href='/positions/new']", "position-new")
        .await;
    m.activate(
        hands,
        "form[action='/positions/new'] button[type=submit]",
        "position-draft",
    )
    .await;
    let id: i64 = m
        .path()
        .await
        .trim_start_matches("/positions/")
        .parse()
        .expect("on the new position's page");
    m.shot("position-draft").await;

    m.enter_text(hands, "#title", "Medewerker onthaal").await;
    m.enter_text(hands, "#unit", "FOD BOSA / Onthaal").await;
    m.enter_text(
        hands,
        "#purpose",
        "Bezoekers ontvangen en de dienst administratief ondersteunen.",
    )
    .await;
    m.enter_text(hands, "#task-new-1", "Bezoekers onthalen en doorverwijzen")
        .await;
    m.enter_text(hands, "#task-new-2", "Post verdelen").await;
    // With scripts the reading follows the form as it is typed (and says
    // so in one polite line); without, it follows the next save.
    if m.js() == Js::On {
        let mut rows = 0;
        for _ in 0..100 {
            rows = m.count("#reading .reading-tasks tbody tr").await;
            if rows == 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert_eq!(rows, 2, "the typed tasks are read before saving");
        let said = m.prop("#reading-status", "textContent").await;
        assert!(
            said.as_deref().unwrap_or("").contains("van de 2 taken"),
            "{said:?}"
        );
    } else {
        assert_eq!(m.count("#reading .reading-tasks").await, 0);
    }
    // Mistakes: the shares add up to 90, "Procedures" has no level, and
    // the evidence for "Praktische organisatie" is too short.
    for (i, share) in ["30", "10", "50", "0"].iter().enumerate() {
        m.enter_text(hands, &format!("#share-{i}"), share).await;
    }
    for (ci, level) in MANAGER_LEVELS.iter().enumerate() {
        if ci != 3 {
            m.choose(hands, &format!("#level-{ci}-{}", column(level)))
                .await;
        }
        let evidence = if ci == 2 { "kort" } else { EVIDENCE };
        m.enter_text(hands, &format!("#evidence-{ci}"), evidence)
            .await;
    }
    m.leave_by(hands, "button[name=action][value=submit]").await;
    // With scripts, the error summary takes focus, so it is read out first.
    let summary_focused = m.focused("#error-summary").await;
    assert_eq!(
        summary_focused,
        m.js() == Js::On,
        "focus on the error summary"
    );
    m.arrive("position-errors").await;
    let summary = m.text(".error-summary").await;
    assert!(summary.contains("Procedures"), "{summary}");
    assert!(summary.contains("90 %"), "{summary}");
    assert_eq!(
        m.text("#evidence-2-error").await,
        "Leg bij „Praktische organisatie” in minstens 20 tekens uit wat dit aantoont."
    );
    assert_eq!(
        m.attr("#evidence-2", "aria-invalid").await.as_deref(),
        Some("true")
    );
    assert_eq!(
        m.prop("#title", "value").await.as_deref(),
        Some("Medewerker onthaal")
    );
    m.shot("position-errors").await;

    m.enter_text(hands, "#share-0", "40").await;
    m.choose(hands, &format!("#level-3-{}", column(MANAGER_LEVELS[3])))
        .await;
    m.enter_text(hands, "#evidence-2", EVIDENCE).await;
    m.activate(
        hands,
        "button[name=action][value=submit]",
        "position-submitted",
    )
    .await;
    assert_eq!(m.path().await, format!("/positions/{id}"));
    assert!(m.text(".flash").await.contains("ingediend"));
    assert_eq!(m.text(".proposal h2 strong").await, "C");
    m.shot("position-submitted").await;
    id
}

/// HR finds the position in the queue, claims it, places every criterion
/// without seeing the manager's choice, and returns it with a question.
async fn place_and_return(hr: &Browser<'_>, id: i64) {
    hr.follow(".main-nav a[href='/review']", "review-queue")
        .await;
    hr.shot("review-queue").await;
    hr.follow(&format!("table a[href='/review/{id}']"), "review")
        .await;
    hr.follow(
        &format!("form[action='/review/{id}/claim'] button"),
        "review-claimed",
    )
    .await;
    assert_eq!(hr.count(".manager-choice").await, 0, "hidden until placed");
    for (ci, level) in HR_LEVELS.iter().enumerate() {
        hr.choose(Hands::Mouse, &format!("#hr-level-{ci}-{}", column(level)))
            .await;
    }
    hr.follow(
        &format!("form[action='/review/{id}/placements'] button"),
        "review-placed",
    )
    .await;
    assert_eq!(hr.count(".manager-choice").await, 7);
    let agreement = hr.text("#agreement").await;
    assert!(agreement.contains("5 van 7"), "{agreement}");
    hr.shot("review-placed").await;
    hr.fill("#question", QUESTION).await;
    hr.follow(
        &format!("form[action='/review/{id}/return'] button"),
        "review-returned",
    )
    .await;
    assert_eq!(hr.path().await, "/review");
}

/// The manager reads the question, answers it and resubmits.
async fn answer_and_resubmit(m: &Browser<'_>, hands: Hands, id: i64) {
    m.activate(
        hands,
        ".main-nav a[href='/positions']",
        "positions-returned",
    )
    .await;
    m.activate(
        hands,
        &format!("table a[href='/positions/{id}']"),
        "position-returned",
    )
    .await;
    assert!(m.text(".banner").await.contains("teruggestuurd"));
    assert!(m.text("#thread").await.contains(QUESTION));
    m.enter_text(hands, "#comment", ANSWER).await;
    m.activate(
        hands,
        &format!("form[action='/positions/{id}/comments'] button"),
        "position-answered",
    )
    .await;
    assert!(m.text("#thread").await.contains(ANSWER));
    m.shot("position-answered").await;
    m.activate(
        hands,
        "button[name=action][value=submit]",
        "position-resubmitted",
    )
    .await;
    assert!(m.text(".flash").await.contains("ingediend"));
}

/// HR claims the resubmitted position again and decides C.
async fn decide(hr: &Browser<'_>, id: i64) {
    hr.follow(".main-nav a[href='/review']", "review-queue-again")
        .await;
    hr.follow(
        &format!("table a[href='/review/{id}']"),
        "review-resubmitted",
    )
    .await;
    hr.follow(
        &format!("form[action='/review/{id}/claim'] button"),
        "review-claimed-again",
    )
    .await;
    hr.choose(Hands::Mouse, "input[name=level][value=C]").await;
    hr.fill("#rationale", RATIONALE).await;
    hr.follow(
        &format!("form[action='/review/{id}/decide'] button"),
        "record-hr",
    )
    .await;
    assert_eq!(hr.path().await, format!("/positions/{id}/record"));
    assert_eq!(hr.text(".decision h2 strong").await, "C");
}

/// The manager opens the decision record and makes a share link.
async fn share(m: &Browser<'_>, hands: Hands, id: i64) -> String {
    m.activate(hands, ".main-nav a[href='/positions']", "positions-decided")
        .await;
    m.activate(
        hands,
        &format!("table a[href='/positions/{id}']"),
        "position-decided",
    )
    .await;
    m.activate(
        hands,
        &format!("a[href='/positions/{id}/record']"),
        "record",
    )
    .await;
    assert_eq!(m.text(".decision h2 strong").await, "C");
    assert!(m.text(".decision").await.contains(RATIONALE));
    m.shot("record").await;
    m.activate(
        hands,
        &format!("form[action='/positions/{id}/share'] button"),
        "record-shared",
    )
    .await;
    let link = m.prop("#share-link", "value").await.expect("a share link");
    assert!(link.starts_with("/shared/"), "{link}");
    m.shot("record-shared").await;
    link
}
