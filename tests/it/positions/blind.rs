//! The second placement stays blind: until HR has placed every criterion
//! (or chosen to see the manager's choice), nothing on the review page
//! depends on the manager's placements — not the proposal, its trace or
//! flags, nor a preselected decision.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use super::submitted;
use crate::support::TestApp;

#[tokio::test]
async fn the_review_page_hides_the_proposal_until_hr_has_placed_every_criterion() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let id = submitted(&app, &manager).await;
    let claimed = hr.post(&format!("/review/{id}/claim"), &[]).await;
    assert_eq!(claimed.status(), StatusCode::SEE_OTHER);

    let blind = |page: &crate::support::html::Page| {
        assert_eq!(page.count(".manager-choice"), 0);
        assert_eq!(page.count(".proposal strong"), 0);
        assert_eq!(page.count(".proposal .trace"), 0);
        assert_eq!(page.count(".proposal .flags"), 0);
        assert_eq!(page.count("input[name=level][checked]"), 0);
        assert!(!page.text("main").contains("criteria op"));
        // The reading of tasks shows; the reading of evidence (next to
        // the manager's placements) and flags built on them do not.
        assert_eq!(page.count(".reading-tasks tbody tr"), 2);
        assert_eq!(page.count(".reading-evidence"), 0);
        assert_eq!(
            page.count(".flag-evidence_disagrees, .flag-precedent_differs"),
            0
        );
        assert_eq!(page.count("#reading-precedents-h"), 0);
        assert_eq!(page.count("a[href*='precedents=1']"), 1);
    };
    let (_, review) = hr.page(&format!("/review/{id}")).await;
    blind(&review);
    let (_, asked) = hr.page(&format!("/review/{id}?precedents=1")).await;
    assert_eq!(asked.count("#reading-precedents-h"), 1);
    assert_eq!(asked.count(".reading-evidence"), 0);

    // Some criteria placed: still blind.
    let some = vec![("hr-level-0".to_string(), "B".to_string())];
    hr.post_fields(&format!("/review/{id}/placements"), &some)
        .await;
    let (_, review) = hr.page(&format!("/review/{id}")).await;
    blind(&review);

    // Asking to see the manager's choice shows the proposal.
    let (_, shown) = hr.page(&format!("/review/{id}?show=manager")).await;
    assert_eq!(shown.text(".proposal h2 strong"), "C");
    assert_eq!(shown.count("input[name=level][value=C][checked]"), 1);

    // Every criterion placed: shown without asking.
    let all: Vec<(String, String)> = ["C", "C", "C", "C", "B", "D", "D"]
        .iter()
        .enumerate()
        .map(|(i, level)| (format!("hr-level-{i}"), (*level).to_string()))
        .collect();
    hr.post_fields(&format!("/review/{id}/placements"), &all)
        .await;
    let (_, review) = hr.page(&format!("/review/{id}")).await;
    assert_eq!(review.text(".proposal h2 strong"), "C");
    assert!(
        review
            .text(".proposal .trace")
            .contains("criteria op niveau C")
    );
    assert_eq!(review.count(".reading-evidence tbody tr"), 7);

    // The manager reads the same, before and after submitting, without
    // precedents.
    let (_, own) = manager.page(&format!("/positions/{id}")).await;
    assert_eq!(own.count(".reading-tasks tbody tr"), 2);
    assert_eq!(own.count(".reading-evidence tbody tr"), 7);
    assert_eq!(own.count("#reading-precedents-h"), 0);
}
