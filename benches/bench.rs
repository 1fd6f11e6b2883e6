//! The benchmark: `scripts/bench` (that is, `cargo bench --bench bench`).
//!
//! Runs the release binary cargo built with it (or `BENCH_BINARY`) on a
//! fresh private cluster filled by `jobclass demo-data`, starts the portal
//! as a separate process, drives load at it from this process over
//! loopback, and writes `docs/PERFORMANCE.md`. Figures vary from run to run
//! on a shared machine: compare rows within one run, as ratios to /healthz.
//! The binary is run through the test harness's runner
//! (`jobclass_test_support::Binary`).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use jobclass_test_support::{Binary, Portal, Store, free_port, percentile};
use tokio::sync::Mutex;

const SEED_SLUG: &str = "administratieve-ondersteuning";

/// What to measure, from `BENCH_*` variables.
struct Settings {
    connections: usize,
    seconds: u64,
    positions: usize,
    binary: Binary,
    keep: Option<PathBuf>,
}

fn settings() -> Settings {
    let var =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
    Settings {
        connections: var("BENCH_CONNECTIONS", "64").parse().unwrap_or(64),
        seconds: var("BENCH_SECONDS", "10").parse().unwrap_or(10),
        positions: var("BENCH_POSITIONS", "100000").parse().unwrap_or(100_000),
        binary: Binary::new(var("BENCH_BINARY", env!("CARGO_BIN_EXE_jobclass"))),
        keep: std::env::var("BENCH_DATA_DIR").ok().map(PathBuf::from),
    }
}

/// One measured row of the table.
struct Row {
    name: String,
    requests: usize,
    errors: usize,
    per_second: f64,
    p50: Duration,
    p99: Duration,
    note: String,
}

impl Row {
    /// A row from the sorted answer times of a load of `seconds`.
    fn new(name: &str, latencies: &[Duration], errors: usize, seconds: u64) -> Self {
        Row {
            name: name.to_string(),
            requests: latencies.len(),
            errors,
            per_second: latencies.len() as f64 / seconds as f64,
            p50: percentile(latencies, 0.5),
            p99: percentile(latencies, 0.99),
            note: String::new(),
        }
    }
}

/// The CSV export, timed five times.
struct Export {
    rows: usize,
    /// Sorted.
    times: Vec<Duration>,
}

/// What the report says besides the rows.
struct Facts {
    generation: Duration,
    export: Export,
    rss_kb: u64,
    restart: Duration,
    first_start: Duration,
}

