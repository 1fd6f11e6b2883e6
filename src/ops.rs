//! Operations endpoints for load balancers and monitors.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::routes::Routes;

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/healthz", healthz)
        .get("/readyz", readyz)
        .get("/robots.txt", robots)
        .get("/metrics", metrics)
}

/// `/metrics` in Prometheus text format, for the loopback address only
/// (and not through a proxy, which forwards the client's address), or
/// anywhere with `JOBCLASS_METRICS_TOKEN` as a bearer token.
async fn metrics(
    State(state): State<AppState>,
    request: axum::extract::Request,
) -> AppResult<Response> {
    let headers = request.headers();
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let by_token = match (&state.config.metrics_token, bearer) {
        // Compared as digests: the time taken says nothing of the token.
        (Some(token), Some(given)) => {
            !token.is_empty()
                && Sha256::digest(token.as_bytes()) == Sha256::digest(given.trim().as_bytes())
        }
        _ => false,
    };
    let local = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|c| c.0.ip().is_loopback())
        && !headers.contains_key("x-forwarded-for")
        && !headers.contains_key(header::FORWARDED);
    if !(by_token || local) {
        return Err(AppError::Forbidden);
    }
    let Some(handle) = crate::web::metrics::handle() else {
        return Err(AppError::NotFound);
    };
    let size = state.db.size();
    let idle = u32::try_from(state.db.num_idle()).unwrap_or(u32::MAX);
    for (kind, value) in [
        ("idle", idle),
        ("in_use", size.saturating_sub(idle)),
        ("max", state.config.db_pool),
    ] {
        metrics::gauge!("jobclass_db_pool_connections", "state" => kind).set(f64::from(value));
    }
    // E-mails not sent yet: one count on the outbox's partial index. A
    // database that does not answer leaves the gauge out of date, not the
    // scrape failed.
    let pending = crate::notifications::db::pending(&state.db);
    match tokio::time::timeout(std::time::Duration::from_secs(2), pending).await {
        Ok(Ok(pending)) => metrics::gauge!("jobclass_outbox_pending").set(pending as f64),
        Ok(Err(err)) => tracing::warn!("cannot count the outbox for /metrics: {err}"),
        Err(_) => tracing::warn!("cannot count the outbox for /metrics: no answer in 2 s"),
    }
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle.render(),
    )
        .into_response())
}

/// Search engines may read the catalogue and profiles, not the working
/// areas (they need an account anyway) nor shared decision records.
async fn robots() -> ([(axum::http::HeaderName, &'static str); 1], &'static str) {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; charset=utf-8",
        )],
        "User-agent: *\nDisallow: /admin\nDisallow: /review\nDisallow: /positions\n\
         Disallow: /account\nDisallow: /shared/\nDisallow: /login\nAllow: /\n",
    )
}

/// The process is alive; touches nothing else.
async fn healthz() -> &'static str {
    "ok"
}

/// The database answers; 503 otherwise, so a balancer stops sending traffic.
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if state.is_draining() {
        return (StatusCode::SERVICE_UNAVAILABLE, "draining");
    }
    let ping = tokio::time::timeout(
        std::time::Duration::from_secs(2),
        sqlx::query("select 1").execute(&state.db),
    )
    .await;
    match ping {
        Ok(Ok(_)) => (StatusCode::OK, "ready"),
        _ => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable"),
    }
}
