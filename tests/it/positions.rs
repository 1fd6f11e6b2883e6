//! Positions over HTTP: the whole journey from draft to decision record,
//! validation, access rules, conflicts, pinned versions, export, dashboard.

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::actors::Actor;

const SLUG: &str = "administratieve-ondersteuning";
const EVIDENCE: &str = "Beantwoordt dagelijks vragen van bezoekers aan het onthaal.";

/// Starts a position through the form; returns its id.
pub async fn start(manager: &Actor) -> i64 {
    let response = manager.post("/positions/new", &[("profile", SLUG)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()["location"].to_str().unwrap().to_string();
    location.trim_start_matches("/positions/").parse().unwrap()
}

/// The revision shown on the position form.
async fn revision(actor: &Actor, id: i64) -> String {
    let (_, page) = actor.page(&format!("/positions/{id}")).await;
    page.one("input[name=revision]")
        .value()
        .attr("value")
        .unwrap()
        .to_string()
}

/// A complete form: levels per criterion (7 codes), shares 40/10/50/0.
fn complete(revision: &str, action: &str, levels: [&str; 7]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("revision".into(), revision.into()),
        ("action".into(), action.into()),
        ("title".into(), "Medewerker onthaal".into()),
        ("unit".into(), "FOD BOSA / Onthaal".into()),
        (
            "purpose".into(),
            "Bezoekers ontvangen en de dienst administratief ondersteunen.".into(),
        ),
        ("task".into(), "Bezoekers onthalen en doorverwijzen".into()),
        ("task".into(), "Post verdelen".into()),
    ];
    for (i, share) in ["40", "10", "50", "0"].iter().enumerate() {
        f.push((format!("share-{i}"), share.to_string()));
    }
    for (i, level) in levels.iter().enumerate() {
        f.push((format!("level-{i}"), level.to_string()));
        f.push((format!("evidence-{i}"), EVIDENCE.into()));
    }
    f
}

async fn post_fields(actor: &Actor, path: &str, fields: &[(String, String)]) -> reqwest::Response {
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    actor.post(path, &refs).await
}

async fn status_of(app: &TestApp, id: i64) -> String {
    sqlx::query_scalar("select status::text from positions where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// A submitted position with placements C,C,D,C,B,D,C (proposal C).
pub async fn submitted(app: &TestApp, manager: &Actor) -> i64 {
    let id = start(manager).await;
    let rev = revision(manager, id).await;
    let response = post_fields(
        manager,
        &format!("/positions/{id}"),
        &complete(&rev, "submit", ["C", "C", "D", "C", "B", "D", "C"]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(app, id).await, "submitted");
    id
}

#[tokio::test]
async fn the_whole_journey_from_draft_to_a_shared_decision_record() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;

    let id = start(&manager).await;
    let (status, page) = manager.page(&format!("/positions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("fieldset.placement"), 7);
    assert_eq!(page.count("input[type=radio][name=level-0]"), 3);

    // A bad submit keeps the input and says what is wrong, per field.
    let rev = revision(&manager, id).await;
    let mut bad = complete(&rev, "submit", ["C", "C", "D", "C", "B", "D", "C"]);
    bad.retain(|(k, _)| k != "level-3");
    bad.iter_mut().find(|(k, _)| k == "evidence-2").unwrap().1 = "kort".into();
    bad.iter_mut().find(|(k, _)| k == "share-0").unwrap().1 = "30".into();
    let response = post_fields(&manager, &format!("/positions/{id}"), &bad).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = crate::support::html::Page::parse(&response.text().await.unwrap());
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
    assert_eq!(status_of(&app, id).await, "draft");

    // Fixed and submitted.
    let response = post_fields(
        &manager,
        &format!("/positions/{id}"),
        &complete(&rev, "submit", ["C", "C", "D", "C", "B", "D", "C"]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = manager.page(&format!("/positions/{id}")).await;
    assert_eq!(page.text(".proposal h2 strong"), "C");
    assert!(
        page.text(".trace").starts_with(
            "4 van 7 criteria op C (Kennis, Documenten, Procedures, Contacten); 2 op D"
        )
    );

    // HR sees it in the queue, claims, places, returns with a question.
    let (_, queue) = hr.page("/review").await;
    assert!(queue.text("table.list").contains("Medewerker onthaal"));
    assert_eq!(
        hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(status_of(&app, id).await, "in_review");
    let (_, review) = hr.page(&format!("/review/{id}")).await;
    // The manager's choice is hidden until HR has placed everything.
    assert_eq!(review.count(".manager-choice"), 0);
    let mut hr_fields: Vec<(String, String)> = Vec::new();
    for (i, level) in ["C", "C", "C", "C", "B", "D", "D"].iter().enumerate() {
        hr_fields.push((format!("hr-level-{i}"), level.to_string()));
    }
    assert_eq!(
        post_fields(&hr, &format!("/review/{id}/placements"), &hr_fields)
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
    assert_eq!(status_of(&app, id).await, "returned");

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
    let response = post_fields(
        &manager,
        &format!("/positions/{id}"),
        &complete(&rev, "submit", ["C", "C", "C", "C", "B", "D", "C"]),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(&app, id).await, "submitted");

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
    assert_eq!(status_of(&app, id).await, "decided");

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
    let link = page
        .one("#share-link")
        .value()
        .attr("value")
        .unwrap()
        .to_string();
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
    let id = start(&manager).await;
    let rev = revision(&manager, id).await;
    let fields: Vec<(String, String)> = vec![
        ("revision".into(), rev),
        ("action".into(), "add-task".into()),
        ("task".into(), "Eerste taak".into()),
        ("task".into(), "Tweede taak".into()),
    ];
    let response = post_fields(&manager, &format!("/positions/{id}"), &fields).await;
    assert_eq!(response.status(), StatusCode::OK);
    let page = crate::support::html::Page::parse(&response.text().await.unwrap());
    assert_eq!(
        page.count("input[name=task]"),
        3,
        "two saved tasks and one empty line"
    );
    let rev = page
        .one("input[name=revision]")
        .value()
        .attr("value")
        .unwrap()
        .to_string();
    let fields: Vec<(String, String)> = vec![
        ("revision".into(), rev),
        ("action".into(), "remove-task-0".into()),
        ("task".into(), "Eerste taak".into()),
        ("task".into(), "Tweede taak".into()),
        ("task".into(), "".into()),
    ];
    assert_eq!(
        post_fields(&manager, &format!("/positions/{id}"), &fields)
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
    let id = start(&manager).await;
    let rev = revision(&manager, id).await;
    let first = post_fields(
        &manager,
        &format!("/positions/{id}"),
        &complete(&rev, "save", ["C"; 7]),
    )
    .await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let mut second = complete(&rev, "save", ["D"; 7]);
    second.iter_mut().find(|(k, _)| k == "title").unwrap().1 = "Andere titel".into();
    let response = post_fields(&manager, &format!("/positions/{id}"), &second).await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let title: String = sqlx::query_scalar("select title from positions where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(title, "Medewerker onthaal");
}

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

#[tokio::test]
async fn a_position_keeps_its_pinned_version_when_the_profile_changes() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let old = submitted(&app, &manager).await;
    // Publish version 2 with another Kennis text at C.
    let mut doc = jobclass::profiles::document::parse(jobclass::profiles::document::SEED).unwrap();
    doc.criteria[0]
        .descriptors
        .insert("C".into(), "Nieuwe tekst voor kennis op niveau C.".into());
    let mut tx = app.pool.begin().await.unwrap();
    jobclass::profiles::db::import(&mut tx, &doc).await.unwrap();
    tx.commit().await.unwrap();

    let (_, page) = manager.page(&format!("/positions/{old}")).await;
    assert!(page.text("main").contains("(Versie 1)") || page.text(".meta").contains("1"));
    let versions: Vec<i32> = sqlx::query_scalar(
        "select v.version from positions p join profile_versions v on v.id = p.profile_version_id order by p.id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(versions, [1]);
    let new = start(&manager).await;
    let (_, page) = manager.page(&format!("/positions/{new}")).await;
    assert!(page.text("#level-0").contains("Nieuwe tekst voor kennis"));
    let hr = app.login_as(Role::Hr).await;
    let (_, review) = hr.page(&format!("/review/{old}")).await;
    assert!(
        review
            .text("#hr-level-0")
            .contains("kennis vereist van verschillende werkprocedures")
    );
    assert!(!review.text("#hr-level-0").contains("Nieuwe tekst"));
}

#[tokio::test]
async fn the_api_creates_validates_and_submits_positions() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let token = manager.api_token().await;
    let api = crate::support::client();
    let mut body = json!({
        "profile": SLUG, "title": "Dossierbeheerder", "unit": "FOD BOSA / Archief", "purpose": "Het archief beheren.",
        "tasks": ["Dossiers klasseren"],
        "result_areas": [{"title": "Als gegevens- en/of documentatiebeheerder", "share": 100}],
        "placements": [
            {"criterion": "Kennis", "level": "C", "evidence": EVIDENCE},
            {"criterion": "Documenten", "level": "C", "evidence": EVIDENCE},
            {"criterion": "Praktische organisatie", "level": "D", "evidence": "te kort"},
        ]
    });
    let response = api
        .post(app.url("/api/v1/positions"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let created: Value = response.json().await.unwrap();
    assert_eq!(created["status"], "draft");
    assert_eq!(created["profile_version"], 1);
    assert_eq!(created["proposal"]["level"], "C");
    assert!(
        created["proposal"]["flags"]
            .as_array()
            .unwrap()
            .contains(&json!("incomplete"))
    );
    let id = created["id"].as_i64().unwrap();

    // Submitting an incomplete position: 422 with the fields named.
    let response = api
        .post(app.url(&format!("/api/v1/positions/{id}/submit")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
    assert_eq!(error["error"]["code"], "validation");
    let fields = error["error"]["fields"].as_object().unwrap();
    assert!(fields.contains_key("placements[2].evidence"), "{fields:?}");
    assert!(fields.contains_key("placements[3].level"), "{fields:?}");

    // Unknown names in the body are named too; nothing is written.
    body["placements"][0]["criterion"] = json!("Moed");
    body["result_areas"][0]["share"] = json!(140);
    let response = api
        .post(app.url("/api/v1/positions"))
        .bearer_auth(&token)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let error: Value = response.json().await.unwrap();
    let fields = error["error"]["fields"].as_object().unwrap();
    assert!(
        fields.contains_key("placements[0].criterion")
            && fields.contains_key("result_areas[0].share"),
        "{fields:?}"
    );
    assert_eq!(app.count("positions").await, 1);

    // Completed with PUT (with the revision read), then submitted.
    let criteria = [
        "Kennis",
        "Documenten",
        "Praktische organisatie",
        "Procedures",
        "Verbetering",
        "Vragen of klachten",
        "Contacten",
    ];
    let placements: Vec<Value> = criteria
        .iter()
        .map(|c| json!({"criterion": c, "level": "C", "evidence": EVIDENCE}))
        .collect();
    let update = json!({
        "revision": created["revision"], "title": "Dossierbeheerder", "unit": "FOD BOSA / Archief",
        "purpose": "Het archief beheren.", "tasks": ["Dossiers klasseren"],
        "result_areas": [{"title": "Als gegevens- en/of documentatiebeheerder", "share": 100}],
        "placements": placements,
    });
    let response = api
        .put(app.url(&format!("/api/v1/positions/{id}")))
        .bearer_auth(&token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // The same revision again is stale now.
    let response = api
        .put(app.url(&format!("/api/v1/positions/{id}")))
        .bearer_auth(&token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    let response = api
        .post(app.url(&format!("/api/v1/positions/{id}/submit")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let position: Value = response.json().await.unwrap();
    assert_eq!(position["status"], "submitted");
    // Withdrawing twice: the second is a conflict.
    let response = api
        .post(app.url(&format!("/api/v1/positions/{id}/withdraw")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let response = api
        .post(app.url(&format!("/api/v1/positions/{id}/withdraw")))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CONFLICT);
    // HR cannot create positions.
    let hr = app.login_as(Role::Hr).await;
    let hr_token = hr.api_token().await;
    let response = api
        .post(app.url("/api/v1/positions"))
        .bearer_auth(&hr_token)
        .json(&update)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_queue_exports_its_filtered_rows_as_csv() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let a = submitted(&app, &manager).await;
    let b = submitted(&app, &manager).await;
    sqlx::query("update positions set unit = 'FOD Financiën / Dienst =SOM(1)' where id = $1")
        .bind(b)
        .execute(&app.pool)
        .await
        .unwrap();
    let response = hr.get("/review/export.csv?unit=FOD%20BOSA").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 byte order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "id,title,unit,profile,version,status,proposed_level,decided_level,manager,reviewer,submitted_at,updated_at"
    );
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].starts_with(&format!(
        "{a},Medewerker onthaal,FOD BOSA / Onthaal,{SLUG},1,submitted,C,,"
    )));
    let all = String::from_utf8(
        hr.get("/review/export.csv")
            .await
            .bytes()
            .await
            .unwrap()
            .to_vec(),
    )
    .unwrap();
    assert!(all.contains("FOD Financiën / Dienst =SOM(1)"), "{all}");
    assert_eq!(all.lines().count(), 3);
    assert_eq!(
        manager.get("/review/export.csv").await.status(),
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_queue_filters_and_sorts_oldest_first() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let first = submitted(&app, &manager).await;
    let second = submitted(&app, &manager).await;
    sqlx::query("update positions set submitted_at = now() - interval '3 days' where id = $1")
        .bind(second)
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, page) = hr.page("/review").await;
    let links: Vec<String> = page
        .all("table.list tbody a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        [format!("/review/{second}"), format!("/review/{first}")]
    );
    let (_, page) = hr.page("/review?level=B").await;
    assert_eq!(page.count("table.list tbody tr"), 0);
    let (_, page) = hr.page("/review?status=decided").await;
    assert_eq!(page.count("table.list tbody tr"), 0);
    for bad in [
        "/review?status=lost",
        "/review?from=2026-02-31",
        "/review?page=0",
        "/review?level=%27",
    ] {
        assert_eq!(hr.get(bad).await.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
}

#[tokio::test]
async fn the_dashboard_counts_statuses_levels_and_days_to_decision() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let token = hr.api_token().await;
    for days in [2, 4, 9] {
        let id = submitted(&app, &manager).await;
        assert_eq!(
            hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
            StatusCode::SEE_OTHER
        );
        let response = crate::support::client()
            .post(app.url(&format!("/api/v1/positions/{id}/decision")))
            .bearer_auth(&token)
            .json(&json!({"level": if days == 9 { "B" } else { "C" }, "rationale": "Het werk past bij de beschrijving van dit niveau."}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        sqlx::query("update positions set first_submitted_at = decided_at - make_interval(days => $2) where id = $1")
            .bind(id)
            .bind(days)
            .execute(&app.pool)
            .await
            .unwrap();
    }
    submitted(&app, &manager).await;
    let (status, page) = hr.page("/review/dashboard").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.text("#median-days"), "4.0");
    let rows: Vec<(String, String)> = page
        .all("table.chart-table tbody tr")
        .iter()
        .map(|tr| {
            let cell = |css: &str| {
                crate::support::html::text_of(
                    tr.select(&scraper::Selector::parse(css).unwrap())
                        .next()
                        .unwrap(),
                )
            };
            (cell("th"), cell("td"))
        })
        .collect();
    for (label, count) in [
        ("ingediend", "1"),
        ("beslist", "3"),
        ("ontwerp", "0"),
        ("C", "2"),
        ("B", "1"),
    ] {
        assert!(
            rows.contains(&(label.to_string(), count.to_string())),
            "{label} {count} not in {rows:?}"
        );
    }
    assert_eq!(page.count("svg.bar-chart title"), 2);
}

#[tokio::test]
async fn a_decided_record_keeps_the_text_it_was_decided_on_after_a_new_version() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let id = submitted(&app, &manager).await;
    assert_eq!(
        hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let rationale = "Het werk vraagt kennis van verschillende werkprocedures.";
    assert_eq!(
        hr.post(
            &format!("/review/{id}/decide"),
            &[("level", "C"), ("rationale", rationale)]
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
    let old_text = "Voor de uitoefening van de verschillende activiteiten is kennis vereist van verschillende werkprocedures en -methodes.";
    let mut doc = jobclass::profiles::document::parse(jobclass::profiles::document::SEED).unwrap();
    doc.criteria[0].descriptors.insert(
        "C".into(),
        "Een volledig nieuwe tekst voor Kennis op C.".into(),
    );
    let mut tx = app.pool.begin().await.unwrap();
    jobclass::profiles::db::import(&mut tx, &doc).await.unwrap();
    tx.commit().await.unwrap();
    let (_, record) = manager.page(&format!("/positions/{id}/record")).await;
    let grid = record.text(".record-grid");
    assert!(grid.contains(old_text), "{grid}");
    assert!(!grid.contains("volledig nieuwe tekst"));
    assert!(record.text("main").contains("Versie 1"));
}

#[tokio::test]
async fn the_queue_filters_by_profile_version() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    submitted(&app, &manager).await;
    let (_, page) = hr.page(&format!("/review?profile={SLUG}&version=1")).await;
    assert_eq!(page.count("table.list tbody tr"), 1);
    let (_, page) = hr.page(&format!("/review?profile={SLUG}&version=2")).await;
    assert_eq!(page.count("table.list tbody tr"), 0);
    assert_eq!(
        hr.get("/review?version=x").await.status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_managers_list_comes_in_pages_of_fifty() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let mut ids = Vec::new();
    for _ in 0..51 {
        ids.push(start(&manager).await);
    }
    let (status, first) = manager.page("/positions").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(first.count("table.list tbody tr"), 50);
    assert_eq!(first.count("nav.pager a[rel=next]"), 1);
    assert_eq!(first.count("nav.pager a[rel=prev]"), 0);
    // Most recently changed first: the oldest is alone on page 2.
    let (status, second) = manager.page("/positions?page=2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(second.count("table.list tbody tr"), 1);
    assert_eq!(
        second.one("table.list tbody a").value().attr("href"),
        Some(format!("/positions/{}", ids[0]).as_str())
    );
    assert_eq!(second.count("nav.pager a[rel=prev]"), 1);
    assert_eq!(second.count("nav.pager a[rel=next]"), 0);
    for junk in ["0", "-1", "x", "99999999999"] {
        let response = manager.get(&format!("/positions?page={junk}")).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "page={junk}");
    }
}
