//! Who may see, change, review and decide a position.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::json;

use super::submitted;
use crate::support::TestApp;

#[tokio::test]
async fn a_manager_cannot_see_or_change_another_managers_position() {
    let app = TestApp::spawn().await;
    let owner = app.login_as(Role::Manager).await;
    let other = app.login_as(Role::Manager).await;
    let id = submitted(&app, &owner).await;
    for path in [
        format!("/positions/{id}"),
        format!("/positions/{id}/record"),
    ] {
        assert_eq!(
            other.get(&path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    assert_eq!(
        other
            .post(&format!("/positions/{id}/withdraw"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let api = other.api().await;
    let (status, _) = api.get(&format!("/api/v1/positions/{id}")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = api
        .put(
            &format!("/api/v1/positions/{id}"),
            &json!({"revision": 1, "title": "x"}),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (_, list) = other.page("/positions").await;
    assert!(!list.text("main").contains("Medewerker onthaal"));
    assert_eq!(app.position_status(id).await, "submitted");
}

#[tokio::test]
async fn a_manager_cannot_review_or_decide() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let id = submitted(&app, &manager).await;
    assert_eq!(manager.get("/review").await.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        manager
            .post(&format!("/review/{id}/claim"), &[])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let (status, _) = manager
        .api()
        .await
        .post(&format!("/api/v1/positions/{id}/claim"), None)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(app.position_status(id).await, "submitted");
}

#[tokio::test]
async fn the_submitter_cannot_decide_their_own_position_even_as_hr() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    // An admin may describe positions, and may review others', not their own.
    let id = submitted(&app, &admin).await;
    assert_eq!(
        admin
            .post(&format!("/review/{id}/claim"), &[])
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    // Let another officer start the review, then try to decide it.
    let hr = app.login_as(Role::Hr).await;
    assert_eq!(
        hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let response = admin
        .post(
            &format!("/review/{id}/decide"),
            &[("level", "C"), ("rationale", &"x".repeat(40))],
        )
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.position_status(id).await, "in_review");
}

#[tokio::test]
async fn two_officers_deciding_at_once_give_one_decision_and_one_conflict() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let id = submitted(&app, &manager).await;
    let (a, b) = (app.login_as(Role::Hr).await, app.login_as(Role::Hr).await);
    assert_eq!(
        a.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let (a, b) = (a.api().await, b.api().await);
    let path = format!("/api/v1/positions/{id}/decision");
    let rationale = "Het werk past bij de beschrijving van dit niveau.";
    let to_c = json!({"level": "C", "rationale": rationale});
    let to_b = json!({"level": "B", "rationale": rationale});
    let ((ra, _), (rb, _)) = tokio::join!(a.post(&path, Some(&to_c)), b.post(&path, Some(&to_b)));
    let mut statuses = [ra.as_u16(), rb.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let decisions: i64 =
        sqlx::query_scalar("select count(*) from audit_log where action = 'position.decided'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(decisions, 1);
}
