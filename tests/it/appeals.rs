//! Appeals: within the deadline, once per decision, handled by an officer
//! other than the one who decided, upheld or changed, with the record's
//! history; by the manager (API and page) and by the employee through the
//! share link.

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::actors::Actor;
use crate::support::api::{Api, RATIONALE, decided_position, submitted_position};

const GROUNDS: &str =
    "Ik beheer zelfstandig het klantenbestand en los problemen op die verder gaan dan routinewerk.";

/// The actors of an appeal: the manager, the officer who decided (C), and
/// a second officer.
struct Case {
    manager: Actor,
    manager_api: Api,
    decider_actor: Actor,
    decider: Api,
    second: Actor,
    second_api: Api,
    id: i64,
}

/// A position decided at C by one officer.
async fn decided(app: &TestApp) -> Case {
    let manager = app.login_as(Role::Manager).await;
    let manager_api = manager.api().await;
    let decider_actor = app.login_as(Role::Hr).await;
    let decider = decider_actor.api().await;
    let second = app.login_as(Role::Hr).await;
    let second_api = second.api().await;
    let id = decided_position(&manager_api, &decider, "Onthaal", "C").await;
    Case {
        manager,
        manager_api,
        decider_actor,
        decider,
        second,
        second_api,
        id,
    }
}

fn appeal_on_kennis() -> Value {
    json!({"criteria": [{"criterion": "Kennis", "grounds": GROUNDS}]})
}

async fn lodge(api: &Api, id: i64, body: &Value) -> (StatusCode, Value) {
    api.send(
        Method::POST,
        &format!("/api/v1/positions/{id}/appeal"),
        Some(body),
    )
    .await
}

async fn decide_appeal(api: &Api, id: i64, body: &Value) -> (StatusCode, Value) {
    api.send(
        Method::POST,
        &format!("/api/v1/positions/{id}/appeal/decision"),
        Some(body),
    )
    .await
}

fn changed_to_b() -> Value {
    json!({
        "outcome": "changed",
        "placements": [{"criterion": "Kennis", "level": "B", "note": "Zelfstandig beheer."}],
        "level": "B",
        "rationale": RATIONALE,
    })
}

#[tokio::test]
async fn a_second_officer_changes_the_level_on_appeal_and_the_record_keeps_both() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let id = case.id;

    let (status, doc) = lodge(&case.manager_api, id, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CREATED, "{doc}");
    assert_eq!(doc["appeal"]["status"], "open");
    assert_eq!(doc["appeal"]["outcome"], Value::Null);
    assert_eq!(doc["appeal"]["criteria"][0]["criterion"], "Kennis");
    assert_eq!(doc["level"], "C");

    // The officer who decided may not handle the appeal.
    let (status, body) = decide_appeal(&case.decider, id, &changed_to_b()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert_eq!(body["error"]["code"], "four_eyes");
    // Nor may the manager.
    let (status, _) = decide_appeal(&case.manager_api, id, &changed_to_b()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let (status, doc) = decide_appeal(&case.second_api, id, &changed_to_b()).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["level"], "B", "the level in force");
    assert_eq!(doc["appeal"]["status"], "decided");
    assert_eq!(doc["appeal"]["outcome"], "changed");
    let decisions = doc["decisions"].as_array().unwrap();
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[0]["kind"], "decision");
    assert_eq!(
        decisions[0]["level"], "C",
        "the first decision stays readable"
    );
    assert_eq!(decisions[1]["kind"], "appeal");
    assert_eq!(decisions[1]["outcome"], "changed");
    assert_eq!(decisions[1]["level"], "B");
    assert_eq!(doc["decision"]["level"], "B");

    // The manager's record tells the history; the first decision's
    // rationale is still there.
    let (status, page) = case.manager.page(&format!("/positions/{id}/record")).await;
    assert_eq!(status, StatusCode::OK);
    let history = page.text(".decision-history");
    assert!(history.starts_with("Beslist C op "), "{history}");
    assert!(
        history.contains("in beroep gewijzigd naar B op "),
        "{history}"
    );
    assert!(page.text(".decision").contains(RATIONALE));
    assert!(page.text(".appeal").contains("Zelfstandig beheer."));

    // A second appeal is refused: one per decision, and this one is final.
    let (status, body) = lodge(&case.manager_api, id, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "appeal_exists");
    assert_eq!(app.audit_count("appeal.lodged").await, 1);
    assert_eq!(app.audit_count("appeal.decided").await, 1);
    // Lists read the level in force.
    let level: String = sqlx::query_scalar(
        "select l.code from positions p join levels l on l.id = p.decided_level_id where p.id = $1",
    )
    .bind(id)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(level, "B");
}

