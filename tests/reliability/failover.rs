//! Two instances behind nginx (`proxy::Pair`, the shipped configuration)
//! under a bounded load of page reads and API creations with an
//! `Idempotency-Key`:
//!
//! - one instance is killed (SIGKILL) mid-load and started again: no read
//!   fails through the proxy, and every acknowledged creation is in the
//!   database exactly once — the writers send a failed creation again with
//!   the same key, as a real client would. The instance hangs for a moment
//!   first (SIGSTOP), so that requests are surely on their way to it, cut
//!   off mid-way by the kill;
//! - a rolling restart (each instance in turn SIGTERM with
//!   `JOBCLASS_DRAIN_SECONDS`, drains, stops, starts again): the clients,
//!   who do not retry, see no error at all.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use jobclass::auth::model::Role;
use reqwest::StatusCode;
use serde_json::Value;

use crate::proxy::Pair;
use crate::support::api::{Api, SLUG, position_body};
use crate::support::{Database, TestApp};
use crate::traffic::{self, HUNG, Kind, Record, Run};

/// Drain period of the rolling restart: above the shipped upstream
/// `keepalive_timeout` (2 s), below its `fail_timeout` (5 s).
const DRAIN_SECONDS: &str = "3";
/// nginx's `fail_timeout` in the shipped configuration, and a margin.
const FAIL_TIMEOUT: Duration = Duration::from_secs(6);
/// Most attempts a retrying writer makes for one creation.
const ATTEMPTS: u32 = 40;

/// A handle on the pair as seen through the proxy (actors sign in there).
async fn through_proxy(pair: &Pair) -> TestApp {
    TestApp {
        addr: SocketAddr::from(([127, 0, 0, 1], pair.proxy.port())),
        pool: pair.cluster.pool().await,
        database: Database::unmanaged(jobclass::db::EMBEDDED_DATABASE),
        client: crate::support::client(),
        clock: Default::default(),
    }
}

/// Counts kept by the writers.
#[derive(Default)]
struct Tally {
    /// Attempts after a creation's first.
    retries: AtomicUsize,
    /// Answers the portal replayed from a key it already had.
    replays: AtomicUsize,
}

/// How the writers behave.
#[derive(Clone, Copy)]
struct Writing {
    /// Send a creation that got no answer or a 502/503/504 again, with the
    /// same key and body, until it is answered.
    retry: bool,
    /// Read each created position back (a GET after each POST).
    read_back: bool,
}

