//! The application: shared state, the router with its layers, and `serve`.

pub mod background;
pub mod caches;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, StatusCode};
use axum::middleware;
use axum::routing::get;
use sqlx::PgPool;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::config::Config;
use crate::error::AppError;
use crate::web::client::TrustProxy;
use crate::web::routes::Routes;
use crate::web::{BODY_LIMIT, assets, body, errors, headers, i18n};
use crate::{
    account, admin, assessment, auth, db, drafts, notifications, ops, positions, profiles, search,
};
use caches::Caches;

/// A request taking longer than this is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<Config>,
    /// What this instance keeps in memory (`cache`).
    pub caches: Caches,
    /// Set when the instance was told to stop: `/readyz` answers 503 and
    /// connections close after each answer, so a proxy moves on.
    pub draining: Arc<std::sync::atomic::AtomicBool>,
    /// The time deadlines and reminders go by (tests move it forward).
    pub clock: crate::clock::Clock,
    /// Single sign-on, when an OpenID provider is configured.
    pub sso: Option<Arc<auth::oidc::Sso>>,
}

impl AppState {
    /// The state for `config`. A single sign-on configuration that cannot
    /// be used is logged and left off (`serve` refuses to start with one,
    /// see `auth::oidc::Sso::from_config`).
    pub fn new(db: PgPool, config: Config) -> Self {
        let sso = auth::oidc::Sso::from_config(&config)
            .inspect_err(|err| tracing::error!("single sign-on is off: {err:#}"))
            .ok()
            .flatten()
            .map(Arc::new);
        AppState {
            sso,
            db,
            config: Arc::new(config),
            caches: Caches::default(),
            draining: Arc::default(),
            clock: crate::clock::Clock::default(),
        }
    }

    pub fn is_draining(&self) -> bool {
        self.draining.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Keeps the caches of changing data right from the database's change
    /// notices (without this, they keep nothing).
    pub fn listen(&self) {
        self.caches.listen(self.db.clone());
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "jobclass API",
        description = "Function profiles and level assessment."
    ),
    components(schemas(crate::error::ErrorBody)),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

/// Declares the bearer-token scheme that protected operations refer to.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// States in the document the limits `POST /profiles/{slug}/match` checks
/// (`assessment::api::{MAX_TASKS, MAX_EVIDENCE, MAX_TEXT}`), from the same
/// constants: at most so many tasks and evidence texts, each at most so
/// long, and a version number from 1.
struct MatchLimits;

impl utoipa::Modify for MatchLimits {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use assessment::api::{MAX_EVIDENCE, MAX_TASKS, MAX_TEXT};
        use utoipa::Number;
        use utoipa::openapi::RefOr;
        use utoipa::openapi::schema::{ArrayItems, Object, Schema};

        fn object<'a>(
            openapi: &'a mut utoipa::openapi::OpenApi,
            name: &str,
        ) -> Option<&'a mut Object> {
            match openapi.components.as_mut()?.schemas.get_mut(name)? {
                RefOr::T(Schema::Object(object)) => Some(object),
                _ => None,
            }
        }
        fn property<'a>(object: &'a mut Object, name: &str) -> Option<&'a mut Schema> {
            match object.properties.get_mut(name)? {
                RefOr::T(schema) => Some(schema),
                RefOr::Ref(_) => None,
            }
        }
        if let Some(body) = object(openapi, "MatchBody") {
            if let Some(Schema::Array(tasks)) = property(body, "tasks") {
                tasks.max_items = Some(MAX_TASKS);
                if let ArrayItems::RefOrSchema(item) = &mut tasks.items
                    && let RefOr::T(Schema::Object(text)) = item.as_mut()
                {
                    text.max_length = Some(MAX_TEXT);
                }
            }
            if let Some(Schema::Array(evidence)) = property(body, "evidence") {
                evidence.max_items = Some(MAX_EVIDENCE);
            }
            if let Some(Schema::Object(version)) = property(body, "version") {
                version.minimum = Some(Number::Int(1));
            }
        }
        if let Some(evidence) = object(openapi, "EvidenceBody")
            && let Some(Schema::Object(text)) = property(evidence, "text")
        {
            text.max_length = Some(MAX_TEXT);
        }
    }
}

