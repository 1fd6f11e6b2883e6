//! The portal under test: in this process on a test cluster (with the
//! production pool), or the real binary on its own private cluster.

use std::net::SocketAddr;
use std::path::Path;

use jobclass::app::{AppState, build_router};
use jobclass::config::Config;
use sqlx::PgPool;

use crate::cluster::TestCluster;
pub use crate::support::free_port;
use crate::support::{Binary, Database, Portal, TestApp};

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
        database: Database::unmanaged(jobclass::db::EMBEDDED_DATABASE),
        client: crate::support::client(),
        clock: Default::default(),
    }
}

/// The `jobclass` binary cargo built for these tests.
fn jobclass() -> Binary {
    Binary::new(env!("CARGO_BIN_EXE_jobclass"))
}

/// `jobclass serve` on the private cluster in `data`, listening on `port`;
/// returns once it answers /readyz.
pub async fn binary(data: &Path, port: u16) -> Portal {
    jobclass().serve(data, port).await
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
        database: Database::unmanaged(jobclass::db::EMBEDDED_DATABASE),
        client: crate::support::client(),
        clock: Default::default(),
    }
}
