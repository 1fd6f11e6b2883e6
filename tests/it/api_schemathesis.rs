//! Schemathesis (a third-party API fuzzer, the Python package `schemathesis`) against
//! the running portal: it reads `/api/openapi.json`, makes requests from
//! it, right and wrong, and runs every check it has — no server error,
//! documented statuses, content types and body shapes, data the document
//! calls valid accepted and data it calls invalid refused — once per role
//! (an API token each) and once without a token. Zero failures.
//!
//! `.ci/run` installs Schemathesis in a virtual environment outside the
//! clone (`$HOME/.cache/jobclass-schemathesis`, or `$SCHEMATHESIS_DIR`);
//! `SCHEMATHESIS` names the `st` program directly. Without it the test is
//! skipped, with a message, except in CI (`CI` set), where it fails.

use std::path::PathBuf;
use std::time::Instant;

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::api::{position_body, submitted_position};

/// Test cases per operation and phase: enough to find what a careless
/// document or handler gets wrong, few enough to keep the four runs
/// within a few minutes on two cores.
const EXAMPLES: &str = "10";

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The `st` program, where `.ci/run` puts it (or `SCHEMATHESIS`).
fn schemathesis() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("SCHEMATHESIS") {
        return Some(PathBuf::from(path)).filter(|p| p.is_file());
    }
    let dir = std::env::var("SCHEMATHESIS_DIR").map_or_else(
        |_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default())
                .join(".cache/jobclass-schemathesis")
        },
        PathBuf::from,
    );
    Some(dir.join("bin/st")).filter(|p| p.is_file())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_schemathesis_finds_no_failure_for_any_caller() {
    let Some(st) = schemathesis() else {
        assert!(
            !in_ci(),
            "Schemathesis is not installed ($HOME/.cache/jobclass-schemathesis/bin/st): \
             .ci/run installs it"
        );
        eprintln!(
            "SKIPPED api_schemathesis: Schemathesis is not installed; run .ci/run, or \
             `python3 -m venv ~/.cache/jobclass-schemathesis && \
             ~/.cache/jobclass-schemathesis/bin/pip install schemathesis`"
        );
        return;
    };
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await.api().await;
    let hr = app.login_as(Role::Hr).await.api().await;
    let admin = app.login_as(Role::Admin).await.api().await;
    // Something to find: a draft and a submitted position.
    let (status, _) = manager
        .post("/api/v1/positions", Some(&position_body("schemathesis")))
        .await;
    assert_eq!(status, StatusCode::CREATED);
    submitted_position(&manager, "schemathesis").await;

    let config = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/it/schemathesis.toml");
    let report = tempfile::tempdir().unwrap();
    let callers = [
        ("admin", Some(admin.token.clone())),
        ("hr", Some(hr.token.clone())),
        ("manager", Some(manager.token.clone())),
        ("anonymous", None),
    ];
    let started = Instant::now();
    // The four runs at once, one process each: Schemathesis computes in one
    // thread (`--workers 1`: CPython 3.11 before 3.11.8 can fail parsing in
    // two threads at once, "AST constructor recursion depth mismatch").
    let runs = callers.map(|(who, token)| {
        let mut command = tokio::process::Command::new(&st);
        command
            .arg("--no-color")
            .arg("--config-file")
            .arg(&config)
            .arg("run")
            .arg(app.url("/api/openapi.json"))
            .args(["--checks", "all", "--mode", "all"])
            .args(["--max-examples", EXAMPLES, "--seed", "20"])
            .args(["--workers", "1", "--generation-database", "none"])
            .args(["--report", "junit", "--report-dir"])
            .arg(report.path().join(who))
            // Its cache of crashes goes to `.schemathesis` where it runs:
            // in the temporary folder, not the clone.
            .current_dir(report.path())
            .kill_on_drop(true);
        if let Some(token) = token {
            command
                .arg("--header")
                .arg(format!("Authorization: Bearer {token}"));
        }
        async move {
            let run = Instant::now();
            let output = command.output().await.expect("cannot run Schemathesis");
            (who, output, run.elapsed())
        }
    });
    let mut failed = Vec::new();
    for (who, output, took) in futures_util::future::join_all(runs).await {
        let stdout = String::from_utf8_lossy(&output.stdout);
        let summary: Vec<&str> = stdout
            .lines()
            .filter(|l| l.contains("generated") || l.contains("Runtime Error"))
            .collect();
        eprintln!(
            "schemathesis as {who}: exit {:?} in {took:.0?}: {}",
            output.status.code(),
            summary.join("; ").trim()
        );
        if !output.status.success() {
            eprintln!("{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
            failed.push(who);
        }
    }
    eprintln!("schemathesis: four runs in {:.0?}", started.elapsed());
    assert!(
        failed.is_empty(),
        "Schemathesis found failures as {failed:?} (above)"
    );
}
