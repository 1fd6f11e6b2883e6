//! Change requests: made by a manager, linked to a draft and answered by
//! an admin, the answer read by the requester.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use super::{SLUG, start_draft};
use crate::support::TestApp;

#[tokio::test]
async fn a_change_request_is_answered_and_the_requester_reads_the_answer() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let admin = app.login_as(Role::Admin).await;
    let (_, page) = manager.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(
        page.count("form[action$='/requests'] select[name=part] option"),
        14
    );
    let response = manager
        .post(
            &format!("/profiles/{SLUG}/requests"),
            &[
                ("part", "Kennis"),
                ("proposal", "Noem ook digitale vaardigheden."),
                ("reason", "Elke functie gebruikt nu digitale toepassingen."),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let response = manager
        .post(
            &format!("/profiles/{SLUG}/requests"),
            &[("part", "Kennis"), ("proposal", ""), ("reason", "x")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let (_, list) = admin.page("/admin/requests").await;
    assert!(
        list.text("main")
            .contains("Noem ook digitale vaardigheden.")
    );
    let id: i64 = sqlx::query_scalar("select id from change_requests")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // Linking needs an open draft.
    assert_eq!(
        admin
            .post(&format!("/admin/requests/{id}/link"), &[])
            .await
            .status(),
        StatusCode::CONFLICT
    );
    start_draft(&admin).await;
    assert_eq!(
        admin
            .post(&format!("/admin/requests/{id}/link"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let answer = "Opgenomen in het ontwerp van versie 2.";
    assert_eq!(
        admin
            .post(
                &format!("/admin/requests/{id}/close"),
                &[("answer", answer)]
            )
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        admin
            .post(
                &format!("/admin/requests/{id}/close"),
                &[("answer", answer)]
            )
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let (_, account) = manager.page("/account").await;
    assert!(account.text("#requests-h + ul").contains(answer));
}
