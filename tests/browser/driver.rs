//! The programs the browser tests need: Chromium, chromedriver (one per
//! test binary, started on first use on a free port, stopped when the
//! binary exits) and the axe-core script. Missing ones skip the suite
//! outside CI, with one line saying what to install, and fail it in CI.

use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, Stdio};
use std::sync::{Mutex, Once, OnceLock};
use std::time::{Duration, Instant};

/// The programs and the checker the suite needs.
pub struct Tools {
    pub chromium: PathBuf,
    pub driver_url: String,
    /// The axe-core script, injected into every page.
    pub axe: String,
}

static TOOLS: OnceLock<Result<Tools, String>> = OnceLock::new();
/// Keeps the watchdog's stdin open for the life of the test process.
static WATCHDOG: Mutex<Option<ChildStdin>> = Mutex::new(None);

/// The tools, with chromedriver running; `None` when something is missing
/// outside CI (said once, on one line). In CI a missing tool is a failure.
pub fn tools() -> Option<&'static Tools> {
    match TOOLS.get_or_init(find_tools) {
        Ok(tools) => Some(tools),
        Err(missing) if in_ci() => panic!("the browser tests cannot run: {missing}"),
        Err(missing) => {
            static SAID: Once = Once::new();
            // Straight to stderr: libtest captures `eprintln!` of passing tests.
            SAID.call_once(|| {
                let _ = writeln!(std::io::stderr(), "browser tests skipped: {missing}");
            });
            None
        }
    }
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn find_tools() -> Result<Tools, String> {
    let chromium = on_path(&["chromium", "chromium-browser"]);
    let driver = on_path(&["chromedriver"]);
    let axe_path = std::env::var("AXE_CORE_JS").map_or_else(
        |_| Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js"),
        PathBuf::from,
    );
    let axe = std::fs::read_to_string(&axe_path).ok();
    let mut missing = Vec::new();
    if chromium.is_none() || driver.is_none() {
        missing.push("Chromium and chromedriver (apt-get install chromium chromium-driver)");
    }
    if axe.is_none() {
        missing.push(
            "axe-core (npm install --no-save --no-package-lock axe-core, or set AXE_CORE_JS)",
        );
    }
    match (chromium, driver, axe) {
        (Some(chromium), Some(driver), Some(axe)) => Ok(Tools {
            chromium,
            driver_url: start_driver(&driver)?,
            axe,
        }),
        _ => Err(format!("install {}", missing.join(" and "))),
    }
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Starts chromedriver on a free loopback port and waits until it listens.
#[allow(
    clippy::zombie_processes,
    reason = "the watchdog stops chromedriver when this process exits"
)]
fn start_driver(driver: &Path) -> Result<String, String> {
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map_err(|err| format!("no free port for chromedriver: {err}"))?
        .port();
    let mut child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|err| format!("cannot start {}: {err}", driver.display()))?;
    watch(child.id());
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("chromedriver exited at start: {status}"));
        }
        if Instant::now() > deadline {
            return Err("chromedriver did not listen within 20 s".into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(format!("http://127.0.0.1:{port}"))
}

/// Stops chromedriver's process group when this process exits, however it
/// exits: the watchdog waits for its stdin to close, which the kernel does
/// at our exit.
#[allow(
    clippy::zombie_processes,
    reason = "the watchdog must outlive this process"
)]
fn watch(group: u32) {
    // dash, the usual sh, takes no `--` before a negative (group) id.
    let script = format!("cat >/dev/null; kill -TERM -{group} 2>/dev/null");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("watchdog");
    *WATCHDOG.lock().unwrap() = child.stdin.take();
}