/// The OpenAPI document and the API routes it describes. Catalogue reads
/// are public unless `public_catalogue` is off; the rest needs a user.
pub fn api(public_catalogue: bool) -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let catalogue = profiles::api::router()
        .merge(search::api::router())
        .merge(profiles::api::diff_router())
        .merge(profiles::api::cross_router())
        .merge(assessment::api::router());
    let catalogue = if public_catalogue {
        catalogue
    } else {
        catalogue.route_layer(middleware::from_fn(auth::session::require_user))
    };
    let draft_routes =
        drafts::api_router().route_layer(middleware::from_fn(auth::session::require_admin));
    let signed_in = auth::api::router()
        .merge(draft_routes)
        .merge(positions::api::router())
        .merge(crate::pay::api::router())
        .merge(notifications::pages::api_router())
        .route_layer(middleware::from_fn(auth::session::require_user));
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", catalogue.merge(signed_in))
        .split_for_parts();
    // After the routes: the errors are added to every documented operation.
    utoipa::Modify::modify(&errors::DocumentedErrors, &mut doc);
    utoipa::Modify::modify(&positions::api::DateFilters, &mut doc);
    utoipa::Modify::modify(&MatchLimits, &mut doc);
    utoipa::Modify::modify(&profiles::api::CrossParamsDoc, &mut doc);
    (router, doc)
}

/// Every route outside `/api/v1` (those are listed by the OpenAPI document).
pub fn pages(config: &Config) -> Routes<AppState> {
    let catalogue = profiles::routes().merge(search::routes());
    let catalogue = if config.public_catalogue {
        catalogue
    } else {
        catalogue.guard(middleware::from_fn(auth::session::require_user))
    };
    Routes::new()
        .merge(catalogue)
        .merge(profiles::request_routes())
        .merge(auth::routes(config.trust_proxy))
        .merge(account::routes())
        .merge(notifications::routes())
        .merge(positions::routes())
        .merge(crate::appeals::routes())
        .merge(crate::pay::routes())
        .merge(admin::routes())
        .merge(ops::routes())
        .merge(crate::pages::routes())
        .merge(crate::web::api_docs::routes())
        .get("/static/{file}", assets::serve)
}

/// Every route of the application: pages, and the API from its document.
pub fn route_table(config: &Config) -> Vec<(String, String)> {
    let mut all: Vec<(String, String)> = pages(config)
        .list()
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    all.push(("GET".into(), "/api/openapi.json".into()));
    let (_, doc) = api(config.public_catalogue);
    for (path, item) in &doc.paths.paths {
        let methods = [
            ("GET", item.get.is_some()),
            ("POST", item.post.is_some()),
            ("PUT", item.put.is_some()),
            ("DELETE", item.delete.is_some()),
            ("PATCH", item.patch.is_some()),
        ];
        for (method, present) in methods {
            if present {
                all.push((method.into(), path.clone()));
            }
        }
    }
    all.sort();
    all
}

/// The whole application with its middleware.
pub fn build_router(state: AppState) -> Router {
    // Metrics are recorded from the first request on.
    let _ = crate::web::metrics::handle();
    let config = state.config.clone();
    let (api_routes, openapi) = api(config.public_catalogue);
    let openapi = Arc::new(openapi);
    let request_id = HeaderName::from_static("x-request-id");
    let csp = headers::policy(state.sso.as_deref().map(auth::oidc::Sso::origin).as_deref());
    let sessions = SessionManagerLayer::new(auth::store::Store::new(
        state.db.clone(),
        state.caches.sessions.clone(),
        config.session_idle_minutes,
        config.session_max_hours,
    ))
    .with_name("jobclass_session")
    .with_http_only(true)
    .with_same_site(SameSite::Lax)
    .with_secure(config.secure_cookies())
    .with_path("/")
    // The browser forgets the cookie when it closes; idle and absolute
    // limits are enforced on the server (auth::store::Store::load).
    .with_expiry(Expiry::OnSessionEnd);
    let openapi_route = get(move || {
        let doc = openapi.clone();
        async move { axum::Json(doc.as_ref().clone()) }
    });
    pages(&config)
        .with("/api/openapi.json", &["GET"], openapi_route)
        .into_router()
        .merge(api_routes)
        .fallback(|| async { AppError::NotFound })
        .layer(crate::web::metrics::TrackLayer)
        .layer(middleware::from_fn_with_state(state.clone(), close_while_draining))
        .layer(CatchPanicLayer::new())
        .layer(middleware::from_fn_with_state(state.clone(), auth::session::context))
        .layer(sessions)
        .layer(middleware::from_fn_with_state(
            state.caches.clone(),
            caches::forget_after_change,
        ))
        .layer(middleware::from_fn(body::read_whole))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(axum::Extension(TrustProxy(config.trust_proxy)))
        .layer(middleware::from_fn(errors::render))
        .layer(middleware::from_fn(i18n::negotiate))
        .layer(middleware::from_fn_with_state(csp, headers::security))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &Request| {
                    let id = request
                        .headers()
                        .get("x-request-id")
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or("-");
                    tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
                })
                // One line per request, with its status and time, at info.
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// Stores what a new database starts with: the seed profile when there is
/// no profile, the starter thesaurus and the starter examples once.
pub async fn seed(db: &sqlx::PgPool) -> anyhow::Result<()> {
    profiles::db::seed_if_empty(db).await?;
    assessment::thesaurus::seed_once(db).await?;
    assessment::examples::seed_once(db).await?;
    assessment::task_examples::seed_once(db).await
}

