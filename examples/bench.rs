//! The benchmark: `scripts/bench` (or `cargo run --release --example bench`).
//!
//! Builds nothing itself: it runs the release binary `target/release/jobclass`
//! on a fresh private cluster filled by `jobclass demo-data`, starts the
//! portal as a separate process, drives load at it from this process over
//! loopback, and writes `docs/PERFORMANCE.md`. Figures vary from run to run
//! on a shared machine: compare rows within one run, as ratios to /healthz.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::sync::Mutex;

const SEED_SLUG: &str = "administratieve-ondersteuning";

struct Settings {
    connections: usize,
    seconds: u64,
    positions: usize,
    binary: PathBuf,
    keep: Option<PathBuf>,
}

fn settings() -> Settings {
    let var =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
    Settings {
        connections: var("BENCH_CONNECTIONS", "64").parse().unwrap_or(64),
        seconds: var("BENCH_SECONDS", "10").parse().unwrap_or(10),
        positions: var("BENCH_POSITIONS", "100000").parse().unwrap_or(100_000),
        binary: PathBuf::from(var("BENCH_BINARY", "target/release/jobclass")),
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

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn run(binary: &Path, data: &Path, args: &[&str], stdin: Option<&str>) -> String {
    let mut child = Command::new(binary)
        .args(args)
        .env_remove("DATABASE_URL")
        .env("JOBCLASS_DATA_DIR", data)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("run jobclass");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "jobclass {args:?} failed");
    String::from_utf8_lossy(&out.stdout).to_string()
}

fn serve(binary: &Path, data: &Path, port: u16) -> Child {
    Command::new(binary)
        .env_remove("DATABASE_URL")
        .env("JOBCLASS_DATA_DIR", data)
        .env("JOBCLASS_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("serve")
}

async fn wait_ready(client: &reqwest::Client, base: &str) -> Duration {
    let started = Instant::now();
    loop {
        if let Ok(r) = client.get(format!("{base}/readyz")).send().await
            && r.status().is_success()
        {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "the portal did not become ready"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let _ = child.wait();
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

/// Sends `targets()` from `connections` tasks for `seconds`; each task
/// calls `make` for its next request sequence (one or more requests).
async fn load(
    client: &reqwest::Client,
    base: &str,
    connections: usize,
    seconds: u64,
    make: Arc<dyn Fn(usize) -> Vec<Target> + Send + Sync>,
) -> (Vec<Duration>, usize, usize) {
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let errors = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let sequences = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    for _ in 0..connections {
        let (client, base, make) = (client.clone(), base.to_string(), make.clone());
        let (latencies, errors, sequences) = (latencies.clone(), errors.clone(), sequences.clone());
        tasks.push(tokio::spawn(async move {
            let mut mine = Vec::new();
            while Instant::now() < deadline {
                let n = sequences.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let mut previous: Option<String> = None;
                for target in make(n) {
                    let path = match &previous {
                        Some(id) => target.path.replace("{id}", id),
                        None => target.path.clone(),
                    };
                    let mut request =
                        client.request(target.method.clone(), format!("{base}{path}"));
                    for (k, v) in &target.headers {
                        request = request.header(k, v);
                    }
                    if let Some(body) = &target.body {
                        request = request
                            .header("content-type", "application/json")
                            .body(body.clone());
                    }
                    let started = Instant::now();
                    match request.send().await {
                        Ok(response) => {
                            let ok = response.status().is_success();
                            let text = response.text().await.unwrap_or_default();
                            mine.push(started.elapsed());
                            if !ok {
                                errors.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            }
                            previous = text
                                .split("\"id\":")
                                .nth(1)
                                .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
                                .map(String::from);
                        }
                        Err(_) => {
                            errors.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                }
            }
            latencies.lock().await.extend(mine);
        }));
    }
    for task in tasks {
        let _ = task.await;
    }
    let mut all = std::mem::take(&mut *latencies.lock().await);
    all.sort();
    let sequences = sequences
        .load(std::sync::atomic::Ordering::Relaxed)
        .saturating_sub(connections);
    (
        all,
        errors.load(std::sync::atomic::Ordering::Relaxed),
        sequences,
    )
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn measure(
    client: &reqwest::Client,
    base: &str,
    s: &Settings,
    name: &str,
    target: Target,
) -> Row {
    measure_each(
        client,
        base,
        s,
        name,
        Arc::new(move |_| vec![target.clone()]),
    )
    .await
}

/// Like `measure`, with the `n`th request given by `make(n)`.
async fn measure_each(
    client: &reqwest::Client,
    base: &str,
    s: &Settings,
    name: &str,
    make: Arc<dyn Fn(usize) -> Vec<Target> + Send + Sync>,
) -> Row {
    let (latencies, errors, _) = load(client, base, s.connections, s.seconds, make).await;
    let row = Row {
        name: name.to_string(),
        requests: latencies.len(),
        errors,
        per_second: latencies.len() as f64 / s.seconds as f64,
        p50: percentile(&latencies, 0.5),
        p99: percentile(&latencies, 0.99),
        note: String::new(),
    };
    eprintln!(
        "{:<44} {:>9.0} req/s  p50 {:>6.1} ms  p99 {:>6.1} ms  errors {}",
        row.name,
        row.per_second,
        ms(row.p50),
        ms(row.p99),
        row.errors
    );
    row
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Signs in through the form and returns the session cookie.
async fn session_cookie(base: &str, email: &str, password: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = client.get(format!("{base}/login")).send().await.unwrap();
    let cookie = page
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let text = page.text().await.unwrap();
    let csrf = text
        .split("name=\"csrf_token\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
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
    response
        .headers()
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

fn machine() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
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
    Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

#[tokio::main]
async fn main() {
    let s = settings();
    assert!(
        s.binary.is_file(),
        "build the release binary first: cargo build --release"
    );
    let root = tempfile::Builder::new()
        .prefix("jcb-")
        .tempdir_in("/tmp")
        .unwrap()
        .keep();
    std::fs::set_permissions(&root, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(s.connections * 2)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    // First start on an empty folder: initdb included.
    let empty = root.join("empty");
    let port = free_port();
    let started = Instant::now();
    let child = serve(&s.binary, &empty, port);
    wait_ready(&client, &format!("http://127.0.0.1:{port}")).await;
    let first_start = started.elapsed();
    stop(child);
    let _ = std::fs::remove_dir_all(&empty);

    // The data set.
    let data = s.keep.clone().unwrap_or_else(|| root.join("data"));
    let generated = Instant::now();
    if !data.join("postgres").exists() {
        let positions = s.positions.to_string();
        eprintln!("generating {positions} positions…");
        run(
            &s.binary,
            &data,
            &["demo-data", "--quiet", "--positions", &positions],
            None,
        );
        // A second version of the seed profile, for the history diff.
        let exported = run(&s.binary, &data, &["export", SEED_SLUG], None);
        let changed = exported.replacen("basiskennis", "grondige basiskennis", 1);
        let file = root.join("v2.json");
        std::fs::write(&file, changed).unwrap();
        run(&s.binary, &data, &["import", file.to_str().unwrap()], None);
    }
    let generation = generated.elapsed();

    // Restart on the existing folder.
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    let server = serve(&s.binary, &data, port);
    let restart = {
        wait_ready(&client, &base).await;
        started.elapsed()
    };
    let pid = server.id();

    let hr = session_cookie(
        &base,
        "hr-1-1@demo.jobclass.example",
        jobclass::demo::PASSWORD,
    )
    .await;
    let manager_token = run(
        &s.binary,
        &data,
        &[
            "token",
            "create",
            "--email",
            "manager-1-10@demo.jobclass.example",
            "--name",
            "bench",
        ],
        None,
    )
    .trim()
    .to_string();

    let mut rows = Vec::new();
    rows.push(measure(&client, &base, &s, "/healthz", Target::get("/healthz")).await);
    rows.push(measure(&client, &base, &s, "/ (catalogue)", Target::get("/")).await);
    rows.push(
        measure(
            &client,
            &base,
            &s,
            "/profiles/{slug}",
            Target::get(&format!("/profiles/{SEED_SLUG}")),
        )
        .await,
    );
    rows.push(
        measure(
            &client,
            &base,
            &s,
            "/profiles/{slug}/compare?levels=C,B",
            Target::get(&format!("/profiles/{SEED_SLUG}/compare?levels=C,B")),
        )
        .await,
    );
    rows.push(
        measure(
            &client,
            &base,
            &s,
            "/api/v1/profiles/{slug}",
            Target::get(&format!("/api/v1/profiles/{SEED_SLUG}")),
        )
        .await,
    );
    rows.push(
        measure(
            &client,
            &base,
            &s,
            "/review?status=submitted&unit=FOD Financiën (HR)",
            Target::get("/review?status=submitted&unit=FOD%20Financi%C3%ABn").with("cookie", &hr),
        )
        .await,
    );
    // The same page when it is not kept (`positions::db::queue`): every
    // request asks for a filter no other asked for (a submission date
    // before any position, so the same rows match).
    let cookie = hr.clone();
    rows.push(
        measure_each(
            &client,
            &base,
            &s,
            "the same, not kept (a new filter each request)",
            Arc::new(move |n| {
                let from = format!(
                    "{:04}-{:02}-{:02}",
                    1000 + n / 336,
                    1 + n / 28 % 12,
                    1 + n % 28
                );
                let path =
                    format!("/review?status=submitted&unit=FOD%20Financi%C3%ABn&from={from}");
                vec![Target::get(&path).with("cookie", &cookie)]
            }),
        )
        .await,
    );
    rows.push(
        measure(
            &client,
            &base,
            &s,
            "/profiles/{slug}/diff?from=1&to=2",
            Target::get(&format!("/profiles/{SEED_SLUG}/diff?from=1&to=2")),
        )
        .await,
    );

    // The CSV export of about 10,000 rows, streamed: time to the last byte.
    let rows_wanted = "status=in_review";
    let mut export_times = Vec::new();
    let mut export_rows = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let body = client
            .get(format!("{base}/review/export.csv?{rows_wanted}"))
            .header("cookie", &hr)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        export_times.push(started.elapsed());
        export_rows = body
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            .saturating_sub(1);
    }
    export_times.sort();
    eprintln!(
        "CSV export: {export_rows} rows, median {:.0} ms",
        ms(export_times[2])
    );

    // The write path: create a complete position and submit it.
    let placements: Vec<serde_json::Value> =
        ["Kennis", "Documenten", "Praktische organisatie", "Procedures", "Verbetering", "Vragen of klachten", "Contacten"]
            .iter()
            .map(|c| serde_json::json!({"criterion": c, "level": "C", "evidence": "Een voorbeeld uit het dagelijkse werk."}))
            .collect();
    let body = serde_json::json!({
        "profile": SEED_SLUG, "title": "Benchmark", "unit": "FOD BOSA / Bench", "purpose": "Meten.",
        "tasks": ["Meten"], "result_areas": [{"title": "Als contactpersoon", "share": 100}],
        "placements": placements,
    })
    .to_string();
    let auth = format!("Bearer {manager_token}");
    let make: Arc<dyn Fn(usize) -> Vec<Target> + Send + Sync> = Arc::new(move |_| {
        vec![
            Target {
                method: reqwest::Method::POST,
                path: "/api/v1/positions".into(),
                headers: vec![("authorization".into(), auth.clone())],
                body: Some(body.clone()),
            },
            Target {
                method: reqwest::Method::POST,
                path: "/api/v1/positions/{id}/submit".into(),
                headers: vec![("authorization".into(), auth.clone())],
                body: None,
            },
        ]
    });
    let (latencies, errors, written) = load(&client, &base, s.connections, s.seconds, make).await;
    let writes = Row {
        name: "write mix: create + submit (API)".into(),
        requests: latencies.len(),
        errors,
        per_second: latencies.len() as f64 / s.seconds as f64,
        p50: percentile(&latencies, 0.5),
        p99: percentile(&latencies, 0.99),
        note: format!("{:.0} positions/s", written as f64 / s.seconds as f64),
    };
    eprintln!(
        "{:<44} {:>9.0} req/s  {}  errors {}",
        writes.name, writes.per_second, writes.note, writes.errors
    );
    rows.push(writes);

    let rss = peak_rss_kb(pid);
    stop(server);
    if s.keep.is_none() {
        let _ = std::fs::remove_dir_all(&root);
    } else {
        let _ = std::fs::remove_file(root.join("v2.json"));
        let _ = std::fs::remove_dir(&root);
    }

    let floor = rows[0].per_second.max(1.0);
    let mut md = String::new();
    md.push_str("# Performance\n\n");
    md.push_str("Written by `scripts/bench` (see README). One run; figures on a shared machine vary by 30–40 % between runs, so the budget is checked as ratios to `/healthz` within the run.\n\n");
    md.push_str(&format!(
        "- Date: {}\n- Commit: {}\n- Machine: {}\n- Load: {} connections, {} s per row, from a second process on loopback\n- Data: {} positions generated by `jobclass demo-data` ({:.0} s including the second seed version)\n\n",
        time::OffsetDateTime::now_utc().date(),
        commit(),
        machine(),
        s.connections,
        s.seconds,
        s.positions,
        generation.as_secs_f64()
    ));
    md.push_str("| Route | requests | req/s | p50 ms | p99 ms | ratio to /healthz | errors | note |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for row in &rows {
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
    md.push_str(&format!(
        "| CSV export, {export_rows} rows | 5 | | {:.0} (median) | {:.0} (max) | | 0 | streamed |\n\n",
        ms(export_times[2]),
        ms(export_times[4])
    ));
    md.push_str(&format!(
        "- Peak RSS of the portal (VmHWM): {:.1} MB\n- Start on an existing data folder to `/readyz` = 200: {:.2} s\n- First start on an empty folder (initdb included) to `/readyz` = 200: {:.2} s\n",
        rss as f64 / 1024.0,
        restart.as_secs_f64(),
        first_start.as_secs_f64()
    ));
    let budget = [
        (
            "profile and compare pages ≥ 0.35 × /healthz",
            rows[2].per_second / floor >= 0.35 && rows[3].per_second / floor >= 0.35,
        ),
        (
            "API profile ≥ 0.40 × /healthz",
            rows[4].per_second / floor >= 0.40,
        ),
        (
            "HR queue page ≥ 0.15 × /healthz",
            rows[5].per_second / floor >= 0.15,
        ),
        (
            "write path ≥ 500 positions/s",
            rows[8]
                .note
                .split_whitespace()
                .next()
                .and_then(|n| n.parse::<f64>().ok())
                .unwrap_or(0.0)
                >= 500.0,
        ),
        (
            "CSV export of ~10k rows < 1 s",
            export_times[2] < Duration::from_secs(1),
        ),
        ("peak RSS ≤ 100 MB", rss <= 100 * 1024),
    ];
    md.push_str("\n## Budget\n\n");
    for (what, ok) in budget {
        md.push_str(&format!(
            "- {} {what}\n",
            if ok { "✅ within:" } else { "❌ missed:" }
        ));
    }
    // Keep the hand-written notes that follow the figures.
    if let Some(notes) = std::fs::read_to_string("docs/PERFORMANCE.md")
        .ok()
        .and_then(|old| old.find("\n## Notes").map(|at| old[at..].to_string()))
    {
        md.push_str(&notes);
    }
    std::fs::create_dir_all("docs").unwrap();
    std::fs::write("docs/PERFORMANCE.md", &md).unwrap();
    eprintln!("\n{md}");
}
