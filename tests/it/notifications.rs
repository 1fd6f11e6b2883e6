//! Notifications: written with the change they announce (an outbox), shown
//! in the portal and the API, and delivered by e-mail over a real SMTP
//! server (aiosmtpd, `support::smtp`) by the background sender.

use std::path::PathBuf;
use std::time::Duration;

use jobclass::auth::model::Role;
use jobclass::config::Config;
use jobclass::notifications::sender::{self, NO_SERVER, Sender, Settings};
use jobclass::notifications::{Kind, Recipient, notify};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::support::TestApp;
use crate::support::actors::Actor;
use crate::support::api::{Api, decided_position, submitted_position};
use crate::support::smtp::SmtpSink;

const PUBLIC: &str = "https://portal.example.be";
const WAIT: Duration = Duration::from_secs(20);

/// The sender's configuration: `smtp` (if any) and the public URL.
fn config(smtp: Option<String>) -> Config {
    let mut config = Config::for_data_dir(PathBuf::from("/nonexistent"));
    config.smtp_url = smtp;
    config.public_url = Some(PUBLIC.to_string());
    config.mail_from = "jobclass <noreply@portal.example.be>".to_string();
    config
}

/// A sender that looks often and retries soon (tests do not wait minutes).
fn quick() -> Settings {
    Settings {
        poll: Duration::from_millis(100),
        base_delay: Duration::from_millis(300),
        ..Settings::default()
    }
}

/// Submits, claims and decides a position at level C; its id.
async fn decided(manager: &Api, hr: &Api, title: &str) -> i64 {
    decided_position(manager, hr, title, "C").await
}

async fn decide(hr: &Api, id: i64) -> (StatusCode, Value) {
    hr.post(
        &format!("/api/v1/positions/{id}/decision"),
        Some(
            &json!({"level": "C", "rationale": "Het werk past bij de beschrijving van niveau C."}),
        ),
    )
    .await
}

/// The e-mails of the outbox to `email`: (kind, status, language).
async fn outbox_of(app: &TestApp, email: &str) -> Vec<(String, String, String)> {
    sqlx::query_as("select kind, status::text, language from outbox where email = $1 order by id")
        .bind(email)
        .fetch_all(&app.pool)
        .await
        .unwrap()
}

