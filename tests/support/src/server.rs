//! One PostgreSQL server per test process, two migrated template databases
//! on it, and a fresh database per test copied from one of them.
//!
//! With `DATABASE_URL` unset, the server is a private cluster made by the
//! app's own embedded-cluster code in a temporary folder; a watchdog
//! process stops and removes it when the test process ends, however it
//! ends. With `DATABASE_URL` set, that server is used instead.
//!
//! Every database a test gets is dropped when its last [`Database`] handle
//! goes (tests that start a second instance share one). The two templates
//! (`jct<pid>_tpl_empty`, `jct<pid>_tpl_seeded`) stay until the server
//! goes: a private cluster is removed whole at exit, but on a `DATABASE_URL`
//! server they stay behind, two per run (nothing runs after the last test
//! to drop them).

use std::ops::Deref;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use jobclass::db::embedded::{Cluster, Options};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgPool};

use crate::queries;

/// The test server and its two template databases.
pub struct Server {
    /// Options for connecting as a superuser; set the database per use.
    admin: PgConnectOptions,
    /// The private cluster's data folder, when we run one.
    pub data_dir: Option<PathBuf>,
    /// `DATABASE_URL` as given, when we use that server: the binary gets
    /// it with only the database changed (`PgConnectOptions::to_url_lossy`
    /// adds sqlx's own parameters, which `pg_dump` refuses).
    given_url: Option<reqwest::Url>,
    /// Prefix of every database this run creates.
    prefix: String,
}

/// Templates: migrations only, or migrations plus the seed profile.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Template {
    Empty,
    Seeded,
}

impl Template {
    fn suffix(self) -> &'static str {
        match self {
            Template::Empty => "tpl_empty",
            Template::Seeded => "tpl_seeded",
        }
    }
}

static SERVER: OnceLock<Server> = OnceLock::new();

/// Logs as the app does (`RUST_LOG`, default warnings) and counts the SQL
/// statements of each request (`queries`).
fn install_tracing() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{EnvFilter, Layer, filter::Targets};
    let logs = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")));
    let counter = queries::QueryCounter.with_filter(
        Targets::new()
            .with_target("sqlx::query", tracing::Level::DEBUG)
            .with_target("jobclass", tracing::Level::INFO),
    );
    let _ = tracing_subscriber::registry()
        .with(logs)
        .with(counter)
        .try_init();
}

/// Keeps the watchdog's stdin open for the life of the test process.
static WATCHDOG: Mutex<Option<std::process::ChildStdin>> = Mutex::new(None);

/// The shared server, started on first use.
pub fn server() -> &'static Server {
    SERVER.get_or_init(|| {
        // Own thread and runtime: we may be inside a test's runtime here.
        std::thread::spawn(start_server)
            .join()
            .unwrap_or_else(|_| panic!("the test database server did not start"))
    })
}

fn start_server() -> Server {
    install_tracing();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let prefix = format!("jct{}", std::process::id());
    let given_url = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty());
    let (admin, data_dir) = if let Some(url) = &given_url {
        (url.parse::<PgConnectOptions>().expect("DATABASE_URL"), None)
    } else {
        let dir = tempfile::Builder::new()
            .prefix("jc-")
            .tempdir_in("/tmp")
            .unwrap()
            .keep();
        // The cluster may run as the postgres user, who must reach it.
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        let mut cluster = Cluster::open(&dir, Options { ephemeral: true }).expect("test cluster");
        cluster.start().expect("test cluster start");
        watch(&cluster, &dir);
        (cluster.connect_options("postgres"), Some(dir))
    };
    let server = Server {
        admin,
        data_dir,
        given_url: given_url.map(|url| reqwest::Url::parse(&url).expect("DATABASE_URL")),
        prefix,
    };
    runtime.block_on(server.make_templates());
    server
}

/// Stops and removes the cluster when this process exits: the watchdog
/// waits for its stdin to close, which the kernel does at our exit, then
/// sends the postmaster SIGQUIT (immediate shutdown) and removes the folder.
#[allow(
    clippy::zombie_processes,
    reason = "the watchdog must outlive this process"
)]
fn watch(cluster: &Cluster, dir: &Path) {
    let pidfile = cluster.pgdata().join("postmaster.pid");
    let script = format!(
        "cat >/dev/null; pid=$(head -n 1 '{pidfile}' 2>/dev/null); \
         if [ -n \"$pid\" ]; then kill -QUIT \"$pid\" 2>/dev/null; \
         while kill -0 \"$pid\" 2>/dev/null; do sleep 0.1; done; fi; rm -rf '{dir}'",
        pidfile = pidfile.display(),
        dir = dir.display()
    );
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(&script)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("watchdog");
    *WATCHDOG.lock().unwrap() = child.stdin.take();
}

impl Server {
    fn options(&self, database: &str) -> PgConnectOptions {
        self.admin.clone().database(database)
    }

    /// URL of a database, for running the `jobclass` binary against it.
    pub fn url(&self, database: &str) -> String {
        match (&self.data_dir, &self.given_url) {
            (Some(dir), _) => format!(
                "postgres://{}@localhost/{}?host={}",
                jobclass::db::embedded::SUPERUSER,
                database,
                dir.join("postgres").display()
            ),
            (None, Some(given)) => {
                let mut url = given.clone();
                url.set_path(database);
                url.to_string()
            }
            (None, None) => unreachable!("a server is either ours or DATABASE_URL's"),
        }
    }

