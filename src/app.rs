//! The application: shared state, the router with its layers, and `serve`.

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
use tower_http::trace::TraceLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

use crate::config::Config;
use crate::error::AppError;
use crate::profiles::cache::ContentCache;
use crate::web::{assets, errors, headers, i18n};
use crate::{db, ops, profiles};

/// Largest request body accepted (profile document uploads are the largest).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// A request taking longer than this is answered with 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What every handler may use.
#[derive(Clone)]
pub struct AppState {
    pub db: PgPool,
    pub config: Arc<Config>,
    pub profiles: ContentCache,
}

impl AppState {
    pub fn new(db: PgPool, config: Config) -> Self {
        AppState {
            db,
            config: Arc::new(config),
            profiles: ContentCache::default(),
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "jobclass API",
        description = "Function profiles and level assessment."
    ),
    components(schemas(profiles::api::ErrorBody))
)]
struct ApiDoc;

/// The OpenAPI document and the API routes it describes.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", profiles::api::router())
        .split_for_parts()
}

/// The whole application with its middleware.
pub fn build_router(state: AppState) -> Router {
    let (api_routes, openapi) = api();
    let openapi = Arc::new(openapi);
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(profiles::router())
        .merge(ops::router())
        .merge(api_routes)
        .route(
            "/api/openapi.json",
            get(move || {
                let doc = openapi.clone();
                async move { axum::Json(doc.as_ref().clone()) }
            }),
        )
        .route("/static/{file}", get(assets::serve))
        .fallback(|| async { AppError::NotFound })
        .layer(CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, REQUEST_TIMEOUT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(middleware::from_fn(errors::render))
        .layer(middleware::from_fn(i18n::negotiate))
        .layer(middleware::from_fn(headers::security))
        .layer(CompressionLayer::new().quality(CompressionLevel::Fastest))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request| {
                let id = request
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                tracing::info_span!("request", id, method = %request.method(), path = %request.uri().path())
            }),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// Opens the database, migrates, seeds, and serves until Ctrl-C or SIGTERM;
/// then finishes requests in flight and stops the private cluster.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let database = db::Database::open(&config).await?;
    let result = async {
        db::migrate(&database.pool).await?;
        profiles::db::seed_if_empty(&database.pool).await?;
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|err| anyhow::anyhow!("cannot listen on {}: {err}", config.bind))?;
        tracing::info!("jobclass listening on http://{}", listener.local_addr()?);
        let app = build_router(AppState::new(database.pool.clone(), config.clone()));
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown_signal())
        .await?;
        tracing::info!("stopped serving; closing the database");
        anyhow::Ok(())
    }
    .await;
    database.close().await;
    result
}

async fn shutdown_signal() {
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
        () = ctrl_c => {},
        () = terminate => {},
    }
}
