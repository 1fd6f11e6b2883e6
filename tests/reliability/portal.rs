//! The portal under test: in this process on a test cluster (with the
//! production pool), or the real binary on its own private cluster.

use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use jobclass::app::{AppState, build_router};
use jobclass::config::Config;
use sqlx::PgPool;

use crate::cluster::TestCluster;
use crate::support::TestApp;

/// Serves the real router in this process with a pool of `pool_size`
/// connections made as `jobclass serve` makes it. The returned app's `pool`
/// is a separate one, for the test's own queries.
pub async fn in_process(cluster: &TestCluster, pool_size: u32) -> TestApp {
    let pool = jobclass::db::pool(cluster.options(), pool_size)
        .await
        .unwrap();
    jobclass::db::migrate(&pool).await.unwrap();
    jobclass::profiles::db::seed_if_empty(&pool).await.unwrap();
    let mut config = Config::for_data_dir("/nonexistent".into());
    config.db_pool = pool_size;
    let router = build_router(AppState::new(pool, config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    TestApp {
        addr,
        pool: cluster.pool().await,
        database: jobclass::db::EMBEDDED_DATABASE.into(),
        client: crate::support::client(),
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `jobclass serve`, killed if the test ends without stopping it.
pub struct Portal(pub Option<Child>);

impl Portal {
    /// kill -9, and wait for it to be gone.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.0.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM, and its exit status.
    pub fn stop(&mut self) -> std::process::ExitStatus {
        let mut child = self.0.take().expect("the portal runs");
        crate::cluster::signal(child.id() as i32, "TERM");
        child.wait().unwrap()
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        self.kill();
    }
}

/// `jobclass serve` on the private cluster in `data`, listening on `port`;
/// returns once it answers /readyz.
pub async fn binary(data: &Path, port: u16) -> Portal {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobclass"))
        .env_remove("DATABASE_URL")
        .env("JOBCLASS_DATA_DIR", data)
        .env("JOBCLASS_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let client = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let ready = client
            .get(format!("http://127.0.0.1:{port}/readyz"))
            .timeout(Duration::from_secs(2))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if ready {
            return Portal(Some(child));
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("jobclass serve ended with {status}");
        }
        assert!(
            Instant::now() < deadline,
            "jobclass serve did not get ready"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The binary's database, for the test's own queries (over the cluster's
/// socket; the test runs as the cluster's owner or as root).
pub async fn binary_pool(data: &Path) -> PgPool {
    let options = sqlx::postgres::PgConnectOptions::new()
        .socket(data.join("postgres"))
        .port(5432)
        .username(jobclass::db::embedded::SUPERUSER)
        .database(jobclass::db::EMBEDDED_DATABASE);
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .unwrap()
}

/// A `TestApp` handle on a portal served by the binary.
pub async fn binary_app(data: &Path, port: u16) -> TestApp {
    TestApp {
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
        pool: binary_pool(data).await,
        database: jobclass::db::EMBEDDED_DATABASE.into(),
        client: crate::support::client(),
    }
}
