//! Operations endpoints for load balancers and monitors.

use axum::extract::State;
use axum::http::StatusCode;

use crate::app::AppState;
use crate::web::routes::Routes;

pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/healthz", healthz)
        .get("/readyz", readyz)
        .get("/robots.txt", robots)
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
