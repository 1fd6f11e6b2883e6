//! A position's journey over HTTP: from draft to decision record through
//! the forms, tasks without JavaScript, a stale form.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use super::{EVIDENCE, complete, revision};
use crate::support::TestApp;
use crate::support::form::{pairs, set};

#[tokio::test]
async fn the_whole_journey_from_draft_to_a_shared_decision_record() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;

    let id = manager.start_position().await;
    let (status, page) = manager.page(&format!("/positions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("fieldset.placement"), 7);
    assert_eq!(page.count("input[type=radio][name=level-0]"), 3);

    // A bad submit keeps the input and says what is wrong, per field.
    let rev = revision(&manager, id).await;
    let mut bad = complete(&rev, "submit", ["C", "C", "D", "C", "B", "D", "C"]);
    bad.retain(|(k, _)| k != "level-3");
    set(&mut bad, "evidence-2", "kort");
    set(&mut bad, "share-0", "30");
    let (status, page) = manager
        .post_fields_page(&format!("/positions/{id}"), &bad)
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = page.text(".error-summary");
    assert!(summary.contains("Procedures"), "{summary}");
    assert!(summary.contains("90 %"), "{summary}");
    assert_eq!(
        page.text("#evidence-2-error"),
        "Leg bij „Praktische organisatie” in minstens 20 tekens uit wat dit aantoont."
    );
    assert_eq!(
        page.one("#title").value().attr("value"),
        Some("Medewerker onthaal")
    );
    assert_eq!(page.text("#evidence-2"), "kort");
    assert_eq!(app.position_status(id).await, "draft");

    // Fixed and submitted.
    let response = manager
        .post_fields(
            &format!("/positions/{id}"),
            &complete(&rev, "submit", ["C", "C", "D", "C", "B", "D", "C"]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = manager.page(&format!("/positions/{id}")).await;
    assert_eq!(page.text(".proposal h2 strong"), "C");
    assert!(page.text(".trace").starts_with(
        "4 van 7 criteria op niveau C (Kennis, Documenten, Procedures, Contacten); 2 op niveau D"
    ));

    // HR sees it in the queue, claims, places, returns with a question.
    let (_, queue) = hr.page("/review").await;
    assert!(queue.text("table.list").contains("Medewerker onthaal"));
    assert_eq!(
        hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.position_status(id).await, "in_review");
    let (_, review) = hr.page(&format!("/review/{id}")).await;
    // The manager's choice is hidden until HR has placed everything.
    assert_eq!(review.count(".manager-choice"), 0);
    let mut hr_fields: Vec<(String, String)> = Vec::new();
    for (i, level) in ["C", "C", "C", "C", "B", "D", "D"].iter().enumerate() {
        hr_fields.push((format!("hr-level-{i}"), level.to_string()));
    }
    assert_eq!(
        hr.post_fields(&format!("/review/{id}/placements"), &hr_fields)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let (_, review) = hr.page(&format!("/review/{id}")).await;
    assert_eq!(review.count(".manager-choice"), 7);
    assert!(
        review.text("#agreement").contains("5 van 7"),
        "{}",
        review.text("#agreement")
    );

    let question = "Hoeveel bezoekers ontvangt de medewerker per dag?";
    assert_eq!(
        hr.post(&format!("/review/{id}/return"), &[("question", question)])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.position_status(id).await, "returned");

    // The manager reads the question, answers, edits and resubmits.
    let (_, page) = manager.page(&format!("/positions/{id}")).await;
    assert!(page.text("#thread").contains(question));
    let answer = "Ongeveer zestig per dag, in twee talen.";
    assert_eq!(
        manager
            .post(&format!("/positions/{id}/comments"), &[("body", answer)])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let rev = revision(&manager, id).await;
    let response = manager
        .post_fields(
            &format!("/positions/{id}"),
            &complete(&rev, "submit", ["C", "C", "C", "C", "B", "D", "C"]),
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.position_status(id).await, "submitted");

    // HR decides.
    assert_eq!(
        hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let rationale =
        "De functie vraagt kennis van verschillende werkprocedures en zelfstandige contacten.";
    let response = hr
        .post(
            &format!("/review/{id}/decide"),
            &[("level", "C"), ("rationale", rationale)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.position_status(id).await, "decided");

    // The manager reads the decision record.
    let (status, record) = manager.page(&format!("/positions/{id}/record")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(record.text(".decision h2 strong"), "C");
    assert!(record.text(".decision").contains(rationale));
    assert!(
        record.text("main").contains(answer) || record.text("main").contains("Medewerker onthaal")
    );
    assert!(record.text(".record-grid").contains(EVIDENCE));

    // A share link opens the record without an account, until revoked.
    let (status, page) = manager
        .post_page(&format!("/positions/{id}/share"), &[])
        .await;
    assert_eq!(status, StatusCode::OK);
    let link = page.value("#share-link");
    let stranger = crate::support::client();
    let response = stranger.get(app.url(&link)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.text().await.unwrap().contains(rationale));
    assert_eq!(
        manager
            .post(&format!("/positions/{id}/share/revoke"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        stranger.get(app.url(&link)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // Every step is in the audit log.
    let actions: Vec<String> = sqlx::query_scalar("select action from audit_log where subject_type = 'position' and subject_id = $1 order by id")
        .bind(id.to_string())
        .fetch_all(&app.pool)
        .await
        .unwrap();
    for expected in [
        "position.created",
        "position.submitted",
        "position.claimed",
        "position.placed",
        "position.returned",
        "position.commented",
        "position.decided",
        "share.created",
        "share.revoked",
    ] {
        assert!(
            actions.iter().any(|a| a == expected),
            "{expected} not in {actions:?}"
        );
    }
}

#[tokio::test]
async fn tasks_can_be_added_and_removed_without_javascript() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let id = manager.start_position().await;
    let rev = revision(&manager, id).await;
    let fields = pairs(&[
        ("revision", &rev),
        ("action", "add-task"),
        ("task", "Eerste taak"),
        ("task", "Tweede taak"),
    ]);
    let (status, page) = manager
        .post_fields_page(&format!("/positions/{id}"), &fields)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        page.count("input[name=task]"),
        3,
        "two saved tasks and one empty line"
    );
    let rev = page.revision();
    let fields = pairs(&[
        ("revision", &rev),
        ("action", "remove-task-0"),
        ("task", "Eerste taak"),
        ("task", "Tweede taak"),
        ("task", ""),
    ]);
    assert_eq!(
        manager
            .post_fields(&format!("/positions/{id}"), &fields)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let tasks: Vec<String> = sqlx::query_scalar(
        "select text from position_tasks where position_id = $1 order by position",
    )
    .bind(id)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(tasks, ["Tweede taak"]);
}

#[tokio::test]
async fn a_stale_form_is_a_conflict_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let id = manager.start_position().await;
    let rev = revision(&manager, id).await;
    let first = manager
        .post_fields(
            &format!("/positions/{id}"),
            &complete(&rev, "save", ["C"; 7]),
        )
        .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let mut second = complete(&rev, "save", ["D"; 7]);
    set(&mut second, "title", "Andere titel");
    let response = manager
        .post_fields(&format!("/positions/{id}"), &second)
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let title: String = sqlx::query_scalar("select title from positions where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(title, "Medewerker onthaal");
}