/// Waits (up to `WAIT`) until `n` outbox rows are marked sent.
async fn wait_sent(app: &TestApp, n: i64) {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let sent: i64 = sqlx::query_scalar("select count(*) from outbox where status = 'sent'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        if sent >= n || tokio::time::Instant::now() > deadline {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// The Message-ID the outbox row of `kind` to `email` must carry.
async fn expected_message_id(app: &TestApp, email: &str, kind: &str) -> String {
    let (id, token): (i64, uuid::Uuid) =
        sqlx::query_as("select id, token from outbox where email = $1 and kind = $2")
            .bind(email)
            .bind(kind)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    format!(
        "<{}>",
        jobclass::notifications::mail::message_id(id, &token, PUBLIC)
    )
}

fn to(message: &Value) -> String {
    message["rcpt_tos"][0].as_str().unwrap_or("").to_string()
}

async fn set_preferences(actor: &Actor, language: &str, email_on: &[&str]) {
    let mut fields = vec![("language".to_string(), language.to_string())];
    for kind in email_on {
        fields.push((format!("email-{kind}"), "on".to_string()));
    }
    let response = actor.post_fields("/account/notifications", &fields).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_decision_arrives_by_email_in_the_managers_language_with_both_parts_and_an_absolute_link()
{
    let smtp = SmtpSink::start().await;
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    set_preferences(&manager, "fr", &["decided", "returned"]).await;
    let (m, h) = (manager.api().await, hr.api().await);
    let id = decided(&m, &h, "Onthaal en post").await;

    let running = sender::spawn(app.pool.clone(), &config(Some(smtp.url())), quick()).unwrap();
    // HR heard of the submission (in Dutch, the default), the manager of the decision.
    let messages = smtp.wait_for(2, WAIT).await;
    // The server has the mails; the sender marks them sent just after.
    wait_sent(&app, 2).await;
    running.abort();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    let to_hr = messages.iter().find(|m| to(m) == hr.email).unwrap();
    assert_eq!(to_hr["subject"], "Functie ingediend: Onthaal en post");
    assert!(
        to_hr["text"]
            .as_str()
            .unwrap()
            .contains(&format!("{PUBLIC}/review/{id}"))
    );
    let mail = messages.iter().find(|m| to(m) == manager.email).unwrap();
    assert_eq!(mail["subject"], "Décision sur Onthaal en post : niveau C");
    assert_eq!(mail["content_type"], "multipart/alternative");
    assert_eq!(mail["content_language"], "fr");
    assert!(
        mail["from"]
            .as_str()
            .unwrap()
            .contains("noreply@portal.example.be")
    );
    let link = format!("{PUBLIC}/positions/{id}/record");
    let text = mail["text"].as_str().unwrap();
    assert!(text.contains(&link), "{text}");
    assert!(text.contains("Les RH ont décidé du niveau"), "{text}");
    let html = mail["html"].as_str().unwrap();
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    assert!(html.contains("<html lang=\"fr\">"), "{html}");
    assert_eq!(
        mail["message_id"],
        expected_message_id(&app, &manager.email, "decided").await
    );
    assert_eq!(
        outbox_of(&app, &manager.email).await,
        vec![("decided".into(), "sent".into(), "fr".into())]
    );
}

#[tokio::test]
async fn a_mail_waits_while_the_server_is_down_and_arrives_once_with_the_same_message_id() {
    let port = crate::support::free_port();
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    submitted_position(&manager.api().await, "Onthaal").await;

    let url = format!("smtp://127.0.0.1:{port}");
    let running = sender::spawn(app.pool.clone(), &config(Some(url)), quick()).unwrap();
    // Nothing listens: the attempt fails, is counted and will be retried.
    let mut tries = 0;
    for _ in 0..200 {
        let (attempts, error): (i32, Option<String>) =
            sqlx::query_as("select attempts, last_error from outbox where email = $1")
                .bind(&hr.email)
                .fetch_one(&app.pool)
                .await
                .unwrap();
        if attempts >= 2 && error.is_some() {
            tries = attempts;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(tries >= 2, "the sender did not try twice");
    assert_eq!(outbox_of(&app, &hr.email).await[0].1, "pending");

    let smtp = SmtpSink::start_on(port).await;
    let messages = smtp.wait_for(1, WAIT).await;
    // Give a duplicate time to show up.
    tokio::time::sleep(Duration::from_secs(2)).await;
    running.abort();
    let messages = if smtp.messages().len() > messages.len() {
        smtp.messages()
    } else {
        messages
    };
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert_eq!(to(&messages[0]), hr.email);
    assert_eq!(
        messages[0]["message_id"],
        expected_message_id(&app, &hr.email, "submitted").await
    );
    let (status, attempts, error): (String, i32, Option<String>) =
        sqlx::query_as("select status::text, attempts, last_error from outbox where email = $1")
            .bind(&hr.email)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), error), ("sent", None));
    assert!(attempts > tries, "{attempts} attempts");
}

#[tokio::test]
async fn two_instances_sending_at_once_send_every_mail_exactly_once() {
    let smtp = SmtpSink::start().await;
    let app = TestApp::spawn().await;
    let other = app.another_instance().await;
    let addresses: Vec<Recipient> = (0..60)
        .map(|i| Recipient::Address {
            email: format!("employee-{i}@example.be"),
            name: format!("Employee {i}"),
            language: ["nl", "fr", "en"][i % 3].to_string(),
        })
        .collect();
    let mut tx = app.pool.begin().await.unwrap();
    notify(
        &mut tx,
        Kind::Decided,
        "/shared/abc",
        json!({"title": "Onthaal", "level": "B", "id": 1}),
        None,
        &addresses,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();

    let settings = Settings {
        batch: 4,
        ..quick()
    };
    let config = config(Some(smtp.url()));
    let senders = [
        sender::spawn(app.pool.clone(), &config, settings.clone()).unwrap(),
        sender::spawn(other.pool.clone(), &config, settings.clone()).unwrap(),
        sender::spawn(other.pool.clone(), &config, settings).unwrap(),
    ];
    smtp.wait_for(60, WAIT).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    for s in &senders {
        s.abort();
    }
    let messages = smtp.messages();
    assert_eq!(messages.len(), 60);
    let mut ids: Vec<String> = messages
        .iter()
        .map(|m| m["message_id"].as_str().unwrap().to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 60, "a Message-ID went out twice");
    let mut recipients: Vec<String> = messages.iter().map(to).collect();
    recipients.sort();
    recipients.dedup();
    assert_eq!(recipients.len(), 60);
    let sent: i64 =
        sqlx::query_scalar("select count(*) from outbox where status = 'sent' and attempts = 1")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(sent, 60);
    // Each in its own language.
    let english = messages
        .iter()
        .find(|m| to(m) == "employee-2@example.be")
        .unwrap();
    assert_eq!(english["subject"], "Decision on Onthaal: level B");
    assert!(
        english["text"]
            .as_str()
            .unwrap()
            .contains("Dear Employee 2,")
    );
    assert!(
        english["text"]
            .as_str()
            .unwrap()
            .contains("https://portal.example.be/shared/abc")
    );
}

#[tokio::test]
async fn what_rolls_back_announces_nothing_and_two_decisions_at_once_announce_one() {
    let smtp = SmtpSink::start().await;
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;

    // Written, then rolled back: no notification, no e-mail.
    let mut tx = app.pool.begin().await.unwrap();
    notify(
        &mut tx,
        Kind::Returned,
        "/positions/1",
        json!({"title": "x", "id": 1}),
        None,
        &[Recipient::User(manager.user_id)],
    )
    .await
    .unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(app.count("notifications").await, 0);
    assert_eq!(app.count("outbox").await, 0);

    // Two officers decide at once: one decision, one announcement; the
    // refused one (409) rolled back its notification with it.
    let hr = app.login_as(Role::Hr).await;
    let hr2 = app.login_as(Role::Hr).await;
    let (m, h, h2) = (manager.api().await, hr.api().await, hr2.api().await);
    let id = submitted_position(&m, "Onthaal").await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/claim"),
        None,
        StatusCode::OK,
    )
    .await;
    let (first, second) = tokio::join!(decide(&h, id), decide(&h2, id));
    let mut statuses = [first.0, second.0];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::OK, StatusCode::CONFLICT],
        "{first:?} {second:?}"
    );
    let decided: i64 =
        sqlx::query_scalar("select count(*) from notifications where kind = 'decided'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(decided, 1);

    let running = sender::spawn(app.pool.clone(), &config(Some(smtp.url())), quick()).unwrap();
    // The submission to both officers, the decision to the manager.
    smtp.wait_for(3, WAIT).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    running.abort();
    let to_manager: Vec<Value> = smtp
        .messages()
        .into_iter()
        .filter(|m| to(m) == manager.email)
        .collect();
    assert_eq!(to_manager.len(), 1);
    assert_eq!(smtp.messages().len(), 3);
}

#[tokio::test]
async fn without_a_mail_server_emails_are_kept_marked_not_sent_and_go_once_one_is_configured() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let admin = app.login_as(Role::Admin).await;
    submitted_position(&manager.api().await, "Onthaal").await;

    let unconfigured = Sender::new(app.pool.clone(), &config(None), quick()).unwrap();
    assert_eq!(unconfigured.deliver_due().await.unwrap().sent, 0);
    let (status, error): (String, Option<String>) =
        sqlx::query_as("select status::text, last_error from outbox where email = $1")
            .bind(&hr.email)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (status.as_str(), error.as_deref()),
        ("pending", Some(NO_SERVER))
    );

    let (code, page) = admin.page("/admin/outbox").await;
    assert_eq!(code, StatusCode::OK);
    let table = page.text("table.outbox");
    assert!(table.contains(&hr.email), "{table}");
    assert!(
        table.contains("niet verzonden: geen mailserver ingesteld"),
        "{table}"
    );
    assert!(
        table.contains("Een functie werd ingediend bij HR"),
        "{table}"
    );
    let (code, _) = hr.page("/admin/outbox").await;
    assert_eq!(code, StatusCode::FORBIDDEN);

    // The metric counts it.
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("jobclass_outbox_pending ") && !l.ends_with(" 0")),
        "{metrics}"
    );

    // Nothing was lost: with a server, it goes.
    let smtp = SmtpSink::start().await;
    let configured = Sender::new(app.pool.clone(), &config(Some(smtp.url())), quick()).unwrap();
    assert_eq!(configured.deliver_due().await.unwrap().sent, 1);
    let messages = smtp.wait_for(1, WAIT).await;
    assert_eq!(to(&messages[0]), hr.email);
    let (_, page) = admin.page("/admin/outbox").await;
    assert!(page.text("table.outbox").contains("verzonden"));
}

