//! `GET /api/v1/positions/{id}/assessment`: the reading of a stored
//! position, its flags on crafted positions, and precedents for HR only.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::matching::{post_match, read_evidence, read_task};
use crate::support::TestApp;
use crate::support::api::{Api, SLUG, seed_names};

const RATIONALE: &str = "Beslist na vergelijking van taken en plaatsingen per criterium.";

/// A position on the seed profile: `tasks`, shares per result area (in
/// profile order), and per criterion (in profile order) a level and
/// evidence.
fn body(tasks: &[&str], shares: [i32; 4], placements: &[(&str, &str)]) -> Value {
    let (areas, criteria) = seed_names();
    let shares: Vec<Value> = areas
        .iter()
        .zip(shares)
        .filter(|(_, s)| *s > 0)
        .map(|(a, s)| json!({"title": a, "share": s}))
        .collect();
    let placements: Vec<Value> = criteria
        .iter()
        .zip(placements)
        .map(|(c, (level, evidence))| json!({"criterion": c, "level": level, "evidence": evidence}))
        .collect();
    json!({"profile": SLUG, "title": "Onthaal", "unit": "FOD Test", "purpose": "Onthaal",
           "tasks": tasks, "result_areas": shares, "placements": placements})
}

const EVIDENCE: &str = "Past de gekende werkwijzen van de dienst toe bij het werk.";

/// Seven placements at `level` with ordinary evidence.
fn all_at(level: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![(level, EVIDENCE); 7]
}

async fn create(manager: &Api, body: &Value) -> i64 {
    let created = manager
        .expect(
            Method::POST,
            "/api/v1/positions",
            Some(body),
            StatusCode::CREATED,
        )
        .await;
    created["id"].as_i64().unwrap()
}

async fn assessment(api: &Api, id: i64) -> (StatusCode, Value) {
    api.get(&format!("/api/v1/positions/{id}/assessment")).await
}

fn flags(doc: &Value) -> Vec<String> {
    doc["flags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect()
}

const RECEPTION: [&str; 4] = [
    "Neemt de telefoon op en verbindt door naar de juiste dienst",
    "Ontvangt bezoekers aan het onthaal en begeleidt hen",
    "Beantwoordt vragen van burgers via mail",
    "Geeft brochures en inlichtingen aan bezoekers",
];

#[tokio::test]
async fn a_position_that_fits_reads_without_flags_and_shows_its_shares() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let id = create(&manager, &body(&RECEPTION, [0, 0, 100, 0], &all_at("C"))).await;
    let (status, doc) = assessment(&manager, id).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["profile"], SLUG);
    assert_eq!(doc["fit"]["tasks"], 4);
    assert_eq!(doc["fit"]["matching_tasks"], 4, "{doc}");
    assert_eq!(doc["shares"][2]["declared"], 100);
    assert_eq!(doc["shares"][2]["implied"], 100, "{doc}");
    assert_eq!(doc["criteria"].as_array().unwrap().len(), 7);
    assert_eq!(flags(&doc), Vec::<String>::new(), "{doc}");
    // Managers never see precedents.
    assert!(doc.get("precedents").is_none(), "{doc}");
}

#[tokio::test]
async fn a_position_written_in_french_is_read_against_the_french_translation() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let reception = [
        "Répond au téléphone et transfère les appels vers le bon service",
        "Accueille les visiteurs à l'accueil et les accompagne",
        "Répond par courriel aux questions des citoyens",
        "Remet des brochures et des renseignements aux visiteurs",
    ];
    let evidence = "Une connaissance de base des procédures du service suffit.";
    let id = create(
        &manager,
        &body(&reception, [0, 0, 100, 0], &[("C", evidence); 7]),
    )
    .await;
    let (status, doc) = assessment(&manager, id).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["fit"]["matching_tasks"], 4, "{doc}");
    assert_eq!(doc["shares"][2]["implied"], 100, "{doc}");
    let flags = flags(&doc);
    assert!(!flags.contains(&"poor_fit".to_string()), "{doc}");
    assert!(!flags.contains(&"shares_mismatch".to_string()), "{doc}");
    assert_eq!(doc["criteria"][0]["criterion"], "Kennis", "{doc}");
}

