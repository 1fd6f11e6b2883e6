//! A private PostgreSQL cluster of one test, which the test may stop, kill
//! and start again. Durable (fsync and synchronous commit on): what a
//! commit acknowledged must survive a kill -9 of the server.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use jobclass::db::embedded::{Cluster, Options};
use nix::sys::signal::Signal;
use sqlx::PgPool;
use sqlx::postgres::PgConnectOptions;

use crate::support::{DataFolder, alive, signal, wait_gone};

/// A running cluster with the `jobclass` database.
pub struct TestCluster {
    pub folder: DataFolder,
    cluster: Arc<Mutex<Cluster>>,
}

impl TestCluster {
    pub async fn start() -> Self {
        let folder = DataFolder::new("jcr-");
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
        signal(pid, Signal::SIGKILL);
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