#[tokio::test]
async fn an_upheld_appeal_keeps_the_level_with_its_own_rationale() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let id = case.id;
    let (status, _) = lodge(&case.manager_api, id, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CREATED);

    // Upholding with another level or new placements is refused at their paths.
    let wrong = json!({"outcome": "upheld", "level": "B", "placements": [{"criterion": "Kennis", "level": "B"}], "rationale": RATIONALE});
    let (status, body) = decide_appeal(&case.second_api, id, &wrong).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let fields: Vec<&str> = body["error"]["fields"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert!(
        fields.contains(&"level") && fields.contains(&"placements"),
        "{fields:?}"
    );

    let upheld = json!({"outcome": "upheld", "rationale": "Het niveau C past bij de beschreven zelfstandigheid."});
    let (status, doc) = decide_appeal(&case.second_api, id, &upheld).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    assert_eq!(doc["level"], "C");
    assert_eq!(doc["appeal"]["outcome"], "upheld");
    assert_eq!(doc["decisions"][1]["outcome"], "upheld");
    assert_eq!(doc["decisions"][1]["level"], "C");

    // Deciding again: there is no open appeal.
    let (status, body) = decide_appeal(&case.second_api, id, &upheld).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(body["error"]["code"], "no_open_appeal");
    let (_, page) = case.manager.page(&format!("/positions/{id}/record")).await;
    assert!(
        page.text(".decision-history")
            .contains("in beroep behouden op "),
        "{}",
        page.text(".decision-history")
    );
}

#[tokio::test]
async fn the_appeal_window_closes_after_the_configured_days() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let id = case.id;

    // The page states the deadline while the window is open.
    let (_, page) = case.manager.page(&format!("/positions/{id}/appeal")).await;
    assert!(page.text("#lodge-h").contains("Beroep instellen"));

    // 31 days later (the default is 30 calendar days), the window is shut.
    app.clock.advance(time::Duration::days(31));
    let (status, body) = lodge(&case.manager_api, id, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "appeal_window_closed");
    let (status, page) = case.manager.page(&format!("/positions/{id}/appeal")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("#lodge-h"), 0, "no form after the deadline");
    assert!(
        page.text(".banner-warning")
            .contains("De beroepstermijn liep af op")
    );
    let response = case
        .manager
        .post(
            &format!("/positions/{id}/appeal"),
            &[("grounds-0", GROUNDS)],
        )
        .await;
    assert_eq!(response.status(), StatusCode::CONFLICT);
    assert_eq!(app.count("appeals").await, 0);
}