#[tokio::test]
async fn the_portal_lists_notifications_newest_first_counts_unread_in_the_header_and_marks_them_read()
 {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let (m, h) = (manager.api().await, hr.api().await);
    let id = submitted_position(&m, "Onthaal").await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/claim"),
        None,
        StatusCode::OK,
    )
    .await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/return"),
        Some(&json!({"message": "Hoeveel bezoekers per dag?"})),
        StatusCode::OK,
    )
    .await;
    // The manager answers: the officer who asked hears of it.
    m.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/comments"),
        Some(&json!({"body": "Ongeveer veertig."})),
        StatusCode::CREATED,
    )
    .await;
    let other = decided(&m, &h, "Balie").await;

    let (_, page) = manager.page("/notifications").await;
    let items = page.texts("li.notification a");
    assert_eq!(
        items,
        [
            "Beslissing over Balie: niveau C",
            "Vraag over uw functie: Onthaal"
        ]
    );
    assert_eq!(page.count("li.notification.unread"), 2);
    assert_eq!(
        page.one("li.notification a").value().attr("href"),
        Some(format!("/positions/{other}/record").as_str())
    );
    assert_eq!(page.text("a.notification-count"), "Meldingen (2 ongelezen)");
    let (_, hr_page) = hr.page("/notifications").await;
    assert!(
        hr_page
            .texts("li.notification a")
            .contains(&"Antwoord over een functie: Onthaal".to_string())
    );

    // The API: the same, newest first.
    let (status, body) = m.get("/api/v1/notifications").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["unread"], 2);
    let list = body["notifications"].as_array().unwrap();
    assert_eq!(list[0]["kind"], "decided");
    assert_eq!(list[1]["kind"], "returned");
    assert_eq!(list[1]["link"], format!("/positions/{id}"));
    assert!(list[0]["read_at"].is_null());

    // Marking one read: the header counts one; another's is not theirs.
    let one = list[1]["id"].as_i64().unwrap();
    let (_, hr_list) = h.get("/api/v1/notifications").await;
    let hrs = hr_list["notifications"][0]["id"].as_i64().unwrap();
    assert_eq!(
        manager
            .post(&format!("/notifications/{hrs}/read"), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        manager
            .post(&format!("/notifications/{one}/read"), &[])
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = manager.page("/notifications").await;
    assert_eq!(page.text("a.notification-count"), "Meldingen (1 ongelezen)");
    assert_eq!(page.count("li.notification.unread"), 1);
    let (_, body) = m.get("/api/v1/notifications").await;
    assert!(body["notifications"][1]["read_at"].is_string());

    // All read: the header says no number; a form without its token is refused.
    let refused = manager
        .client
        .post(manager.url("/notifications/read"))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        manager.post("/notifications/read", &[]).await.status(),
        StatusCode::SEE_OTHER
    );
    let (_, page) = manager.page("/notifications").await;
    assert_eq!(page.text("a.notification-count"), "Meldingen");
    assert_eq!(page.count("li.notification.unread"), 0);
    assert_eq!(app.audit_count("notifications.read").await, 2);
}

