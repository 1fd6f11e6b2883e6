//! The portal served on a loopback port against its own fresh database.

use std::net::SocketAddr;
use std::path::PathBuf;

use jobclass::app::{AppState, build_router};
use jobclass::config::Config;
use jobclass::profiles::document::{self, ProfileDocument};
use reqwest::StatusCode;
use sqlx::PgPool;

use crate::html;
use crate::server::{Database, Template, server};

/// The portal served on a loopback port against its own fresh database
/// (or, in `tests/reliability`, a handle on a portal run otherwise).
pub struct TestApp {
    pub addr: SocketAddr,
    pub pool: PgPool,
    /// Dropped when this app and every other instance on it are gone.
    pub database: Database,
    pub client: reqwest::Client,
    /// The clock this instance's rules go by; `advance` it to pass a deadline.
    pub clock: jobclass::clock::Clock,
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

    /// A loopback listener and its base URL (`http://127.0.0.1:port`), for
    /// an app whose configuration needs its address before it starts (the
    /// redirect URI registered at an OpenID provider).
    pub async fn listener() -> (tokio::net::TcpListener, String) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        (listener, base)
    }

    /// An app with the seed, a configuration changed by `change`, served
    /// on `listener` (from [`TestApp::listener`]).
    pub async fn spawn_on_listener(
        listener: tokio::net::TcpListener,
        change: impl FnOnce(&mut Config),
    ) -> Self {
        let mut config = Config::for_data_dir(PathBuf::from("/nonexistent"));
        change(&mut config);
        let database = server().database(Template::Seeded).await;
        Self::serve(database, config, false, Some(listener)).await
    }

    async fn start_on(database: Database, config: Config, listen: bool) -> Self {
        Self::serve(database, config, listen, None).await
    }

    async fn serve(
        database: Database,
        config: Config,
        listen: bool,
        listener: Option<tokio::net::TcpListener>,
    ) -> Self {
        let pool = server().pool(&database).await;
        let state = AppState::new(pool.clone(), config);
        let clock = state.clock.clone();
        if listen {
            state.listen();
        }
        let router = build_router(state);
        let listener = match listener {
            Some(listener) => listener,
            None => tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap(),
        };
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
            clock,
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

    /// Imports the seed profile again, changed by `change`, as the next
    /// published version, straight into the database (as `jobclass
    /// import` or another instance would); its version number.
    pub async fn publish_seed(&self, change: impl FnOnce(&mut ProfileDocument)) -> i32 {
        let mut doc = document::parse(document::SEED).unwrap();
        change(&mut doc);
        let mut tx = self.pool.begin().await.unwrap();
        let (_, version) = jobclass::profiles::db::import(&mut tx, &doc).await.unwrap();
        tx.commit().await.unwrap();
        version
    }

    /// The status of position `id`, as the database holds it.
    pub async fn position_status(&self, id: i64) -> String {
        sqlx::query_scalar("select status::text from positions where id = $1")
            .bind(id)
            .fetch_one(&self.pool)
            .await
            .unwrap()
    }

    /// Counts the audit rows of `action`.
    pub async fn audit_count(&self, action: &str) -> i64 {
        sqlx::query_scalar("select count(*) from audit_log where action = $1")
            .bind(action)
            .fetch_one(&self.pool)
            .await
            .unwrap()
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
