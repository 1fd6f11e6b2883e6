//! Database access: the connection pool, migrations, the private cluster,
//! and maps of what was read kept right by the database's change notices.

pub mod embedded;
pub mod kept;
pub mod notices;

use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, PgPool};

use crate::config::Config;

/// Name of the database inside the private cluster.
pub const EMBEDDED_DATABASE: &str = "jobclass";

/// How long a request waits for a free connection before it gets a 503.
/// It also bounds an outage: while the server refuses connections, sqlx
/// keeps retrying until this deadline, so it must stay well under the 3 s
/// in which every request is to be answered.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// An open database: the pool, plus the private cluster when we use one.
pub struct Database {
    pub pool: PgPool,
    cluster: Option<embedded::Cluster>,
}

impl Database {
    /// Connects to `DATABASE_URL`, or starts (or joins) the private cluster.
    pub async fn open(config: &Config) -> anyhow::Result<Self> {
        if let Some(url) = config.external_database() {
            let options: PgConnectOptions = url
                .parse()
                .context("DATABASE_URL is not a valid PostgreSQL URL")?;
            let pool = pool(options, config.db_pool)
                .await
                .context("cannot connect to the server in DATABASE_URL")?;
            Ok(Database {
                pool,
                cluster: None,
            })
        } else {
            let data_dir = config.data_dir.clone();
            let cluster = tokio::task::spawn_blocking(move || {
                let mut cluster = embedded::Cluster::open(&data_dir, embedded::Options::default())?;
                cluster.start()?;
                anyhow::Ok(cluster)
            })
            .await??;
            let result = async {
                create_database(&cluster, EMBEDDED_DATABASE).await?;
                pool(cluster.connect_options(EMBEDDED_DATABASE), config.db_pool).await
            }
            .await;
            match result {
                Ok(pool) => Ok(Database {
                    pool,
                    cluster: Some(cluster),
                }),
                Err(err) => {
                    stop_cluster(cluster).await;
                    Err(err)
                }
            }
        }
    }

    /// The private cluster, when the database is in one.
    pub fn cluster(&self) -> Option<&embedded::Cluster> {
        self.cluster.as_ref()
    }

    /// Closes the pool and stops the private cluster if we started it.
    pub async fn close(self) {
        self.pool.close().await;
        if let Some(cluster) = self.cluster {
            stop_cluster(cluster).await;
        }
    }
}

async fn stop_cluster(mut cluster: embedded::Cluster) {
    if !cluster.started_here() {
        return;
    }
    let result = tokio::task::spawn_blocking(move || cluster.stop()).await;
    match result {
        Ok(Ok(())) => {}
        Ok(Err(err)) => tracing::error!("{err:#}"),
        Err(err) => tracing::error!("stopping PostgreSQL failed: {err}"),
    }
}

/// Opens a pool with a bounded wait for connections.
pub async fn pool(options: PgConnectOptions, max: u32) -> anyhow::Result<PgPool> {
    // Every statement is prepared once per connection. PostgreSQL would
    // still plan the queue's statements anew at each run (a custom plan for
    // the unit filter's values): measured at 100,000 positions, planning
    // took longer than running (0.30 ms against 0.26 ms). Their parameters
    // do not change which index serves best, so one generic plan is kept.
    let options = options
        .log_slow_statements(log::LevelFilter::Warn, Duration::from_millis(500))
        .options([("plan_cache_mode", "force_generic_plan")]);
    Ok(PgPoolOptions::new()
        .max_connections(max.max(1))
        .acquire_timeout(ACQUIRE_TIMEOUT)
        // No ping before every use: it doubled the round trips of a signed-in
        // request. A connection broken by a database restart fails its next
        // statement instead (a 503, see error.rs) and is then dropped.
        .test_before_acquire(false)
        .connect_with(options)
        .await?)
}

/// Creates `name` in the cluster unless it exists.
pub async fn create_database(cluster: &embedded::Cluster, name: &str) -> anyhow::Result<()> {
    let mut conn = cluster
        .connect_options("postgres")
        .connect()
        .await
        .context("cannot connect to the private PostgreSQL server")?;
    let exists: bool =
        sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
            .bind(name)
            .fetch_one(&mut conn)
            .await?;
    if !exists {
        // Identifiers cannot be bound as parameters; `name` is ours, not user input.
        sqlx::query(&format!("create database \"{name}\""))
            .execute(&mut conn)
            .await?;
    }
    Ok(())
}

/// Applies the migrations in `migrations/` (embedded in the binary).
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::migrate!()
        .run(pool)
        .await
        .context("database migration failed")?;
    // The session store keeps its table in its own schema.
    tower_sessions_sqlx_store::PostgresStore::new(pool.clone())
        .migrate()
        .await
        .context("session store migration failed")?;
    Ok(())
}