/// Opens the database, migrates, seeds, and serves until Ctrl-C or SIGTERM;
/// then finishes requests in flight and stops the private cluster.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    // A single sign-on configuration that cannot work stops us here; the
    // provider itself is asked only when someone signs in.
    auth::oidc::Sso::from_config(&config)?;
    let database = db::Database::open(&config).await?;
    let result = async {
        db::migrate(&database.pool).await?;
        seed(&database.pool).await?;
        drafts::promote_due(&database.pool).await?;
        background::spawn_promotions(database.pool.clone());
        if config.external_database().is_none() || config.demo_users {
            auth::demo::create_if_no_users(&database.pool).await?;
        }
        background::spawn_session_cleanup(database.pool.clone());
        background::spawn_idempotency_cleanup(database.pool.clone());
        notifications::sender::spawn(
            database.pool.clone(),
            &config,
            notifications::sender::Settings::default(),
        )?;
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|err| anyhow::anyhow!("cannot listen on {}: {err}", config.bind))?;
        tracing::info!("jobclass listening on http://{}", listener.local_addr()?);
        let state = AppState::new(database.pool.clone(), config.clone());
        state.listen();
        notifications::digest::spawn(
            database.pool.clone(),
            state.clock.clone(),
            config.reminder_days,
        );
        let draining = state.draining.clone();
        let app = build_router(state);
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(drain(draining, Duration::from_secs(config.drain_seconds)))
        .await?;
        tracing::info!("stopped serving; closing the database");
        anyhow::Ok(())
    }
    .await;
    database.close().await;
    result
}

/// While the instance drains, each connection closes after its answer,
/// and a new request that a proxy may safely send elsewhere (GET, HEAD,
/// OPTIONS: nothing is done) is refused with 503 at once: nginx passes it
/// to another instance (`proxy_next_upstream http_503`) and leaves this
/// one out for its `fail_timeout`, so by the time the listener closes no
/// new work comes here. Requests that change things are still served: a
/// proxy must not send them twice. `/healthz`, `/readyz` and `/metrics`
/// answer as always (`/readyz` says 503 itself).
async fn close_while_draining(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: Request,
    next: middleware::Next,
) -> axum::response::Response {
    use axum::http::Method;
    use axum::response::IntoResponse;
    let draining = state.is_draining();
    let passed_on = draining
        && matches!(
            *request.method(),
            Method::GET | Method::HEAD | Method::OPTIONS
        )
        && !matches!(request.uri().path(), "/healthz" | "/readyz" | "/metrics");
    let mut response = if passed_on {
        let mut refused = AppError::Unavailable.into_response();
        refused.headers_mut().insert(
            axum::http::header::RETRY_AFTER,
            axum::http::HeaderValue::from_static("1"),
        );
        refused
    } else {
        next.run(request).await
    };
    if draining {
        response.headers_mut().insert(
            axum::http::header::CONNECTION,
            axum::http::HeaderValue::from_static("close"),
        );
    }
    response
}

/// Waits for SIGTERM or Ctrl-C, then drains for `period` (SIGTERM only:
/// Ctrl-C is a person at a terminal) before the graceful shutdown.
async fn drain(draining: Arc<std::sync::atomic::AtomicBool>, period: Duration) {
    let terminated = shutdown_signal().await;
    draining.store(true, std::sync::atomic::Ordering::SeqCst);
    if terminated && !period.is_zero() {
        tracing::info!("draining for {period:?}: /readyz answers 503");
        tokio::time::sleep(period).await;
    }
    tracing::info!("stopping: finishing the requests in flight");
}

/// True for SIGTERM, false for Ctrl-C.
async fn shutdown_signal() -> bool {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        () = ctrl_c => false,
        () = terminate => true,
    }
}