#[tokio::test]
async fn crafted_positions_get_their_flags_with_reasons() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;

    let other_work = [
        "Programmeert nieuwe functionaliteiten in Java",
        "Herstelt lekkende kranen en defecte verlichting",
        "Bestuurt de vrachtwagen voor de afvalophaling",
        "Neemt de telefoon op en verbindt door",
    ];
    let id = create(&manager, &body(&other_work, [0, 0, 100, 0], &all_at("C"))).await;
    let (_, doc) = assessment(&manager, id).await;
    assert!(flags(&doc).contains(&"poor_fit".to_string()), "{doc}");

    // Declared all organising, but the tasks are reception work.
    let id = create(&manager, &body(&RECEPTION, [0, 100, 0, 0], &all_at("C"))).await;
    let (_, doc) = assessment(&manager, id).await;
    assert_eq!(flags(&doc), ["shares_mismatch"], "{doc}");
    let reason = doc["reasons"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("Als praktische organisator"), "{reason}");

    // Knowledge placed at D, with evidence of a specialisation.
    let mut placements = all_at("C");
    placements[0] = (
        "D",
        "Vereist een specialisatie in personeelsbeheer en noties van verwante domeinen.",
    );
    let id = create(&manager, &body(&RECEPTION, [0, 0, 100, 0], &placements)).await;
    let (_, doc) = assessment(&manager, id).await;
    assert_eq!(flags(&doc), ["evidence_disagrees"], "{doc}");
    assert_eq!(doc["criteria"][0]["suggested"], "B");
    let reason = doc["reasons"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("Kennis"), "{reason}");
}

#[tokio::test]
async fn precedents_are_for_hr_and_a_differing_proposal_is_flagged() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let hr = app.login_as(Role::Hr).await.api().await;
    // Three reception positions decided at B.
    let mut decided = Vec::new();
    for _ in 0..3 {
        let id = create(&manager, &body(&RECEPTION, [0, 0, 100, 0], &all_at("C"))).await;
        for (path, body) in [
            (format!("/api/v1/positions/{id}/submit"), None),
            (format!("/api/v1/positions/{id}/claim"), None),
            (
                format!("/api/v1/positions/{id}/decision"),
                Some(json!({"level": "B", "rationale": RATIONALE})),
            ),
        ] {
            let (status, doc) = hr_or_manager(&manager, &hr, &path)
                .post(&path, body.as_ref())
                .await;
            assert!(status.is_success(), "{path}: {doc}");
        }
        decided.push(id);
    }
    // A like position proposed at C.
    let id = create(&manager, &body(&RECEPTION, [0, 0, 100, 0], &all_at("C"))).await;
    let (_, mine) = assessment(&manager, id).await;
    assert!(mine.get("precedents").is_none(), "{mine}");
    assert!(!flags(&mine).contains(&"precedent_differs".to_string()));

    let (status, doc) = assessment(&hr, id).await;
    assert_eq!(status, StatusCode::OK);
    let precedents = doc["precedents"].as_array().unwrap();
    assert_eq!(precedents.len(), 3, "{doc}");
    for p in precedents {
        assert!(decided.contains(&p["id"].as_i64().unwrap()));
        assert_eq!(p["level"], "B");
        assert!(p["similarity"].as_f64().unwrap() > 0.9, "{p}");
        assert!(p["decided_at"].as_str().is_some());
    }
    assert_eq!(flags(&doc), ["precedent_differs"], "{doc}");

    // Another manager's position does not exist for this manager.
    let other = app.login_as(Role::Manager).await.api().await;
    let (status, _) = assessment(&other, id).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Submitting is the manager's; claiming and deciding HR's.
fn hr_or_manager<'a>(manager: &'a Api, hr: &'a Api, path: &str) -> &'a Api {
    if path.ends_with("/submit") {
        manager
    } else {
        hr
    }
}

