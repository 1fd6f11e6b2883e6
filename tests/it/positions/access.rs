//! Who may see, change, review and decide a position.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::json;

use super::{status_of, submitted};
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
    let token = other.api_token().await;
    let api = crate::support::client();
    let response = api
        .get(app.url(&format!("/api/v1/positions/{id}")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let response = api
        .put(app.url(&format!("/api/v1/positions/{id}")))
        .bearer_auth(&token)
        .json(&json!({"revision": 1, "title": "x"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (_, list) = other.page("/positions").await;
    assert!(!list.text("main").contains("Medewerker onthaal"));
    assert_eq!(status_of(&app, id).await, "submitted");
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
    let token = manager.api_token().await;
    let response = crate::support::client()
        .post(app.url(&format!("/api/v1/positions/{id}/claim")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(status_of(&app, id).await, "submitted");
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
    assert_eq!(status_of(&app, id).await, "in_review");
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
    let (ta, tb) = (a.api_token().await, b.api_token().await);
    let decide = |token: String, level: &'static str| {
        let url = app.url(&format!("/api/v1/positions/{id}/decision"));
        async move {
            crate::support::client()
                .post(url)
                .bearer_auth(token)
                .json(&json!({"level": level, "rationale": "Het werk past bij de beschrijving van dit niveau."}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    let (ra, rb) = tokio::join!(decide(ta, "C"), decide(tb, "B"));
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
