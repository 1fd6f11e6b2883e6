//! A data folder for a private PostgreSQL cluster that a test (or the
//! `jobclass` binary it runs) starts itself, and the processes in it.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

/// A temporary folder under `/tmp` that the postgres user can reach (the
/// cluster may run as that user). On drop, a server still running in its
/// data folder is stopped (SIGQUIT, then waited for) and the folder removed.
pub struct DataFolder {
    root: PathBuf,
}

impl DataFolder {
    /// A new folder named `<prefix>…` (the prefix tells whose it is).
    pub fn new(prefix: &str) -> Self {
        let root = tempfile::Builder::new()
            .prefix(prefix)
            .tempdir_in("/tmp")
            .expect("a temporary folder")
            .keep();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755))
            .expect("the folder opened to the postgres user");
        DataFolder { root }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The data folder in it (`JOBCLASS_DATA_DIR`): `<root>/data`.
    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    /// The postmaster's pid, while its pid file exists (after a crash,
    /// the pid file stays behind).
    pub fn postmaster(&self) -> Option<i32> {
        std::fs::read_to_string(self.data().join("postgres/postmaster.pid"))
            .ok()?
            .lines()
            .next()?
            .trim()
            .parse()
            .ok()
    }
}

impl Drop for DataFolder {
    fn drop(&mut self) {
        if let Some(pid) = self.postmaster() {
            signal(pid, Signal::SIGQUIT);
            wait_gone(pid, Duration::from_secs(10));
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Sends `signal` to process `pid`; a process already gone is no error.
pub fn signal(pid: i32, signal: Signal) {
    let _ = kill(Pid::from_raw(pid), signal);
}

/// Whether a process runs (a zombie does not).
pub fn alive(pid: i32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z')),
        Err(_) => false,
    }
}

/// Waits until process `pid` is gone, at most `limit`.
pub fn wait_gone(pid: i32, limit: Duration) {
    let deadline = Instant::now() + limit;
    while alive(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}