/// The best area, its first example and the matched words of `task`, as
/// the public match API reads it now.
async fn best_of(app: &TestApp, task: &str) -> (Value, Value, Value) {
    let t = read_task(app, task).await;
    (
        t["result_areas"][0]["position"].clone(),
        t["examples"][0]["text"].clone(),
        t["terms"].clone(),
    )
}

/// How many of `tasks` the public match API finds to be work of the
/// profile.
async fn fitting(app: &TestApp, tasks: &[&str]) -> Value {
    let (status, doc) = post_match(app, &json!({"tasks": tasks}), None).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    doc["fit"]["matching_tasks"].clone()
}

#[tokio::test]
async fn a_correction_by_hr_changes_later_matching_and_can_be_undone() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let hr = app.login_as(Role::Hr).await.api().await;
    let task = "Ontkalkt de percolator van de cafetaria";
    let later = "Ontkalkt elke week de percolator";
    let id = create(
        &manager,
        &body(&[task, RECEPTION[0]], [0, 50, 50, 0], &all_at("C")),
    )
    .await;
    let path = format!("/api/v1/positions/{id}/tasks/1/confirmation");
    let area_2 = json!({"result_area": 2});

    // Not while a draft; never by the manager.
    let (status, _) = hr.post(&path, Some(&area_2)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let (status, _) = manager
        .post(&format!("/api/v1/positions/{id}/submit"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = manager.post(&path, Some(&area_2)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Nothing in the profile knows these words yet.
    let (_, _, terms) = best_of(&app, later).await;
    assert_eq!(terms, json!([]));
    let other_job = "Kookt de soep voor de cafetaria";
    assert_eq!(fitting(&app, &[later, other_job]).await, 0);

    // Refused: an area the profile lacks, a task the position lacks.
    let (status, doc) = hr.post(&path, Some(&json!({"result_area": 9}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(doc["error"]["fields"]["$.result_area"].is_string(), "{doc}");
    let (status, _) = hr
        .post(
            &format!("/api/v1/positions/{id}/tasks/9/confirmation"),
            Some(&area_2),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count("task.confirmed").await, 0);

    // HR says the task is practical organisation: a later, similar task
    // now matches that area, with the confirmed task as its example.
    let (status, doc) = hr.post(&path, Some(&area_2)).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["title"], "Als praktische organisator");
    assert_eq!(app.audit_count("task.confirmed").await, 1);
    let (area, example, terms) = best_of(&app, later).await;
    assert_eq!(area, 2);
    assert_eq!(example, task);
    assert!(
        terms.as_array().unwrap().contains(&json!("percolator")),
        "{terms}"
    );
    // The same work now fits the profile; other work that shares one of
    // its words does not.
    assert_eq!(fitting(&app, &[later]).await, 1);
    assert_eq!(fitting(&app, &[other_job]).await, 0);

    // A correction replaces it: now the data area.
    let (status, _) = hr.post(&path, Some(&json!({"result_area": 4}))).await;
    assert_eq!(status, StatusCode::OK);
    let (area, _, _) = best_of(&app, later).await;
    assert_eq!(area, 4);

    // Undone: the words are unknown again; the record keeps both.
    let (status, _) = hr
        .request(Method::DELETE, &path)
        .send()
        .await
        .map(|r| (r.status(), ()))
        .unwrap();
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, _, terms) = best_of(&app, later).await;
    assert_eq!(terms, json!([]));
    let (status, _) = hr
        .request(Method::DELETE, &path)
        .send()
        .await
        .map(|r| (r.status(), ()))
        .unwrap();
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count("task.confirmation_undone").await, 1);
    let kept: i64 =
        sqlx::query_scalar("select count(*) from task_confirmations where position_id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(kept, 2);
}

#[tokio::test]
async fn hr_confirms_and_undoes_a_tasks_area_on_the_review_page() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let hr = app.login_as(Role::Hr).await;
    let id = create(
        &manager,
        &body(
            &["Ontkalkt de percolator van de cafetaria", RECEPTION[0]],
            [0, 50, 50, 0],
            &all_at("C"),
        ),
    )
    .await;
    let (status, _) = manager
        .post(&format!("/api/v1/positions/{id}/submit"), None)
        .await;
    assert_eq!(status, StatusCode::OK);

    // Each task has a form proposing its best area; the reception task's
    // is the reception area.
    let (status, page) = hr.page(&format!("/review/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("#task-1 form.confirm-task select option"), 4);
    assert_eq!(
        page.one("#task-2 select option[selected]")
            .value()
            .attr("value"),
        Some("3")
    );
    assert_eq!(page.count(".confirmed"), 0);

    // Refused: an area the profile lacks, a task the position lacks,
    // a manager; nothing written.
    let confirm = format!("/review/{id}/tasks/1/confirm");
    for bad in ["9", "0", "x", ""] {
        let response = hr.post(&confirm, &[("result_area", bad)]).await;
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{bad}");
    }
    let response = hr
        .post(
            &format!("/review/{id}/tasks/9/confirm"),
            &[("result_area", "2")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let owner = app.login_as(Role::Manager).await;
    let response = owner.post(&confirm, &[("result_area", "2")]).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.audit_count("task.confirmed").await, 0);

    // Confirmed as practical organisation: shown, audited, learnt from.
    let response = hr.post(&confirm, &[("result_area", "2")]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        response.headers()["location"],
        format!("/review/{id}#task-1").as_str()
    );
    assert_eq!(app.audit_count("task.confirmed").await, 1);
    let (_, page) = hr.page(&format!("/review/{id}")).await;
    assert_eq!(
        page.text("#task-1 .confirmed"),
        "Bevestigd: Als praktische organisator"
    );
    assert_eq!(page.count("#task-1 form.confirm-task"), 0);
    let t = read_task(&app, "Ontkalkt elke week de percolator").await;
    assert_eq!(t["result_areas"][0]["position"], 2, "{t}");

    // Undone: the form is back, the record kept.
    let response = hr.post(&format!("/review/{id}/tasks/1/undo"), &[]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.audit_count("task.confirmation_undone").await, 1);
    let (_, page) = hr.page(&format!("/review/{id}")).await;
    assert_eq!(page.count("#task-1 form.confirm-task"), 1);
    let response = hr.post(&format!("/review/{id}/tasks/1/undo"), &[]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_poorly_fitting_position_names_the_profiles_that_fit_better() {
    use jobclass::profiles::document::DocResultArea;
    let app = TestApp::spawn().await;
    app.publish_seed(|doc| {
        doc.slug = "technisch-onderhoud".into();
        doc.title = "Technisch onderhoud".into();
        doc.result_areas = vec![DocResultArea {
            title: "Als technicus".into(),
            mission: "gebouwen, installaties en voertuigen onderhouden en herstellen".into(),
            tasks: vec![
                "Defecte verlichting en sanitair herstellen".into(),
                "Kleine herstellingen aan gebouwen uitvoeren".into(),
                "Dienstvoertuigen besturen en onderhouden".into(),
                "Software en toepassingen programmeren en testen".into(),
            ],
        }];
    })
    .await;
    let manager = app.login_as(Role::Manager).await;
    let api = manager.api().await;
    let other_work = [
        "Programmeert nieuwe functionaliteiten in Java",
        "Herstelt lekkende kranen en defecte verlichting",
        "Bestuurt de vrachtwagen voor de afvalophaling",
        "Neemt de telefoon op en verbindt door",
    ];
    let id = create(&api, &body(&other_work, [0, 0, 100, 0], &all_at("C"))).await;
    let (status, page) = manager.page(&format!("/positions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let link = page.one("#reading a[href*='profiles=1']");
    assert_eq!(
        link.value().attr("href"),
        Some(format!("/positions/{id}?profiles=1#reading-others-h").as_str())
    );
    let (status, page) = manager.page(&format!("/positions/{id}?profiles=1")).await;
    assert_eq!(status, StatusCode::OK);
    let named = page.text("ul.other-profiles li");
    assert!(named.starts_with("Technisch onderhoud: "), "{named}");
    assert!(named.ends_with("van de 4 taken passen"), "{named}");
    assert_eq!(
        page.one("ul.other-profiles a").value().attr("href"),
        Some("/profiles/technisch-onderhoud")
    );

    // A position that fits its profile offers no other.
    let id = create(&api, &body(&RECEPTION, [0, 0, 100, 0], &all_at("C"))).await;
    let (_, page) = manager.page(&format!("/positions/{id}?profiles=1")).await;
    assert_eq!(page.count("#reading a[href*='profiles=1']"), 0);
    assert_eq!(page.count("ul.other-profiles"), 0);
}

#[tokio::test]
async fn the_form_is_read_as_it_stands_without_saving_it() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let id = manager.start_position().await;
    let path = format!("/positions/{id}/reading");
    let (status, page) = manager
        .post_page(
            &path,
            &[
                ("task", RECEPTION[0]),
                ("task", ""),
                ("task", RECEPTION[1]),
                ("share-1", "100"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // The section alone, with both tasks read and the shares flagged.
    assert_eq!(page.count("section#reading"), 1);
    assert_eq!(page.count("header, nav.main-nav, form"), 0);
    assert_eq!(page.count(".reading-tasks tbody tr"), 2);
    assert_eq!(
        page.text("#reading-tasks-caption"),
        "2 van de 2 taken passen bij het profiel"
    );
    assert_eq!(page.count(".flag-shares_mismatch"), 1);
    // Nothing was saved.
    assert_eq!(app.count("position_tasks").await, 0);
    // Not the owner's: not found; not editable any more: refused.
    let other = app.login_as(Role::Manager).await;
    let response = other.post(&path, &[("task", RECEPTION[0])]).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let hr = app.login_as(Role::Hr).await;
    let response = hr.post(&path, &[("task", RECEPTION[0])]).await;
    assert_ne!(response.status(), StatusCode::OK);
    // Without the form's token: refused like any other form.
    let response = manager
        .client
        .post(manager.url(&path))
        .form(&[("task", RECEPTION[0])])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_decision_teaches_evidence_reading_the_level_hr_placed_it_at() {
    let app = TestApp::spawn().await;
    let manager_api = app.login_as(Role::Manager).await.api().await;
    let hr = app.login_as(Role::Hr).await;
    let hr_api = hr.api().await;
    let (_, criteria) = seed_names();
    let kennis = criteria[0].as_str();
    let written = "Kent de heftruck en de palletwagens door en door";
    let later = "Kent de heftruck";
    // No descriptor or level example of the criterion has these words.
    let before = read_evidence(&app, kennis, later).await;
    assert_eq!(before["suggested"], Value::Null, "{before}");

    let mut placements = all_at("C");
    placements[0] = ("C", written);
    let id = create(&manager_api, &body(&RECEPTION, [0, 0, 100, 0], &placements)).await;
    let (status, _) = manager_api
        .post(&format!("/api/v1/positions/{id}/submit"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        hr.post(&format!("/review/{id}/claim"), &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    // HR reads this knowledge as B work, and decides.
    assert_eq!(
        hr.post(&format!("/review/{id}/placements"), &[("hr-level-0", "B")])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    // Not learned before the decision: the placement may still change.
    let pending = read_evidence(&app, kennis, later).await;
    assert_eq!(pending["suggested"], Value::Null, "{pending}");
    let (status, doc) = hr_api
        .post(
            &format!("/api/v1/positions/{id}/decision"),
            Some(&json!({"level": "B", "rationale": RATIONALE})),
        )
        .await;
    assert!(status.is_success(), "{doc}");

    // Like wording now reads as the level HR placed it at, with the
    // words it rests on; other criteria learned nothing from it.
    let after = read_evidence(&app, kennis, later).await;
    assert_eq!(after["suggested"], "B", "{after}");
    assert!(
        after["terms"]
            .as_array()
            .unwrap()
            .contains(&json!("heftruck")),
        "{after}"
    );
    let other = read_evidence(&app, criteria[1].as_str(), later).await;
    assert_eq!(other["suggested"], Value::Null, "{other}");
    // The manager's own evidence of the position itself is not shown
    // to anyone through the match API: only the reader's words are.
    assert!(!after.to_string().contains("palletwagens"), "{after}");
}
