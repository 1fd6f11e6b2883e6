//! A private PostgreSQL cluster of one test, which the test may stop, kill
//! and start again. Durable (fsync and synchronous commit on): what a
//! commit acknowledged must survive a kill -9 of the server.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use jobclass::db::embedded::{Cluster, Options};
use sqlx::PgPool;
use sqlx::postgres::PgConnectOptions;

/// A temporary folder the postgres user can reach; on drop, any server
/// still running in `<root>/data/postgres` is stopped and the folder removed.
pub struct Folder {
    pub root: PathBuf,
}

impl Folder {
    pub fn new() -> Self {
        let root = tempfile::Builder::new()
            .prefix("jcr-")
            .tempdir_in("/tmp")
            .unwrap()
            .keep();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        Folder { root }
    }

    /// The data folder (`JOBCLASS_DATA_DIR`).
    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    /// The postmaster's pid, while its pid file exists.
    pub fn postmaster(&self) -> Option<i32> {
        postmaster_of(&self.data())
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        if let Some(pid) = self.postmaster() {
            signal(pid, "QUIT");
            wait_gone(pid, Duration::from_secs(10));
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn postmaster_of(data: &Path) -> Option<i32> {
    std::fs::read_to_string(data.join("postgres/postmaster.pid"))
        .ok()?
        .lines()
        .next()?
        .trim()
        .parse()
        .ok()
}

pub fn signal(pid: i32, name: &str) {
    let _ = Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status();
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

pub fn wait_gone(pid: i32, limit: Duration) {
    let deadline = Instant::now() + limit;
    while alive(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A running cluster with the `jobclass` database.
pub struct TestCluster {
    pub folder: Folder,
    cluster: Arc<Mutex<Cluster>>,
}

impl TestCluster {
    pub async fn start() -> Self {
        let folder = Folder::new();
        let data = folder.data();
        let cluster = tokio::task::spawn_blocking(move || {
            let mut cluster = Cluster::open(&data, Options { ephemeral: false }).unwrap();
            cluster.start().unwrap();
            cluster
        })
        .await
        .unwrap();
        jobclass::db::create_database(&cluster, jobclass::db::EMBEDDED_DATABASE)
            .await
            .unwrap();
        TestCluster {
            folder,
            cluster: Arc::new(Mutex::new(cluster)),
        }
    }

    pub fn options(&self) -> PgConnectOptions {
        self.cluster
            .lock()
            .unwrap()
            .connect_options(jobclass::db::EMBEDDED_DATABASE)
    }

    /// A small pool for the test's own checks (not the portal's).
    pub async fn pool(&self) -> PgPool {
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(4)
            .connect_with(self.options())
            .await
            .unwrap()
    }

    /// `pg_ctl stop -m fast`: sessions are ended, the socket disappears.
    pub async fn stop(&self) {
        let cluster = self.cluster.clone();
        tokio::task::spawn_blocking(move || cluster.lock().unwrap().stop().unwrap())
            .await
            .unwrap();
    }

    /// kill -9 of the postmaster; returns once it is gone (its socket file
    /// and pid file stay behind, as after a crash).
    pub async fn kill(&self) {
        let pid = self.folder.postmaster().expect("the server runs");
        signal(pid, "KILL");
        tokio::task::spawn_blocking(move || wait_gone(pid, Duration::from_secs(10)))
            .await
            .unwrap();
        assert!(!alive(pid), "the postmaster survived kill -9");
    }

    /// Starts the server again (after a crash: crash recovery first).
    pub async fn restart(&self) {
        let cluster = self.cluster.clone();
        tokio::task::spawn_blocking(move || {
            let started = cluster.lock().unwrap().start().unwrap();
            assert!(started, "the server was still running");
        })
        .await
        .unwrap();
    }
}
