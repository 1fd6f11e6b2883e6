//! The `jobclass` binary run as its users run it: a command run to its
//! end, or `jobclass serve` started as a separate process and awaited
//! until it answers `/readyz`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// Longest `jobclass serve` may take to answer `/readyz` (a first start
/// runs `initdb`; a loaded two-core machine is slow).
const READY_LIMIT: Duration = Duration::from_secs(120);

/// The `jobclass` binary at a path. Cargo tells only test and bench
/// targets where it built it: they pass `env!("CARGO_BIN_EXE_jobclass")`.
#[derive(Clone, Debug)]
pub struct Binary {
    path: PathBuf,
    /// `RUST_LOG` for its runs; `None` leaves it unset.
    log: Option<String>,
}

/// The database a run of the binary uses.
#[derive(Clone, Copy, Debug)]
pub enum Store<'a> {
    /// The server and database at this URL (`DATABASE_URL`).
    Url(&'a str),
    /// The private cluster in this data folder (`JOBCLASS_DATA_DIR`, and no
    /// `DATABASE_URL` even if the test process has one).
    DataDir(&'a Path),
}

impl Binary {
    /// The binary at `path`, logging warnings only.
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Binary {
            path: path.into(),
            log: Some("warn".into()),
        }
    }

    /// The same binary run with `RUST_LOG` set to `filter`, or (`None`)
    /// with `RUST_LOG` unset: the default log settings, as a user runs it.
    #[must_use]
    pub fn logging(mut self, filter: Option<&str>) -> Self {
        self.log = filter.map(str::to_string);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A command running `args` on `store` with this binary's log
    /// settings; its standard streams are the caller's to set.
    pub fn command(&self, store: Store<'_>, args: &[&str]) -> Command {
        let mut command = Command::new(&self.path);
        command.args(args);
        match &self.log {
            Some(filter) => command.env("RUST_LOG", filter),
            None => command.env_remove("RUST_LOG"),
        };
        match store {
            Store::Url(url) => command.env("DATABASE_URL", url),
            Store::DataDir(data) => command
                .env_remove("DATABASE_URL")
                .env("JOBCLASS_DATA_DIR", data),
        };
        command
    }

    /// Runs `args` on `store` to its end, with `stdin` as its input; what
    /// it printed and how it ended.
    pub fn run(&self, store: Store<'_>, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = self
            .command(store, args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|err| panic!("run {}: {err}", self.path.display()));
        let input = child.stdin.take();
        if let (Some(text), Some(mut input)) = (stdin, input) {
            input.write_all(text.as_bytes()).expect("write to jobclass");
        }
        child.wait_with_output().expect("wait for jobclass")
    }

    /// Starts `jobclass serve` on the private cluster in `data`, listening
    /// on `127.0.0.1:port`, and returns once `/readyz` answers 200. Panics
    /// when it ends first or is not ready within two minutes.
    pub async fn serve(&self, data: &Path, port: u16) -> Portal {
        self.serve_on(Store::DataDir(data), port, &[]).await
    }

    /// Starts `jobclass serve` on `store` with the extra environment
    /// `env`, listening on `127.0.0.1:port`; returns once `/readyz`
    /// answers 200.
    pub async fn serve_on(&self, store: Store<'_>, port: u16, env: &[(&str, &str)]) -> Portal {
        let child = self
            .command(store, &[])
            .envs(env.iter().copied())
            .env("JOBCLASS_BIND", format!("127.0.0.1:{port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|err| panic!("start {}: {err}", self.path.display()));
        let mut portal = Portal {
            child: Some(child),
            port,
        };
        portal.wait_ready().await;
        portal
    }
}

/// A running `jobclass serve`, killed if it is dropped without `stop`.
pub struct Portal {
    child: Option<Child>,
    port: u16,
}

impl Portal {
    /// Its address, as `http://127.0.0.1:PORT`.
    pub fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Its process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.as_ref().map(Child::id)
    }

    async fn wait_ready(&mut self) {
        let client = reqwest::Client::new();
        let url = format!("{}/readyz", self.base());
        let started = Instant::now();
        loop {
            let ready = client
                .get(&url)
                .timeout(Duration::from_secs(2))
                .send()
                .await
                .is_ok_and(|r| r.status().is_success());
            if ready {
                return;
            }
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                panic!("jobclass serve ended with {status}");
            }
            assert!(
                started.elapsed() < READY_LIMIT,
                "jobclass serve did not get ready within {READY_LIMIT:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// kill -9, and wait for it to be gone.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM (it finishes the requests in flight and stops its cluster),
    /// and its exit status.
    pub fn stop(&mut self) -> ExitStatus {
        let mut child = self.child.take().expect("the portal runs");
        let pid = i32::try_from(child.id()).expect("a process id");
        kill(Pid::from_raw(pid), Signal::SIGTERM).expect("SIGTERM to the portal");
        child.wait().expect("wait for the portal")
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        self.kill();
    }
}

/// What a run printed: its standard output, then its standard error.
pub fn printed(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A loopback port free at the time of asking.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .expect("a free loopback port")
}