/// Runs a command of the binary on the private cluster in `data`; its
/// standard output. Panics, with what it printed, when it fails.
fn run(binary: &Binary, data: &Path, args: &[&str]) -> String {
    let out = binary.run(Store::DataDir(data), args, None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    eprint!("{stderr}");
    assert!(out.status.success(), "jobclass {args:?} failed");
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Stops the portal; says so when it did not end cleanly.
fn stop(mut portal: Portal) {
    let status = portal.stop();
    if !status.success() {
        eprintln!("the portal ended with {status}");
    }
}

fn peak_rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(String::from)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// A request to repeat: method, path, headers, body.
#[derive(Clone)]
struct Target {
    method: reqwest::Method,
    path: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
}

impl Target {
    fn get(path: &str) -> Self {
        Target {
            method: reqwest::Method::GET,
            path: path.to_string(),
            headers: Vec::new(),
            body: None,
        }
    }

    fn with(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// The request sequence (one or more requests) a connection sends next,
/// by its number in the run.
type Make = Arc<dyn Fn(usize) -> Vec<Target> + Send + Sync>;

/// What a load gave: sorted answer times, errors (non-2xx and transport
/// failures), and sequences completed.
struct Load {
    latencies: Vec<Duration>,
    errors: usize,
    sequences: usize,
}

/// Counters the connections of a load share.
struct Shared {
    make: Make,
    deadline: Instant,
    errors: AtomicUsize,
    sequences: AtomicUsize,
}

/// Sends the sequences `make` gives from `connections` tasks for `seconds`.
async fn load(
    client: &reqwest::Client,
    base: &str,
    connections: usize,
    seconds: u64,
    make: Make,
) -> Load {
    let shared = Arc::new(Shared {
        make,
        deadline: Instant::now() + Duration::from_secs(seconds),
        errors: AtomicUsize::new(0),
        sequences: AtomicUsize::new(0),
    });
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (client, base) = (client.clone(), base.to_string());
        let (shared, latencies) = (shared.clone(), latencies.clone());
        tasks.push(tokio::spawn(async move {
            let mine = connection(&client, &base, &shared).await;
            latencies.lock().await.extend(mine);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let mut latencies = std::mem::take(&mut *latencies.lock().await);
    latencies.sort();
    Load {
        latencies,
        errors: shared.errors.load(Ordering::Relaxed),
        // Each connection started one sequence the deadline cut short.
        sequences: shared
            .sequences
            .load(Ordering::Relaxed)
            .saturating_sub(connections),
    }
}

/// One connection of a load: sequences until the deadline; the answer
/// times. A `{id}` in a path is the `"id"` of the previous answer.
async fn connection(client: &reqwest::Client, base: &str, shared: &Shared) -> Vec<Duration> {
    let mut mine = Vec::new();
    while Instant::now() < shared.deadline {
        let n = shared.sequences.fetch_add(1, Ordering::Relaxed);
        let mut previous: Option<String> = None;
        for target in (shared.make)(n) {
            let path = match &previous {
                Some(id) => target.path.replace("{id}", id),
                None => target.path.clone(),
            };
            let started = Instant::now();
            match send(client, &format!("{base}{path}"), &target).await {
                Some((ok, text)) => {
                    mine.push(started.elapsed());
                    if !ok {
                        shared.errors.fetch_add(1, Ordering::Relaxed);
                    }
                    previous = id_in(&text);
                }
                None => {
                    shared.errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
    }
    mine
}

/// Sends one request; whether it succeeded and the body, or `None` when
/// no answer came.
async fn send(client: &reqwest::Client, url: &str, target: &Target) -> Option<(bool, String)> {
    let mut request = client.request(target.method.clone(), url);
    for (k, v) in &target.headers {
        request = request.header(k, v);
    }
    if let Some(body) = &target.body {
        request = request
            .header("content-type", "application/json")
            .body(body.clone());
    }
    let response = request.send().await.ok()?;
    let ok = response.status().is_success();
    Some((ok, response.text().await.unwrap_or_default()))
}

/// The first `"id":` number in a JSON answer.
fn id_in(text: &str) -> Option<String> {
    text.split("\"id\":")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .map(String::from)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One measured row, as the run goes.
fn print_row(row: &Row) {
    eprintln!(
        "{:<44} {:>9.0} req/s  p50 {:>6.1} ms  p99 {:>6.1} ms  errors {}",
        row.name,
        row.per_second,
        ms(row.p50),
        ms(row.p99),
        row.errors
    );
}

/// The portal under measurement and how to reach it.
struct Bench<'a> {
    s: &'a Settings,
    client: reqwest::Client,
    base: String,
}

impl Bench<'_> {
    /// One row: `target` repeated.
    async fn measure(&self, name: &str, target: Target) -> Row {
        self.measure_each(name, Arc::new(move |_| vec![target.clone()]))
            .await
    }

    /// Like `measure`, with the `n`th request given by `make(n)`.
    async fn measure_each(&self, name: &str, make: Make) -> Row {
        let s = self.s;
        let load = load(&self.client, &self.base, s.connections, s.seconds, make).await;
        let row = Row::new(name, &load.latencies, load.errors, s.seconds);
        print_row(&row);
        row
    }

    /// The read rows: public pages, the API, HR's queue (kept and not).
    async fn reads(&self, hr: &str) -> Vec<Row> {
        let profile = format!("/profiles/{SEED_SLUG}");
        let queue = "/review?status=submitted&unit=FOD%20Financi%C3%ABn";
        vec![
            self.measure("/healthz", Target::get("/healthz")).await,
            self.measure("/ (catalogue)", Target::get("/")).await,
            self.measure("/profiles/{slug}", Target::get(&profile))
                .await,
            self.measure(
                "/profiles/{slug}/compare?levels=C,B",
                Target::get(&format!("{profile}/compare?levels=C,B")),
            )
            .await,
            self.measure(
                "/api/v1/profiles/{slug}",
                Target::get(&format!("/api/v1{profile}")),
            )
            .await,
            self.measure(
                "/review?status=submitted&unit=FOD Financiën (HR)",
                Target::get(queue).with("cookie", hr),
            )
            .await,
            self.measure_each(
                "the same, not kept (a new filter each request)",
                queue_not_kept(hr),
            )
            .await,
            self.measure(
                "/profiles/{slug}/diff?from=1&to=2",
                Target::get(&format!("{profile}/diff?from=1&to=2")),
            )
            .await,
        ]
    }

    /// Catalogue searches (never kept): a word, and one with a typo (two
    /// statements: the vocabulary, then the search).
    async fn searches(&self) -> Vec<Row> {
        vec![
            self.measure("/?q=klachten (search)", Target::get("/?q=klachten"))
                .await,
            self.measure(
                "/api/v1/profiles?q=administatieve (search, a typo)",
                Target::get("/api/v1/profiles?q=administatieve"),
            )
            .await,
        ]
    }

    /// Matching: 30 tasks and 7 evidence texts, one request at a time,
    /// each request the next 30 of the evaluation sets' tasks.
    async fn matching(&self) -> Row {
        let bodies = match_bodies();
        let target = move |n: usize| Target {
            method: reqwest::Method::POST,
            path: format!("/api/v1/profiles/{SEED_SLUG}/match"),
            headers: Vec::new(),
            body: Some(bodies[n % bodies.len()].clone()),
        };
        let seconds = self.s.seconds.min(5);
        let load = load(
            &self.client,
            &self.base,
            1,
            seconds,
            Arc::new(move |n| vec![target(n)]),
        )
        .await;
        let row = Row::new(
            "match: 30 tasks + 7 evidence texts (API, one at a time)",
            &load.latencies,
            load.errors,
            seconds,
        );
        print_row(&row);
        row
    }

    /// The CSV export of about 10,000 rows, streamed: time to the last
    /// byte, five times.
    async fn export(&self, hr: &str) -> Export {
        let mut times = Vec::new();
        let mut rows = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let body = self
                .client
                .get(format!("{}/review/export.csv?status=in_review", self.base))
                .header("cookie", hr)
                .send()
                .await
                .expect("the export answers")
                .bytes()
                .await
                .expect("the export's body");
            times.push(started.elapsed());
            rows = body
                .iter()
                .filter(|b| **b == b'\n')
                .count()
                .saturating_sub(1);
        }
        times.sort();
        eprintln!("CSV export: {rows} rows, median {:.0} ms", ms(times[2]));
        Export { rows, times }
    }

    /// The write path: create a complete position and submit it.
    async fn writes(&self, manager_token: &str) -> Row {
        let s = self.s;
        let make = create_and_submit(manager_token);
        let load = load(&self.client, &self.base, s.connections, s.seconds, make).await;
        let mut row = Row::new(
            "write mix: create + submit (API)",
            &load.latencies,
            load.errors,
            s.seconds,
        );
        row.note = format!(
            "{:.0} positions/s",
            load.sequences as f64 / s.seconds as f64
        );
        eprintln!(
            "{:<44} {:>9.0} req/s  {}  errors {}",
            row.name, row.per_second, row.note, row.errors
        );
        row
    }
}

/// Matches of 30 tasks and 7 evidence texts (one per criterion) from the
/// evaluation sets, one request at a time: how long one reading takes.
/// The tasks differ from one request to the next (all the Dutch sets'
/// tasks in turn), so that a request reads words earlier ones did not.
fn match_bodies() -> Vec<String> {
    let rows = |file: &str| -> Vec<Vec<String>> {
        let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(&path)
            .expect("the evaluation set")
            .lines()
            .skip(1)
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('\t').map(str::to_string).collect())
            .collect()
    };
    let tasks: Vec<String> = [
        "tasks.tsv",
        "tasks-holdout.tsv",
        "tasks-third.tsv",
        "tasks-fourth.tsv",
        "tasks-fifth.tsv",
    ]
    .into_iter()
    .flat_map(&rows)
    .map(|r| r[1].clone())
    .collect();
    let mut evidence = Vec::new();
    for row in rows("evidence.tsv") {
        if !evidence
            .iter()
            .any(|e: &serde_json::Value| e["criterion"] == row[0].as_str())
        {
            evidence.push(serde_json::json!({"criterion": row[0], "text": row[2]}));
        }
    }
    tasks
        .chunks(30)
        .filter(|chunk| chunk.len() == 30)
        .map(|chunk| serde_json::json!({"tasks": chunk, "evidence": evidence}).to_string())
        .collect()
}

/// HR's queue page with a filter no other request asked for (a submission
/// date before any position, so the same rows match): never kept
/// (`positions::db::queue`).
fn queue_not_kept(hr: &str) -> Make {
    let cookie = hr.to_string();
    Arc::new(move |n| {
        let from = format!(
            "{:04}-{:02}-{:02}",
            1000 + n / 336,
            1 + n / 28 % 12,
            1 + n % 28
        );
        let path = format!("/review?status=submitted&unit=FOD%20Financi%C3%ABn&from={from}");
        vec![Target::get(&path).with("cookie", &cookie)]
    })
}

/// A complete position created, then submitted, through the API.
fn create_and_submit(token: &str) -> Make {
    let criteria = [
        "Kennis",
        "Documenten",
        "Praktische organisatie",
        "Procedures",
        "Verbetering",
        "Vragen of klachten",
        "Contacten",
    ];
    let placements: Vec<serde_json::Value> = criteria
        .iter()
        .map(|c| serde_json::json!({"criterion": c, "level": "C", "evidence": "Een voorbeeld uit het dagelijkse werk."}))
        .collect();
    let body = serde_json::json!({
        "profile": SEED_SLUG, "title": "Benchmark", "unit": "FOD BOSA / Bench", "purpose": "Meten.",
        "tasks": ["Meten"], "result_areas": [{"title": "Als contactpersoon", "share": 100}],
        "placements": placements,
    })
    .to_string();
    let auth = format!("Bearer {token}");
    Arc::new(move |_| {
        let post = |path: &str, body: Option<String>| Target {
            method: reqwest::Method::POST,
            path: path.into(),
            headers: vec![("authorization".into(), auth.clone())],
            body,
        };
        vec![
            post("/api/v1/positions", Some(body.clone())),
            post("/api/v1/positions/{id}/submit", None),
        ]
    })
}

/// The first value of a `set-cookie` header (`name=value`).
fn cookie_of(response: &reqwest::Response) -> String {
    response
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_string()
}

/// Signs in through the form and returns the session cookie.
async fn session_cookie(base: &str, email: &str, password: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client");
    let page = client.get(format!("{base}/login")).send().await.unwrap();
    let cookie = cookie_of(&page);
    let text = page.text().await.unwrap();
    let csrf = text
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a CSRF token on the login page")
        .to_string();
    let response = client
        .post(format!("{base}/login"))
        .header("cookie", &cookie)
        .form(&[
            ("csrf_token", csrf.as_str()),
            ("email", email),
            ("password", password),
            ("next", "/review"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303, "login of {email}");
    cookie_of(&response)
}

/// A folder for the run that the `postgres` user can reach (the cluster
/// runs as that user when the benchmark runs as root).
fn work_folder() -> PathBuf {
    let root = tempfile::Builder::new()
        .prefix("jcb-")
        .tempdir_in("/tmp")
        .expect("a temporary folder")
        .keep();
    std::fs::set_permissions(&root, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("open the folder to the postgres user");
    root
}

/// First start on an empty folder, initdb included: time to `/readyz`.
async fn first_start(s: &Settings, root: &Path) -> Duration {
    let empty = root.join("empty");
    let started = Instant::now();
    let portal = s.binary.serve(&empty, free_port()).await;
    let elapsed = started.elapsed();
    stop(portal);
    let _ = std::fs::remove_dir_all(&empty);
    elapsed
}

/// The data set in `data` (unless a kept one is there already): the demo
/// positions and a second version of the seed profile, for the history
/// diff. How long that took.
fn generate(s: &Settings, data: &Path, root: &Path) -> Duration {
    let started = Instant::now();
    if data.join("postgres").exists() {
        return started.elapsed();
    }
    let positions = s.positions.to_string();
    eprintln!("generating {positions} positions…");
    let demo = ["demo-data", "--quiet", "--positions", &positions];
    run(&s.binary, data, &demo);
    let exported = run(&s.binary, data, &["export", SEED_SLUG]);
    let changed = exported.replacen("basiskennis", "grondige basiskennis", 1);
    let file = root.join("v2.json");
    std::fs::write(&file, changed).expect("write the second version");
    run(&s.binary, data, &["import", &file.to_string_lossy()]);
    started.elapsed()
}

/// A manager's API token, made with the binary.
fn manager_token(s: &Settings, data: &Path) -> String {
    let email = "manager-1-10@demo.jobclass.example";
    let args = ["token", "create", "--email", email, "--name", "bench"];
    run(&s.binary, data, &args).trim().to_string()
}

/// Removes the run's folder, or all but the kept data set.
fn clean_up(s: &Settings, root: &Path) {
    if s.keep.is_none() {
        let _ = std::fs::remove_dir_all(root);
    } else {
        let _ = std::fs::remove_file(root.join("v2.json"));
        let _ = std::fs::remove_dir(root);
    }
}

fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, std::num::NonZero::get);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .next()
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse::<u64>().ok())
        })
        .map(|kb| format!("{:.0} GiB", kb as f64 / 1024.0 / 1024.0))
        .unwrap_or_default();
    format!("{cores} cores, {memory}")
}

fn commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// The title, how the run was made, and the table.
fn report_table(s: &Settings, rows: &[Row], facts: &Facts) -> String {
    let mut md = String::new();
    md.push_str("# Performance\n\n");
    md.push_str("Written by `scripts/bench` (`benches/bench.rs`, see README). One run; figures on a shared machine vary by 30–40 % between runs, so the budget is checked as ratios to `/healthz` within the run.\n\n");
    md.push_str(&format!(
        "- Date: {}\n- Commit: {}\n- Machine: {}\n- Load: {} connections, {} s per row, from a second process on loopback\n- Data: {} positions generated by `jobclass demo-data` ({:.0} s including the second seed version)\n\n",
        time::OffsetDateTime::now_utc().date(),
        commit(),
        machine(),
        s.connections,
        s.seconds,
        s.positions,
        facts.generation.as_secs_f64()
    ));
    md.push_str("| Route | requests | req/s | p50 ms | p99 ms | ratio to /healthz | errors | note |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    let floor = rows[0].per_second.max(1.0);
    for row in rows {
        md.push_str(&format!(
            "| {} | {} | {:.0} | {:.1} | {:.1} | {:.2} | {} | {} |\n",
            row.name,
            row.requests,
            row.per_second,
            ms(row.p50),
            ms(row.p99),
            row.per_second / floor,
            row.errors,
            row.note
        ));
    }
    let export = &facts.export;
    md.push_str(&format!(
        "| CSV export, {} rows | 5 | | {:.0} (median) | {:.0} (max) | | 0 | streamed |\n\n",
        export.rows,
        ms(export.times[2]),
        ms(export.times[4])
    ));
    md
}

/// Memory and start-up times.
fn report_process(facts: &Facts) -> String {
    format!(
        "- Peak RSS of the portal (VmHWM): {:.1} MB\n- Start on an existing data folder to `/readyz` = 200: {:.2} s\n- First start on an empty folder (initdb included) to `/readyz` = 200: {:.2} s\n",
        facts.rss_kb as f64 / 1024.0,
        facts.restart.as_secs_f64(),
        facts.first_start.as_secs_f64()
    )
}

/// Each budget line and whether the run is within it.
fn budget(rows: &[Row], facts: &Facts) -> Vec<(&'static str, bool)> {
    let floor = rows[0].per_second.max(1.0);
    let ratio = |i: usize| rows[i].per_second / floor;
    let positions_per_second = rows[8]
        .note
        .split_whitespace()
        .next()
        .and_then(|n| n.parse::<f64>().ok())
        .unwrap_or(0.0);
    vec![
        (
            "profile and compare pages ≥ 0.35 × /healthz",
            ratio(2) >= 0.35 && ratio(3) >= 0.35,
        ),
        ("API profile ≥ 0.40 × /healthz", ratio(4) >= 0.40),
        ("HR queue page ≥ 0.15 × /healthz", ratio(5) >= 0.15),
        // Was an absolute 500 positions/s; machines differ by 3× from day
        // to day, so it is a ratio to /healthz like the others: 0.013,
        // where the write path stood when the budget became a ratio.
        (
            "write path ≥ 0.013 × /healthz in positions/s",
            positions_per_second / floor >= 0.013,
        ),
        (
            "CSV export of ~10k rows < 1 s",
            facts.export.times[2] < Duration::from_secs(1),
        ),
        ("peak RSS ≤ 100 MB", facts.rss_kb <= 100 * 1024),
        (
            "match of 30 tasks and 7 evidence texts: p50 ≤ 5 ms",
            rows[9].p50 <= Duration::from_millis(5),
        ),
    ]
}

/// Writes `docs/PERFORMANCE.md`, keeping the hand-written notes that
/// follow the figures; prints it.
fn write_report(s: &Settings, rows: &[Row], facts: &Facts) {
    let mut md = report_table(s, rows, facts);
    md.push_str(&report_process(facts));
    md.push_str("\n## Budget\n\n");
    for (what, ok) in budget(rows, facts) {
        let verdict = if ok { "✅ within:" } else { "❌ missed:" };
        md.push_str(&format!("- {verdict} {what}\n"));
    }
    if let Some(notes) = std::fs::read_to_string("docs/PERFORMANCE.md")
        .ok()
        .and_then(|old| old.find("\n## Notes").map(|at| old[at..].to_string()))
    {
        md.push_str(&notes);
    }
    std::fs::create_dir_all("docs").expect("the docs folder");
    std::fs::write("docs/PERFORMANCE.md", &md).expect("write docs/PERFORMANCE.md");
    eprintln!("\n{md}");
}

/// Measures the portal serving `data`: the rows, the export, its memory.
async fn measure_portal(s: &Settings, data: &Path) -> (Vec<Row>, Export, u64, Duration) {
    let started = Instant::now();
    let portal = s.binary.serve(data, free_port()).await;
    let restart = started.elapsed();
    let bench = Bench {
        s,
        client: reqwest::Client::builder()
            .pool_max_idle_per_host(s.connections * 2)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client"),
        base: portal.base(),
    };
    let hr = session_cookie(
        &bench.base,
        "hr-1-1@demo.jobclass.example",
        jobclass::demo::PASSWORD,
    )
    .await;
    let token = manager_token(s, data);
    let mut rows = bench.reads(&hr).await;
    let export = bench.export(&hr).await;
    rows.push(bench.writes(&token).await);
    rows.push(bench.matching().await);
    rows.extend(bench.searches().await);
    let rss_kb = portal.pid().map_or(0, peak_rss_kb);
    stop(portal);
    (rows, export, rss_kb, restart)
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let s = settings();
    assert!(
        s.binary.path().is_file(),
        "no jobclass binary at {}",
        s.binary.path().display()
    );
    let root = work_folder();
    let first_start = runtime.block_on(first_start(&s, &root));
    let data = s.keep.clone().unwrap_or_else(|| root.join("data"));
    let generation = generate(&s, &data, &root);
    let (rows, export, rss_kb, restart) = runtime.block_on(measure_portal(&s, &data));
    clean_up(&s, &root);
    let facts = Facts {
        generation,
        export,
        rss_kb,
        restart,
        first_start,
    };
    write_report(&s, &rows, &facts);
}
