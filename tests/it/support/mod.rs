//! Test harness: one PostgreSQL server per test run, a fresh database per
//! test (copied from a migrated template), and the real router served on a
//! loopback port.
//!
//! With `DATABASE_URL` unset, the server is a private cluster made by the
//! app's own embedded-cluster code in a temporary folder; a watchdog
//! process stops and removes it when the test process ends, however it
//! ends. With `DATABASE_URL` set, that server is used instead.

pub mod actors;
pub mod api;
pub mod html;
pub mod queries;

use std::io::Write;
use std::net::SocketAddr;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Mutex, OnceLock};

use jobclass::app::{AppState, build_router};
use jobclass::config::Config;
use jobclass::db::embedded::{Cluster, Options};
use reqwest::StatusCode;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgPool};

/// The test server and its two template databases.
pub struct Server {
    /// Options for connecting as a superuser; set the database per use.
    admin: PgConnectOptions,
    /// The private cluster's data folder, when we run one.
    pub data_dir: Option<PathBuf>,
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
    let (admin, data_dir) = match std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
        Some(url) => (url.parse::<PgConnectOptions>().expect("DATABASE_URL"), None),
        None => {
            let dir = tempfile::Builder::new()
                .prefix("jc-")
                .tempdir_in("/tmp")
                .unwrap()
                .keep();
            // The cluster may run as the postgres user, who must reach it.
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
            let mut cluster =
                Cluster::open(&dir, Options { ephemeral: true }).expect("test cluster");
            cluster.start().expect("test cluster start");
            watch(&cluster, &dir);
            (cluster.connect_options("postgres"), Some(dir))
        }
    };
    let server = Server {
        admin,
        data_dir,
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
fn watch(cluster: &Cluster, dir: &std::path::Path) {
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
        match &self.data_dir {
            Some(dir) => format!(
                "postgres://{}@localhost/{}?host={}",
                jobclass::db::embedded::SUPERUSER,
                database,
                dir.join("postgres").display()
            ),
            None => {
                let mut url = self.admin.to_url_lossy();
                url.set_path(database);
                url.to_string()
            }
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
                jobclass::profiles::db::seed_if_empty(&pool)
                    .await
                    .expect("seed");
            }
            pool.close().await;
        }
        admin.close().await.ok();
    }

    /// A fresh database copied from `template`; returns its name.
    pub async fn database(&self, template: Template) -> String {
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
                Err(err) if tries < 50 => {
                    tries += 1;
                    let _ = err;
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                }
                Err(err) => panic!("create test database: {err}"),
            }
        }
        admin.close().await.ok();
        name
    }

    /// A new database with nothing in it, not even the migrations.
    pub async fn blank_database(&self) -> String {
        let name = format!("{}_{}", self.prefix, uuid::Uuid::new_v4().simple());
        let mut admin = self.options("postgres").connect().await.unwrap();
        sqlx::query(&format!("create database {name}"))
            .execute(&mut admin)
            .await
            .unwrap();
        admin.close().await.ok();
        name
    }

    /// A pool on a database.
    pub async fn pool(&self, database: &str) -> PgPool {
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(8)
            .connect_with(self.options(database))
            .await
            .unwrap()
    }
}

/// The portal served on a loopback port against its own fresh database.
pub struct TestApp {
    pub addr: SocketAddr,
    pub pool: PgPool,
    pub database: String,
    pub client: reqwest::Client,
}

impl TestApp {
    /// An app whose database holds the seed profile.
    pub async fn spawn() -> Self {
        Self::spawn_with(Template::Seeded).await
    }

    /// An app with an empty (migrated) database.
    pub async fn spawn_empty() -> Self {
        Self::spawn_with(Template::Empty).await
    }

    /// An app with the seed and a configuration changed by `change`.
    pub async fn spawn_with_config(change: impl FnOnce(&mut Config)) -> Self {
        let mut config = Config::for_data_dir(PathBuf::from("/nonexistent"));
        change(&mut config);
        Self::start(Template::Seeded, config).await
    }

    async fn spawn_with(template: Template) -> Self {
        Self::start(
            template,
            Config::for_data_dir(PathBuf::from("/nonexistent")),
        )
        .await
    }

    /// An app (with the seed) that listens for changes and so caches the
    /// catalogue and signed-in sessions, as `serve` does.
    pub async fn spawn_listening() -> Self {
        let config = Config::for_data_dir(PathBuf::from("/nonexistent"));
        Self::start_with(Template::Seeded, config, true).await
    }

    async fn start(template: Template, config: Config) -> Self {
        Self::start_with(template, config, false).await
    }

    async fn start_with(template: Template, config: Config, listen: bool) -> Self {
        let database = server().database(template).await;
        Self::start_on(database, config, listen).await
    }

    /// Another instance on this app's database, listening for changes as
    /// `serve` does (several instances behind a load balancer).
    pub async fn another_instance(&self) -> Self {
        let config = Config::for_data_dir(PathBuf::from("/nonexistent"));
        Self::start_on(self.database.clone(), config, true).await
    }

    async fn start_on(database: String, config: Config, listen: bool) -> Self {
        let pool = server().pool(&database).await;
        let state = AppState::new(pool.clone(), config);
        if listen {
            state.listen();
        }
        let router = build_router(state);
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
            pool,
            database,
            client: client(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// GET a page: its status and parsed HTML.
    pub async fn page(&self, path: &str) -> (StatusCode, html::Page) {
        let response = self.get(path).await;
        let status = response.status();
        (status, html::Page::parse(&response.text().await.unwrap()))
    }

    /// GET JSON: its status and body.
    pub async fn json(&self, path: &str) -> (StatusCode, serde_json::Value) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.json().await.unwrap())
    }

    /// URL of this app's database, for running the binary against it.
    pub fn database_url(&self) -> String {
        server().url(&self.database)
    }

    /// Counts rows of a table (to show that nothing changed).
    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }
}

/// A client with its own cookie jar that does not follow redirects.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Runs the `jobclass` binary with `args` against `database_url`.
pub fn jobclass(database_url: &str, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobclass"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jobclass");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}