#[tokio::test]
async fn a_kind_turned_off_reaches_the_portal_but_not_the_mailbox_and_mails_follow_the_language() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    // E-mail is on for every kind by default.
    let (_, account) = manager.page("/account").await;
    assert_eq!(
        account.count("#notify-h ~ form input[type=checkbox][checked]"),
        Kind::ALL.len()
    );
    set_preferences(&manager, "en", &["decided"]).await;
    let (_, account) = manager.page("/account").await;
    assert_eq!(account.count("input[name=email-returned][checked]"), 0);
    assert_eq!(account.count("input[name=email-decided][checked]"), 1);
    assert_eq!(
        account
            .one("#mail-language option[selected]")
            .value()
            .attr("value"),
        Some("en")
    );

    let (m, h) = (manager.api().await, hr.api().await);
    let id = submitted_position(&m, "Onthaal").await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/claim"),
        None,
        StatusCode::OK,
    )
    .await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/return"),
        Some(&json!({"message": "Hoeveel bezoekers per dag?"})),
        StatusCode::OK,
    )
    .await;
    decided(&m, &h, "Balie").await;
    let (_, page) = manager.page("/notifications").await;
    assert_eq!(page.count("li.notification"), 2);
    assert_eq!(
        outbox_of(&app, &manager.email).await,
        vec![("decided".into(), "pending".into(), "en".into())]
    );

    let smtp = SmtpSink::start().await;
    let sender = Sender::new(app.pool.clone(), &config(Some(smtp.url())), quick()).unwrap();
    sender.deliver_due().await.unwrap();
    let mail = smtp
        .wait_for(3, WAIT)
        .await
        .into_iter()
        .find(|m| to(m) == manager.email)
        .unwrap();
    assert_eq!(mail["subject"], "Decision on Balie: level C");

    // A language that is not offered is refused, nothing changed.
    let response = manager
        .post("/account/notifications", &[("language", "de")])
        .await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let language: String = sqlx::query_scalar("select language from users where id = $1")
        .bind(manager.user_id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(language, "en");
}

