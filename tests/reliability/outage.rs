//! The database goes away while the portal serves a write load: stopped
//! (`pg_ctl stop -m fast`) or killed (kill -9 of the postmaster), then
//! started again. Nothing hangs, every answer in the outage is a 503 in the
//! asker's language, the portal recovers by itself, and the database holds
//! exactly what was acknowledged.

use std::time::{Duration, Instant};

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::cluster::TestCluster;
use crate::support::html::Page;
use crate::traffic::{self, Kind, Run};
use crate::verify::verify;
use crate::{portal, support};

/// Longest any request may take, outage or not.
const QUICK: Duration = Duration::from_secs(3);
/// How soon after the server is back requests must succeed again.
const RECOVERY: Duration = Duration::from_secs(2);
/// How long the database stays away.
const OUTAGE: Duration = Duration::from_secs(5);

#[derive(Clone, Copy, Debug)]
enum Fault {
    Stop,
    Kill,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_stopped_database_gives_quick_503s_and_loses_no_acknowledged_write() {
    outage(Fault::Stop).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_killed_database_gives_quick_503s_and_loses_no_acknowledged_write() {
    outage(Fault::Kill).await;
}

/// One answer of a probe.
struct Answer {
    status: StatusCode,
    retry_after: bool,
    body: String,
    elapsed: Duration,
}

async fn ask(request: reqwest::RequestBuilder) -> Answer {
    let started = Instant::now();
    let response = tokio::time::timeout(traffic::HUNG, request.send())
        .await
        .expect("a request hung")
        .expect("the portal answers");
    let status = response.status();
    let retry_after = response.headers().contains_key("retry-after");
    let body = response.text().await.unwrap();
    Answer {
        status,
        retry_after,
        body,
        elapsed: started.elapsed(),
    }
}

/// What every kind of visitor gets while the database is away.
async fn probe_outage(
    app: &support::TestApp,
    hr: &support::actors::Actor,
    token: &str,
    first: bool,
) -> usize {
    let mut asked = 0;
    let check_page = |answer: &Answer, lang: &str, title: &str, what: &str| {
        assert_eq!(
            answer.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{what} after {:?}: {}",
            answer.elapsed,
            answer.body
        );
        assert!(answer.retry_after, "{what}: no Retry-After");
        let page = Page::parse(&answer.body);
        assert_eq!(page.one("html").value().attr("lang"), Some(lang), "{what}");
        assert_eq!(page.text("h1"), title, "{what}");
    };
    let check_json = |answer: &Answer, what: &str| {
        assert_eq!(
            answer.status,
            StatusCode::SERVICE_UNAVAILABLE,
            "{what}: {}",
            answer.body
        );
        assert!(answer.retry_after, "{what}: no Retry-After");
        let body: Value = serde_json::from_str(&answer.body).expect("a JSON error");
        assert_eq!(body["error"]["code"], "unavailable", "{what}");
    };

    // Readiness.
    let answer = ask(app.client.get(app.url("/readyz"))).await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    asked += 1;
    // Liveness does not depend on the database.
    let answer = ask(app.client.get(app.url("/healthz"))).await;
    assert_eq!(answer.status, StatusCode::OK);
    asked += 1;
    // An anonymous page, in French.
    let anonymous = support::client();
    let answer = ask(anonymous.get(app.url("/?lang=fr"))).await;
    check_page(
        &answer,
        "fr",
        "Temporairement indisponible",
        "catalogue (fr)",
    );
    asked += 1;
    // The login form writes a new session (the store fails after the
    // page). Once: sign-in requests are rate-limited per address.
    if first {
        let answer = ask(support::client()
            .get(app.url("/login"))
            .header("accept-language", "en"))
        .await;
        check_page(&answer, "en", "Temporarily unavailable", "login form (en)");
        asked += 1;
    }
    // A signed-in page: the session itself cannot be read.
    let answer = ask(hr.client.get(hr.url("/review"))).await;
    check_page(
        &answer,
        "nl",
        "Tijdelijk niet beschikbaar",
        "review queue (nl)",
    );
    asked += 1;
    // A form post with a session.
    let answer = ask(hr
        .client
        .post(hr.url("/positions/new"))
        .form(&[("csrf_token", hr.csrf.as_str()), ("profile", "x")]))
    .await;
    assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
    asked += 1;
    // The API, read and write.
    let api = support::client();
    let answer = ask(api.get(app.url("/api/v1/positions")).bearer_auth(token)).await;
    check_json(&answer, "API list");
    asked += 1;
    let answer = ask(api
        .post(app.url("/api/v1/positions"))
        .bearer_auth(token)
        .json(&support::api::position_body("probe")))
    .await;
    check_json(&answer, "API create");
    asked += 1;
    let answer = ask(api.get(app.url("/api/v1/profiles"))).await;
    check_json(&answer, "API catalogue");
    asked += 1;
    asked
}

/// Until readiness, a signed-in page and the API all answer 200.
async fn wait_recovered(
    app: &support::TestApp,
    hr: &support::actors::Actor,
    token: &str,
) -> Duration {
    let back = Instant::now();
    let api = support::client();
    loop {
        let ready = ask(app.client.get(app.url("/readyz"))).await.status == StatusCode::OK
            && ask(hr.client.get(hr.url("/review"))).await.status == StatusCode::OK
            && ask(api.get(app.url("/api/v1/positions")).bearer_auth(token))
                .await
                .status
                == StatusCode::OK;
        if ready {
            return back.elapsed();
        }
        assert!(
            back.elapsed() < RECOVERY * 5,
            "the portal did not recover from the outage"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn outage(fault: Fault) {
    let _alone = crate::one_at_a_time().await;
    let cluster = TestCluster::start().await;
    let app = portal::in_process(&cluster, 16).await;
    let hr = app.login_as(Role::Hr).await;
    let hr_token = hr.api_token().await;

    // The write load: three managers on the API, two on the form.
    let run = Run::default();
    let (mut tasks, api_owners) = traffic::writers(&app, 3, 2, &run).await;
    // And readers: HR's pages, the API, the public catalogue.
    let pages: Vec<String> = ["/review", "/review/dashboard", "/positions/new", "/"]
        .map(String::from)
        .to_vec();
    tasks.push(tokio::spawn(traffic::reader(
        hr.client.clone(),
        hr.base.clone(),
        None,
        pages,
        run.clone(),
    )));
    tasks.push(tokio::spawn(traffic::reader(
        support::client(),
        hr.base.clone(),
        Some(hr_token.clone()),
        vec!["/api/v1/positions".into(), "/api/v1/profiles".into()],
        run.clone(),
    )));

    tokio::time::sleep(Duration::from_secs(2)).await;
    match fault {
        Fault::Stop => cluster.stop().await,
        Fault::Kill => cluster.kill().await,
    }
    let down = Instant::now();
    let mut probes = 0;
    while down.elapsed() < OUTAGE {
        probes += probe_outage(&app, &hr, &hr_token, probes == 0).await;
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // (The server accepts connections a little before `pg_ctl start -w`
    // returns: the outage ends when the restart begins.)
    let restarting = Instant::now();
    cluster.restart().await;
    let up = Instant::now();
    let recovered = wait_recovered(&app, &hr, &hr_token).await;
    assert!(
        recovered < RECOVERY,
        "requests succeeded again only {recovered:?} after the server was back"
    );
    tokio::time::sleep(Duration::from_secs(2)).await;
    run.finish();
    for task in tasks {
        task.await.unwrap();
    }

    let records = run.records().await;
    let slowest = records.iter().map(|r| r.elapsed).max().unwrap();
    for r in &records {
        assert!(r.status.is_some(), "no answer: {r:?}");
        assert!(r.elapsed < QUICK, "slow answer: {r:?}");
        assert_ne!(r.status, Some(500), "{r:?}");
        // Wholly inside the outage: a 503 (a write's second step may not
        // even be tried; the first ones all fail).
        if r.started > down && r.started + r.elapsed < restarting {
            assert_eq!(r.status, Some(503), "during the outage: {r:?}");
        }
        // Back to normal within RECOVERY of the restart, without the
        // portal's help (connections broken by the outage are dropped).
        if r.started > up + RECOVERY {
            assert!(r.status.is_some_and(|s| s < 500), "after the outage: {r:?}");
        }
    }
    let before = records
        .iter()
        .filter(|r| r.acknowledged() && r.started + r.elapsed < down)
        .count();
    let after = records
        .iter()
        .filter(|r| r.acknowledged() && r.started > up)
        .count();
    let in_outage = records
        .iter()
        .filter(|r| r.started > down && r.started + r.elapsed < restarting)
        .count();
    assert!(
        before > 0 && after > 0,
        "writes before {before}, after {after}"
    );
    assert!(in_outage > 0);
    let tally = verify(&app.pool, &records, &api_owners).await;
    let reads = records.iter().filter(|r| r.kind == Kind::Read).count();
    println!(
        "outage ({fault:?}, {OUTAGE:?}): {tally}; {reads} reads; {in_outage} requests inside the outage, all 503; \
         {probes} probes; slowest answer {slowest:?}; back to normal {recovered:?} after the server; \
         acknowledged writes before {before}, after {after}"
    );
}