/// A manager creating positions through the proxy, each with its own
/// `Idempotency-Key` (its title), as `how` says. Every attempt is logged.
async fn keyed_writer(api: Api, name: String, run: Run, how: Writing, tally: Arc<Tally>) {
    let mut n = 0;
    while !run.stopped() {
        n += 1;
        let marker = format!("{name}-{n}");
        let body = position_body(&marker);
        let mut id = None;
        for attempt in 1..=ATTEMPTS {
            if attempt > 1 {
                tally.retries.fetch_add(1, Ordering::Relaxed);
            }
            let started = Instant::now();
            let request = api
                .client
                .post(format!("{}/api/v1/positions", api.base))
                .bearer_auth(&api.token)
                .header("idempotency-key", &marker)
                .json(&body);
            let answer = tokio::time::timeout(HUNG, async {
                let response = request.send().await?;
                let status = response.status();
                let replayed = response.headers().contains_key("idempotent-replayed");
                let text = response.text().await?;
                Ok::<_, reqwest::Error>((status, replayed, text))
            })
            .await
            .map_err(|_| "hung".to_string())
            .and_then(|answer| answer.map_err(|err| format!("{err:?}")));
            let mut record = Record {
                kind: Kind::ApiCreate,
                marker: marker.clone(),
                id: None,
                status: None,
                error: None,
                started,
                elapsed: started.elapsed(),
            };
            let again = match &answer {
                Ok((status, replayed, text)) => {
                    record.status = Some(status.as_u16());
                    if *status == StatusCode::CREATED {
                        record.id = serde_json::from_str::<Value>(text)
                            .ok()
                            .and_then(|v| v["id"].as_i64());
                        id = record.id;
                        if *replayed {
                            tally.replays.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    matches!(status.as_u16(), 502..=504)
                }
                Err(err) => {
                    record.error = Some(err.clone());
                    true
                }
            };
            run.push(record).await;
            if !(how.retry && again) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        match id {
            Some(id) if how.read_back => {
                let read = api
                    .client
                    .get(format!("{}/api/v1/positions/{id}", api.base))
                    .bearer_auth(&api.token);
                traffic::logged(&run, Kind::Read, "own position", Some(id), read).await;
            }
            Some(_) => {}
            None => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
}

/// Starts `writers` managers creating positions and `readers` anonymous
/// visitors reading the catalogue and a profile, all through the proxy.
async fn load(
    app: &TestApp,
    writers: usize,
    readers: usize,
    how: Writing,
    run: &Run,
    tally: &Arc<Tally>,
) -> Vec<tokio::task::JoinHandle<()>> {
    let mut tasks = Vec::new();
    for i in 0..writers {
        let api = app.login_as(Role::Manager).await.api().await;
        tasks.push(tokio::spawn(keyed_writer(
            api,
            format!("w{i}"),
            run.clone(),
            how,
            tally.clone(),
        )));
    }
    let paths = vec![
        "/".to_string(),
        "/?q=administratief".to_string(),
        format!("/profiles/{SLUG}"),
        format!("/api/v1/profiles/{SLUG}"),
    ];
    for _ in 0..readers {
        tasks.push(tokio::spawn(traffic::reader(
            crate::support::client(),
            app.url(""),
            None,
            paths.clone(),
            run.clone(),
        )));
    }
    tasks
}

/// The creations in the database, by title (= key).
async fn rows_by_title(app: &TestApp) -> HashMap<String, i64> {
    sqlx::query_as::<_, (String, i64)>(
        "select title, count(*) from positions where title ~ '^w[0-9]+-[0-9]+$' group by title",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap()
    .into_iter()
    .collect()
}

/// Holds the log to the database: every acknowledged creation once, none
/// twice, nothing that was never asked. Returns the acknowledged keys.
async fn check_writes(app: &TestApp, records: &[Record]) -> usize {
    let rows = rows_by_title(app).await;
    let mut acknowledged: HashMap<&str, Option<i64>> = HashMap::new();
    for r in records.iter().filter(|r| r.kind == Kind::ApiCreate) {
        let entry = acknowledged.entry(r.marker.as_str()).or_default();
        if r.status == Some(201) {
            // Every answer for one key names the same position.
            assert!(
                entry.is_none() || *entry == r.id,
                "{}: two ids {entry:?} and {:?}",
                r.marker,
                r.id
            );
            *entry = r.id;
        }
    }
    for (title, count) in &rows {
        assert_eq!(*count, 1, "{title} was created {count} times");
        assert!(
            acknowledged.contains_key(title.as_str()),
            "{title} was never asked for"
        );
    }
    let mut done = 0;
    for (marker, id) in &acknowledged {
        if id.is_some() {
            done += 1;
            assert_eq!(
                rows.get(*marker),
                Some(&1),
                "{marker} acknowledged, not stored once"
            );
        }
    }
    assert!(done > 0, "no creation was acknowledged");
    done
}

/// Reads that did not answer 200, as `path status/error` lines.
fn failed_reads(records: &[Record]) -> Vec<String> {
    records
        .iter()
        .filter(|r| r.kind == Kind::Read && r.status != Some(200))
        .map(|r| format!("{} {:?} {:?}", r.marker, r.status, r.error))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_instance_killed_under_load_loses_no_read_and_no_acknowledged_write() {
    let _alone = crate::one_at_a_time().await;
    let Some(mut pair) = Pair::start(&[]).await else {
        return;
    };
    let app = through_proxy(&pair).await;
    let run = Run::default();
    let tally = Arc::new(Tally::default());
    // Writers only create, so each is soon waiting on the hung instance.
    let how = Writing {
        retry: true,
        read_back: false,
    };
    let tasks = load(&app, 3, 2, how, &run, &tally).await;

    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut a = pair.portals[0].take().expect("instance A runs");
    let pid = i32::try_from(a.pid().unwrap()).unwrap();
    let hung_at = Instant::now();
    crate::support::signal(pid, nix::sys::signal::Signal::SIGSTOP);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let killed_at = Instant::now();
    a.kill();
    tokio::time::sleep(Duration::from_secs(2)).await;
    pair.start_instance(0).await;
    let back_at = Instant::now();
    tokio::time::sleep(Duration::from_millis(1500)).await;
    run.finish();
    for task in tasks {
        tokio::time::timeout(Duration::from_secs(30), task)
            .await
            .expect("the load ends")
            .unwrap();
    }

    let records = run.records().await;
    let failed = failed_reads(&records);
    assert!(
        failed.is_empty(),
        "reads failed through the proxy: {failed:?}"
    );
    let acknowledged = check_writes(&app, &records).await;
    let during: Vec<&Record> = records
        .iter()
        .filter(|r| r.started >= hung_at && r.started <= back_at)
        .collect();
    let cut_off = records
        .iter()
        .filter(|r| r.started < killed_at && r.started + r.elapsed > killed_at)
        .count();
    let proxy_errors = pair
        .error_log()
        .lines()
        .filter(|l| l.contains("[error]"))
        .count();
    let creations = records.iter().filter(|r| r.kind == Kind::ApiCreate);
    let failed_attempts = creations.clone().filter(|r| r.status != Some(201)).count();
    println!(
        "failover: {} requests ({} reads, {} creation attempts); {} of them while A was hung \
         or down ({:?}), {cut_off} in flight when it was killed, {proxy_errors} upstream errors \
         in nginx's log; {acknowledged} creations acknowledged, each stored once; {} creation \
         attempts failed at the proxy ({:?}) and {} retries were sent, {} answered from a kept \
         key; 0 reads failed",
        records.len(),
        records.iter().filter(|r| r.kind == Kind::Read).count(),
        creations.clone().count(),
        during.len(),
        back_at - hung_at,
        failed_attempts,
        creations
            .filter(|r| r.status != Some(201))
            .map(|r| r
                .status
                .map_or_else(|| "no answer".to_string(), |s| s.to_string()))
            .collect::<Vec<_>>(),
        tally.retries.load(Ordering::Relaxed),
        tally.replays.load(Ordering::Relaxed),
    );
    assert!(!during.is_empty(), "the load ran while A was down");
    // The kill cut creations off mid-way, and their clients sent them again.
    assert!(
        tally.retries.load(Ordering::Relaxed) > 0,
        "no creation was on its way to A when it died"
    );
    drop(pair);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rolling_restart_under_load_shows_clients_no_error() {
    let _alone = crate::one_at_a_time().await;
    let Some(mut pair) = Pair::start(&[("JOBCLASS_DRAIN_SECONDS", DRAIN_SECONDS)]).await else {
        return;
    };
    let app = through_proxy(&pair).await;
    let run = Run::default();
    let tally = Arc::new(Tally::default());
    // No retries: any error would reach the client.
    let how = Writing {
        retry: false,
        read_back: true,
    };
    let tasks = load(&app, 3, 2, how, &run, &tally).await;

    let mut restarts = Vec::new();
    for i in 0..2 {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let mut portal = pair.portals[i].take().expect("the instance runs");
        let told = Instant::now();
        let status = tokio::task::spawn_blocking(move || portal.stop())
            .await
            .unwrap();
        assert!(status.success(), "instance {i} stopped with {status}");
        let stopped = told.elapsed();
        pair.start_instance(i).await;
        restarts.push((stopped, told.elapsed()));
        // nginx tries a failed instance again after its fail_timeout:
        // before the next one stops, this one must be back in its turn.
        tokio::time::sleep(FAIL_TIMEOUT).await;
    }
    run.finish();
    for task in tasks {
        tokio::time::timeout(Duration::from_secs(30), task)
            .await
            .expect("the load ends")
            .unwrap();
    }

    let records = run.records().await;
    let errors: Vec<String> = records
        .iter()
        .filter(|r| {
            let ok = match r.kind {
                Kind::ApiCreate => r.status == Some(201),
                _ => r.status == Some(200),
            };
            !ok
        })
        .map(|r| format!("{:?} {} {:?} {:?}", r.kind, r.marker, r.status, r.error))
        .collect();
    assert!(
        errors.is_empty(),
        "clients saw {} errors, first: {:?}",
        errors.len(),
        &errors[..errors.len().min(10)]
    );
    let acknowledged = check_writes(&app, &records).await;
    assert_eq!(tally.retries.load(Ordering::Relaxed), 0);
    println!(
        "rolling restart: {} requests ({} reads, {acknowledged} creations, each stored once), \
         0 errors; drain {DRAIN_SECONDS} s; stop and back (stopped after, ready after): {restarts:?}",
        records.len(),
        records.iter().filter(|r| r.kind == Kind::Read).count(),
    );
    drop(pair);
}