    async fn make_templates(&self) {
        let mut admin = self
            .options("postgres")
            .connect()
            .await
            .expect("connect to test server");
        for template in [Template::Empty, Template::Seeded] {
            let name = format!("{}_{}", self.prefix, template.suffix());
            sqlx::query(&format!("drop database if exists {name}"))
                .execute(&mut admin)
                .await
                .unwrap();
            sqlx::query(&format!("create database {name}"))
                .execute(&mut admin)
                .await
                .unwrap();
            let pool = PgPool::connect_with(self.options(&name)).await.unwrap();
            jobclass::db::migrate(&pool).await.expect("migrations");
            if template == Template::Seeded {
                jobclass::app::seed(&pool).await.expect("seed");
            }
            pool.close().await;
        }
        admin.close().await.ok();
    }

    /// A fresh database copied from `template`, dropped when its last
    /// handle goes.
    pub async fn database(&'static self, template: Template) -> Database {
        let name = format!("{}_{}", self.prefix, uuid::Uuid::new_v4().simple());
        let mut admin = self.options("postgres").connect().await.unwrap();
        let source = format!("{}_{}", self.prefix, template.suffix());
        // Copies from one template can collide; retry briefly.
        let mut tries = 0;
        loop {
            let result = sqlx::query(&format!("create database {name} template {source}"))
                .execute(&mut admin)
                .await;
            match result {
                Ok(_) => break,
                Err(_) if tries < 50 => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                Err(err) => panic!("create test database: {err}"),
            }
        }
        admin.close().await.ok();
        Database::owned(name, self)
    }

    /// A new database with nothing in it, not even the migrations; dropped
    /// when its last handle goes.
    pub async fn blank_database(&'static self) -> Database {
        let name = format!("{}_{}", self.prefix, uuid::Uuid::new_v4().simple());
        let mut admin = self.options("postgres").connect().await.unwrap();
        sqlx::query(&format!("create database {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        admin.close().await.ok();
        Database::owned(name, self)
    }

    /// Whether a database of this name exists on the server.
    pub async fn has_database(&self, name: &str) -> bool {
        let mut admin = self.options("postgres").connect().await.unwrap();
        let found: bool =
            sqlx::query_scalar("select exists (select 1 from pg_database where datname = $1)")
                .bind(name)
                .fetch_one(&mut admin)
                .await
                .unwrap();
        admin.close().await.ok();
        found
    }

    /// A pool on a database.
    pub async fn pool(&self, database: &str) -> PgPool {
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(8)
            .connect_with(self.options(database))
            .await
            .unwrap()
    }

    /// Drops a database and ends the sessions still on it. Runs on a
    /// thread of its own with its own runtime: it is called from `Drop`,
    /// often inside a test's runtime that is shutting down, where nothing
    /// async may be awaited. The caller waits (one short statement), so
    /// the database is gone before the test process can exit.
    fn drop_database(&self, name: &str) {
        let admin = self.options("postgres");
        let statement = format!("drop database if exists {name} with (force)");
        let name = name.to_string();
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|err| err.to_string())?;
            runtime.block_on(async {
                let mut connection = admin.connect().await.map_err(|err| err.to_string())?;
                sqlx::query(&statement)
                    .execute(&mut connection)
                    .await
                    .map_err(|err| err.to_string())?;
                connection.close().await.ok();
                Ok::<_, String>(())
            })
        })
        .join();
        // Never panic here: this may run while a failed test unwinds.
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(err)) => eprintln!("test database {name} not dropped: {err}"),
            Err(_) => eprintln!("test database {name} not dropped: the dropping thread panicked"),
        }
    }
}

/// A database a test works on: its name (`&*database` or `&database` where
/// a `&str` is wanted), and, for one the harness made, the duty to drop it
/// when the last clone of this handle goes. Instances that share a
/// database share the handle.
#[derive(Clone)]
pub struct Database(Arc<Handle>);

struct Handle {
    name: String,
    /// The server to drop it on; `None` for a database the harness did not
    /// make and leaves alone.
    dropped_on: Option<&'static Server>,
}

impl Database {
    fn owned(name: String, server: &'static Server) -> Self {
        Database(Arc::new(Handle {
            name,
            dropped_on: Some(server),
        }))
    }

    /// A database someone else made and owns (the portal's own, on a
    /// cluster a test started): never dropped by the harness.
    pub fn unmanaged(name: impl Into<String>) -> Self {
        Database(Arc::new(Handle {
            name: name.into(),
            dropped_on: None,
        }))
    }

    /// Its name.
    pub fn name(&self) -> &str {
        &self.0.name
    }
}

impl Deref for Database {
    type Target = str;

    fn deref(&self) -> &str {
        self.name()
    }
}

impl std::fmt::Display for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Database").field(&self.name()).finish()
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        if let Some(server) = self.dropped_on {
            server.drop_database(&self.name);
        }
    }
}