#[tokio::test]
async fn a_decision_can_be_appealed_on_its_last_day() {
    let app = TestApp::spawn_with_config(|c| c.appeal_days = 2).await;
    let case = decided(&app).await;
    app.clock.advance(time::Duration::days(1));
    let (status, body) = lodge(&case.manager_api, case.id, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

#[tokio::test]
async fn bad_appeals_are_named_at_their_json_paths_and_change_nothing() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let id = case.id;
    let body = json!({
        "criteria": [
            {"criterion": "Kennen", "grounds": GROUNDS},
            {"criterion": "Kennis", "grounds": "te kort"},
        ],
        "fit": "ook te kort",
    });
    let (status, answer) = lodge(&case.manager_api, id, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
    let fields = answer["error"]["fields"].as_object().unwrap();
    for path in ["criteria[0].criterion", "criteria[1].grounds", "fit"] {
        assert!(fields.contains_key(path), "{path} in {answer}");
    }
    let (status, answer) = lodge(&case.manager_api, id, &json!({})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        answer["error"]["fields"]["criteria"].is_string(),
        "{answer}"
    );
    assert_eq!(app.count("appeals").await, 0);
    assert_eq!(app.audit_count("appeal.lodged").await, 0);

    // An undecided position cannot be appealed.
    let other = submitted_position(&case.manager_api, "Nog niet beslist").await;
    let (status, answer) = lodge(&case.manager_api, other, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(answer["error"]["code"], "not_decided");
    // Another manager does not even see the position.
    let stranger = app.login_as(Role::Manager).await.api().await;
    let (status, _) = lodge(&stranger, id, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_manager_appeals_from_the_page_and_errors_keep_the_input() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let id = case.id;
    let path = format!("/positions/{id}/appeal");
    let (status, page) = case
        .manager
        .post_page(&path, &[("grounds-0", "te kort"), ("fit", "")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.text("#error-summary").contains("minstens 50 tekens"));
    assert_eq!(page.text("#grounds-0"), "te kort");

    let response = case.manager.post(&path, &[("grounds-0", GROUNDS)]).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = case.manager.page(&path).await;
    assert!(page.text("#appeal-h").contains("Het beroep"));
    assert!(page.text(".grounds").contains(GROUNDS));
}

/// A share link of the decided position, made by the manager.
async fn share(manager: &Actor, id: i64) -> String {
    let (status, page) = manager
        .post_page(&format!("/positions/{id}/share"), &[])
        .await;
    assert_eq!(status, StatusCode::OK);
    page.value("#share-link")
}

#[tokio::test]
async fn the_employee_appeals_through_the_share_link_and_answers_the_officer() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let id = case.id;
    let link = share(&case.manager, id).await;
    let employee = app.anonymous().await;

    let (status, page) = employee.page(&format!("{link}/appeal")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("#name"), 1, "asks the employee's name");
    let (status, page) = employee
        .post_page(
            &format!("{link}/appeal"),
            &[
                ("name", "An Peeters"),
                ("email", "geen adres"),
                ("grounds-0", GROUNDS),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.text("#error-summary").contains("e-mailadres"));
    let response = employee
        .post(
            &format!("{link}/appeal"),
            &[
                ("name", "An Peeters"),
                ("email", "an@example.be"),
                ("grounds-0", GROUNDS),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (email, by): (Option<String>, Option<i64>) =
        sqlx::query_as("select appellant_email, lodged_by from appeals where position_id = $1")
            .bind(id)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(email.as_deref(), Some("an@example.be"));
    assert_eq!(by, None);

    // The second officer asks; the appeal waits; the employee answers.
    let response = case
        .second
        .post(
            &format!("/review/appeals/{id}/ask"),
            &[("text", "Welke problemen los u zelf op?")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let doc = case
        .manager_api
        .expect(
            Method::GET,
            &format!("/api/v1/positions/{id}"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(doc["appeal"]["status"], "waiting");
    // Not the manager's appeal to answer.
    let response = case
        .manager
        .post(&format!("/positions/{id}/appeal/answer"), &[("text", "Ik")])
        .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let response = employee
        .post(
            &format!("{link}/appeal/answer"),
            &[("text", "Klachten over facturen, zonder hulp.")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = employee.page(&format!("{link}/appeal")).await;
    assert!(page.text(".thread").contains("Klachten over facturen"));
    assert!(page.text(".thread").contains("An Peeters"));

    // Decided: the share link shows the current state.
    let (status, _) = decide_appeal(&case.second_api, id, &changed_to_b()).await;
    assert_eq!(status, StatusCode::OK);
    let (_, page) = employee.page(&link).await;
    assert!(
        page.text(".decision-history")
            .contains("in beroep gewijzigd naar B")
    );
    assert_eq!(app.audit_count("appeal.answered").await, 1);
}

#[tokio::test]
async fn a_claimed_appeal_is_decided_by_its_officer_or_by_whom_an_admin_assigns() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let id = case.id;
    let (status, _) = lodge(&case.manager_api, id, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CREATED);

    let third = app.login_as(Role::Hr).await;
    let response = third
        .post(&format!("/review/appeals/{id}/claim"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, body) = decide_appeal(&case.second_api, id, &changed_to_b()).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body["error"]["code"], "appeal_claimed");

    // The queue shows the appeal with the officer handling it.
    let (_, page) = case.second.page("/review/appeals").await;
    assert!(page.text("table").contains("Onthaal"));

    let admin = app.login_as(Role::Admin).await;
    let (status, page) = admin.page(&format!("/review/appeals/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    let options = page.form_fields("form[action$='/assign']");
    assert!(!options.is_empty());
    // The officer who decided is not offered.
    let decider_id: i64 = sqlx::query_scalar("select decided_by from positions where id = $1")
        .bind(id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        page.count(&format!("#officer option[value='{decider_id}']")),
        0
    );
    let (status, _) = admin
        .post_page(
            &format!("/review/appeals/{id}/assign"),
            &[("officer", &decider_id.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let response = admin
        .post(
            &format!("/review/appeals/{id}/assign"),
            &[("officer", &case.second.user_id.to_string())],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, doc) = decide_appeal(&case.second_api, id, &changed_to_b()).await;
    assert_eq!(status, StatusCode::OK, "{doc}");
    let (_, page) = case.second.page("/review/appeals").await;
    assert!(
        !page.text("main").contains("Onthaal"),
        "decided appeals leave the queue"
    );
}

#[tokio::test]
async fn the_officer_decides_an_appeal_on_the_review_page() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let id = case.id;
    let (status, _) = lodge(&case.manager_api, id, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CREATED);

    let (status, page) = case.second.page(&format!("/review/appeals/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.text("#grounds-h + div").contains(GROUNDS));
    assert_eq!(page.count("form[action$='/decide']"), 1);
    // The officer who decided reads the appeal but gets no form to decide it.
    let (status, page) = case
        .decider_actor
        .page(&format!("/review/appeals/{id}"))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.text(".banner-warning").contains("andere medewerker"));
    assert_eq!(page.count("form[action$='/decide']"), 0);
    assert_eq!(page.count("form[action$='/claim']"), 0);

    let path = format!("/review/appeals/{id}/decide");
    let (status, page) = case
        .second
        .post_page(
            &path,
            &[
                ("outcome", "changed"),
                ("level", "C"),
                ("rationale", "kort"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let summary = page.text("#error-summary");
    assert!(summary.contains("ander niveau"), "{summary}");
    assert!(
        summary.contains("Plaats elk betwist criterium opnieuw"),
        "{summary}"
    );

    let response = case
        .second
        .post(
            &path,
            &[
                ("outcome", "changed"),
                ("level-0", "B"),
                ("note-0", "Zelfstandig."),
                ("level", "B"),
                ("rationale", RATIONALE),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let doc = case
        .manager_api
        .expect(
            Method::GET,
            &format!("/api/v1/positions/{id}"),
            None,
            StatusCode::OK,
        )
        .await;
    assert_eq!(doc["level"], "B");
}

#[tokio::test]
async fn a_retried_appeal_with_the_same_key_lodges_once_and_answers_alike() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let path = format!("/api/v1/positions/{}/appeal", case.id);
    let send = |key: &'static str, body: Value| {
        let request = case
            .manager_api
            .request(Method::POST, &path)
            .header("idempotency-key", key)
            .json(&body);
        async move {
            let response = request.send().await.unwrap();
            let status = response.status();
            let replayed = response.headers().contains_key("idempotent-replayed");
            (status, replayed, response.json::<Value>().await.unwrap())
        }
    };
    let (status, replayed, first) = send("appeal-1", appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    assert!(!replayed);
    let (status, replayed, again) = send("appeal-1", appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(replayed);
    assert_eq!(again, first);
    let (status, _, error) = send("appeal-1", json!({"fit": GROUNDS})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["error"]["code"], "idempotency_key_reused");
    assert_eq!(app.count("appeals").await, 1);
    assert_eq!(app.audit_count("appeal.lodged").await, 1);
}

/// The notifications of `user`: (kind, link), oldest first.
async fn notifications_of(app: &TestApp, user: i64) -> Vec<(String, String)> {
    sqlx::query_as("select kind, link from notifications where user_id = $1 order by id")
        .bind(user)
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

#[tokio::test]
async fn everyone_an_appeal_concerns_hears_of_it_and_the_employee_by_email_in_their_language() {
    use jobclass::notifications::sender::{self, Settings};
    let smtp = crate::support::smtp::SmtpSink::start().await;
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let id = case.id;
    let decider_id = case.decider_actor.user_id;
    let link = share(&case.manager, id).await;

    // The employee appeals in French through the link.
    let employee = app.anonymous().await;
    let (status, _) = employee.page(&format!("{link}/appeal?lang=fr")).await;
    assert_eq!(status, StatusCode::OK);
    let response = employee
        .post(
            &format!("{link}/appeal"),
            &[
                ("name", "Anne Dubois"),
                ("email", "anne@example.be"),
                ("grounds-0", GROUNDS),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    // The appeals queue hears of it; the officer who decided does not.
    let queue_link = format!("/review/appeals/{id}");
    assert!(
        notifications_of(&app, case.second.user_id)
            .await
            .contains(&("appeal_lodged".into(), queue_link.clone()))
    );
    assert!(
        !notifications_of(&app, decider_id)
            .await
            .iter()
            .any(|(kind, _)| kind == "appeal_lodged")
    );

    // The officer asks: the employee gets an e-mail with a link of their own.
    let response = case
        .second
        .post(
            &format!("/review/appeals/{id}/ask"),
            &[("text", "Quels problèmes résolvez-vous seule ?")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let mut config = jobclass::config::Config::for_data_dir("/nonexistent".into());
    config.smtp_url = Some(smtp.url());
    config.public_url = Some("https://portal.example.be".into());
    let quick = Settings {
        poll: std::time::Duration::from_millis(100),
        ..Settings::default()
    };
    let running = sender::spawn(app.pool.clone(), &config, quick).unwrap();
    let wait = std::time::Duration::from_secs(20);
    let to_anne = |messages: Vec<Value>| -> Vec<Value> {
        messages
            .into_iter()
            .filter(|m| m["rcpt_tos"][0] == "anne@example.be")
            .collect()
    };
    let mut question = Vec::new();
    for _ in 0..40 {
        question = to_anne(smtp.messages());
        if !question.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    assert_eq!(question.len(), 1, "{:#?}", smtp.messages());
    assert_eq!(question[0]["content_language"], "fr");
    let text = question[0]["text"].as_str().unwrap().to_string();
    let start = text
        .find("https://portal.example.be/shared/")
        .unwrap_or_else(|| panic!("no link in {text}"));
    let url: String = text[start..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect();
    assert!(url.ends_with("/appeal"), "{url}");
    let path = url.trim_start_matches("https://portal.example.be");
    // The link opens the appeal, where the employee answers.
    let (status, page) = employee.page(path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count("#answer"), 1);
    let response = employee
        .post(
            &format!("{path}/answer"),
            &[("text", "Les litiges de facturation, seule.")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert!(
        notifications_of(&app, case.second.user_id)
            .await
            .contains(&("appeal_answered".into(), queue_link))
    );

    // Decided: the manager hears in the portal, the employee by e-mail.
    let (status, _) = decide_appeal(&case.second_api, id, &changed_to_b()).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        notifications_of(&app, case.manager.user_id)
            .await
            .contains(&("appeal_decided".into(), format!("/positions/{id}/record")))
    );
    smtp.wait_for(1, wait).await;
    let mut mails = Vec::new();
    for _ in 0..80 {
        mails = to_anne(smtp.messages());
        if mails.len() == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
    running.abort();
    assert_eq!(mails.len(), 2, "{mails:#?}");
    let decided_text = mails[1]["text"].as_str().unwrap();
    assert!(
        decided_text.contains("https://portal.example.be/shared/"),
        "{decided_text}"
    );
    assert!(decided_text.contains('B'), "{decided_text}");
}

#[tokio::test]
async fn an_appeal_refused_announces_nothing() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let before = app.count("notifications").await;
    let (status, _) = lodge(&case.manager_api, case.id, &json!({"fit": "te kort"})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    app.clock.advance(time::Duration::days(40));
    let (status, _) = lodge(&case.manager_api, case.id, &appeal_on_kennis()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(app.count("notifications").await, before);
    assert_eq!(app.count("appeals").await, 0);
}

#[tokio::test]
async fn sharing_the_record_can_send_the_link_to_the_employee() {
    let app = TestApp::spawn().await;
    let case = decided(&app).await;
    let path = format!("/positions/{}/share", case.id);
    let (status, page) = case
        .manager
        .post_page(
            &path,
            &[("email", "geen adres"), ("name", "An"), ("language", "fr")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.text("#error-summary").contains("e-mailadres"));
    assert_eq!(page.value("#share-email"), "geen adres");
    assert_eq!(app.count("share_links").await, 0);

    let (status, page) = case
        .manager
        .post_page(
            &path,
            &[
                ("email", "an@example.be"),
                ("name", "An"),
                ("language", "fr"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let link = page.value("#share-link");
    let (kind, language, mailed): (String, String, String) =
        sqlx::query_as("select kind, language, link from outbox where email = 'an@example.be'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((kind.as_str(), language.as_str()), ("decided", "fr"));
    assert!(link.ends_with(&mailed), "{link} vs {mailed}");
}