#[tokio::test]
async fn hr_officers_get_one_digest_a_day_of_positions_waiting_too_long() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let hr2 = app.login_as(Role::Hr).await;
    let (m, h) = (manager.api().await, hr.api().await);
    let waiting = submitted_position(&m, "Onthaal").await;
    let claimed = submitted_position(&m, "Balie").await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{claimed}/claim"),
        None,
        StatusCode::OK,
    )
    .await;
    decided(&m, &h, "Post").await;

    // Ten days on nothing is waiting longer than ten days.
    let digest = jobclass::notifications::digest::run_once;
    app.clock.advance(time::Duration::days(11));
    assert_eq!(
        digest(&app.pool, app.clock.now(), 10).await.unwrap(),
        Some(2)
    );
    // Run again the same day (another instance, say): nothing more.
    assert_eq!(digest(&app.pool, app.clock.now(), 10).await.unwrap(), None);

    let rows: Vec<(i64, Value)> = sqlx::query_as(
        "select user_id, params from notifications where kind = 'reminder' order by user_id",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let of = |user: i64| rows.iter().find(|(u, _)| *u == user).unwrap().1.clone();
    // The claimer waits on both; the other officer on the unclaimed one.
    let mine = of(hr.user_id);
    assert_eq!(mine["count"], 2);
    let links: Vec<&str> = mine["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["link"].as_str().unwrap())
        .collect();
    assert_eq!(
        links,
        [format!("/review/{waiting}"), format!("/review/{claimed}")]
    );
    assert_eq!(of(hr2.user_id)["count"], 1);
    let (_, page) = hr2.page("/notifications").await;
    assert!(
        page.texts("li.notification a")
            .contains(&"1 functie wacht langer dan 10 dagen".to_string()),
        "{:?}",
        page.texts("li.notification a")
    );
}

#[tokio::test]
async fn a_digest_lists_a_waiting_position_to_the_officers_who_would_have_been_told_of_it() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let of_x_service = app
        .create_user("hr-x9@test.example", Role::Hr, "FOD X / Dienst 9")
        .await;
    let of_y = app
        .create_user("hr-y@test.example", Role::Hr, "FOD Y")
        .await;
    let m = manager.api().await;
    let in_x = submitted_in(&m, "FOD X / Dienst 2").await;
    let in_y = submitted_in(&m, "fod y / Dienst 1").await;
    let in_z = submitted_in(&m, "FOD Z").await;
    assert_eq!(told_of(&app, in_x).await, [of_x_service]);

    app.clock.advance(time::Duration::days(11));
    let sent = jobclass::notifications::digest::run_once(&app.pool, app.clock.now(), 10)
        .await
        .unwrap();
    assert_eq!(sent, Some(2));
    let links = |user: i64| {
        let pool = app.pool.clone();
        async move {
            let params: Value = sqlx::query_scalar(
                "select params from notifications where kind = 'reminder' and user_id = $1",
            )
            .bind(user)
            .fetch_one(&pool)
            .await
            .unwrap();
            let mut links: Vec<String> = params["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i["link"].as_str().unwrap().to_string())
                .collect();
            links.sort();
            links
        }
    };
    // FOD X's position by organisation, FOD Y's by unit, FOD Z's (no
    // officer of its organisation) to both.
    let mut x = vec![format!("/review/{in_x}"), format!("/review/{in_z}")];
    x.sort();
    let mut y = vec![format!("/review/{in_y}"), format!("/review/{in_z}")];
    y.sort();
    assert_eq!(links(of_x_service).await, x);
    assert_eq!(links(of_y).await, y);
}

#[tokio::test]
async fn admins_hear_of_a_published_draft_and_requesters_of_an_answer() {
    let app = TestApp::spawn().await;
    let admin = app.login_as(Role::Admin).await;
    let other_admin = app.login_as(Role::Admin).await;
    let manager = app.login_as(Role::Manager).await;
    let slug = crate::support::api::SLUG;

    let response = manager
        .post(
            &format!("/profiles/{slug}/requests"),
            &[
                ("part", "Kennis"),
                ("proposal", "Meer"),
                ("reason", "Omdat"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let request: i64 = sqlx::query_scalar("select id from change_requests")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let response = admin
        .post(
            &format!("/admin/requests/{request}/close"),
            &[("answer", "Komt in de volgende versie.")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = manager.page("/notifications").await;
    assert_eq!(
        page.texts("li.notification a"),
        ["Uw wijzigingsverzoek is beantwoord: Kennis"]
    );
    assert_eq!(
        page.one("li.notification a").value().attr("href"),
        Some("/account")
    );

    let response = admin
        .post(&format!("/admin/profiles/{slug}/draft"), &[])
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, editor) = admin.page(&format!("/admin/profiles/{slug}/draft")).await;
    let revision = editor.revision();
    let response = admin
        .post(
            &format!("/admin/profiles/{slug}/draft/publish"),
            &[("revision", &revision), ("change_note", "Niets gewijzigd")],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (_, page) = other_admin.page("/notifications").await;
    let texts = page.texts("li.notification a");
    assert_eq!(texts.len(), 1, "{texts:?}");
    assert!(
        texts[0].starts_with("Profiel gepubliceerd: ") && texts[0].ends_with("(versie 2)"),
        "{texts:?}"
    );
    // Not the admin who published it.
    let (_, page) = admin.page("/notifications").await;
    assert_eq!(page.count("li.notification"), 0);
}

#[tokio::test]
async fn a_shared_decision_can_tell_the_employee_by_email_with_the_link() {
    use jobclass::positions::actions;
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let id = decided(&manager.api().await, &hr.api().await, "Onthaal").await;

    let state = jobclass::app::AppState::new(app.pool.clone(), config(None));
    let user = jobclass::auth::model::CurrentUser {
        id: manager.user_id,
        email: manager.email.clone(),
        name: "Manager".into(),
        role: Role::Manager,
        unit: String::new(),
        session: None,
    };
    let client = jobclass::web::client::Client::system("test");
    let view = actions::load(&state, &user, id).await.unwrap();
    let employee = jobclass::notifications::Employee {
        email: "an.peeters@example.be".into(),
        name: "An Peeters".into(),
        language: "fr".into(),
    };
    let token = actions::share_telling(&state, &user, &client, &view, Some(&employee))
        .await
        .unwrap();

    let smtp = SmtpSink::start().await;
    let sender = Sender::new(app.pool.clone(), &config(Some(smtp.url())), quick()).unwrap();
    sender.deliver_due().await.unwrap();
    let mails = smtp.wait_for(3, WAIT).await;
    let mail = mails
        .iter()
        .find(|m| to(m) == "an.peeters@example.be")
        .unwrap();
    assert_eq!(mail["subject"], "Décision sur Onthaal : niveau C");
    assert!(
        mail["text"]
            .as_str()
            .unwrap()
            .contains("Bonjour An Peeters,")
    );
    let link = format!("{PUBLIC}/shared/{token}");
    assert!(mail["text"].as_str().unwrap().contains(&link));
    // The link works, and no account got a notification for the address.
    let (status, _) = app.page(&format!("/shared/{token}")).await;
    assert_eq!(status, StatusCode::OK);
    let notified: i64 =
        sqlx::query_scalar("select count(*) from notifications where kind = 'decided'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(notified, 1);
}

/// Submits a new position of `unit` through the API; its id.
async fn submitted_in(m: &Api, unit: &str) -> i64 {
    let mut body = crate::support::api::position_body("Onthaal");
    body["unit"] = json!(unit);
    let created = m
        .expect(
            Method::POST,
            "/api/v1/positions",
            Some(&body),
            StatusCode::CREATED,
        )
        .await;
    let id = created["id"].as_i64().unwrap();
    m.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/submit"),
        None,
        StatusCode::OK,
    )
    .await;
    id
}

/// Who was told of the submission of `id`.
async fn told_of(app: &TestApp, id: i64) -> Vec<i64> {
    sqlx::query_scalar(
        "select user_id from notifications where kind = 'submitted' and link = $1 order by user_id",
    )
    .bind(format!("/review/{id}"))
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_submission_goes_to_the_officers_of_its_unit_else_of_its_organisation_else_to_all() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let of_x = app
        .create_user("hr-x@test.example", Role::Hr, "FOD X")
        .await;
    let of_x_service = app
        .create_user("hr-x9@test.example", Role::Hr, "FOD X / Dienst 9")
        .await;
    let of_y_service = app
        .create_user("hr-y1@test.example", Role::Hr, "FOD Y / Dienst 1")
        .await;
    let m = manager.api().await;
    // "FOD X / Dienst 2" is within FOD X: its officers, not Dienst 9's.
    let id = submitted_in(&m, "fod x / Dienst 2").await;
    assert_eq!(told_of(&app, id).await, [of_x]);
    // No officer of "FOD Y / Dienst 5" or above: those of FOD Y.
    let id = submitted_in(&m, "FOD Y / Dienst 5").await;
    assert_eq!(told_of(&app, id).await, [of_y_service]);
    // An organisation without officers: every officer.
    let id = submitted_in(&m, "FOD Z / Dienst 1").await;
    assert_eq!(told_of(&app, id).await, [of_x, of_x_service, of_y_service]);
}

#[tokio::test]
async fn the_header_count_follows_new_notifications_on_an_instance_that_keeps_sessions() {
    let app = TestApp::spawn_listening().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let m = manager.api().await;
    // HR works on another instance: only the database's notice can tell
    // this one that the manager's kept session is out of date.
    let other = app.another_instance().await;
    let h = Api::new(&other.url(""), &hr.api().await.token);
    let id = submitted_position(&m, "Onthaal").await;
    // Kept now (the instance hears notices).
    for _ in 0..3 {
        let (_, page) = manager.page("/positions").await;
        assert_eq!(page.text("a.notification-count"), "Meldingen");
    }
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/claim"),
        None,
        StatusCode::OK,
    )
    .await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{id}/return"),
        Some(&json!({"message": "Hoeveel bezoekers per dag?"})),
        StatusCode::OK,
    )
    .await;
    let mut text = String::new();
    for _ in 0..100 {
        let (_, page) = manager.page("/positions").await;
        text = page.text("a.notification-count");
        if text != "Meldingen" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(text, "Meldingen (1 ongelezen)");
}

#[tokio::test]
async fn a_mail_that_keeps_failing_is_given_up_and_shown_as_failed_to_admins() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let admin = app.login_as(Role::Admin).await;
    submitted_position(&manager.api().await, "Onthaal").await;
    // Nothing ever listens on this port.
    let url = format!("smtp://127.0.0.1:{}", crate::support::free_port());
    let settings = Settings {
        max_attempts: 3,
        base_delay: Duration::from_millis(50),
        ..quick()
    };
    let sender = Sender::new(app.pool.clone(), &config(Some(url)), settings).unwrap();
    let mut status = String::new();
    for _ in 0..100 {
        sender.deliver_due().await.unwrap();
        status = sqlx::query_scalar("select status::text from outbox where email = $1")
            .bind(&hr.email)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        if status != "pending" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(status, "failed");
    let attempts: i32 = sqlx::query_scalar("select attempts from outbox where email = $1")
        .bind(&hr.email)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(attempts, 3);
    // Given up: no further attempt.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sender.deliver_due().await.unwrap(), Default::default());
    let (_, page) = admin.page("/admin/outbox").await;
    let row = page.text("tr.outbox-failed");
    assert!(row.contains(&hr.email), "{row}");
    assert!(row.contains("mislukt (opgegeven)"), "{row}");
    assert!(row.contains('3'), "{row}");
    assert!(!page.text("tr.outbox-failed td.small").is_empty());
}
