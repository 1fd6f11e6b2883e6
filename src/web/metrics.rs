//! Prometheus metrics: requests by method, route template (never the raw
//! path) and status, their durations, the database pool, and the hits and
//! misses of the caches (`db::kept`). `ops` serves them at `/metrics`.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Seconds; answers here take milliseconds, a slow one seconds.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// The process's recorder, installed at the first call (one per process:
/// several apps in one test process share it).
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("jobclass_http_request_duration_seconds".into()),
                    BUCKETS,
                )
                .ok()?
                .install_recorder()
                .ok()
        })
        .as_ref()
}

fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Counts and times each request under its route template.
pub async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::histogram!("jobclass_http_request_duration_seconds",
        "method" => method, "route" => route.clone())
    .record(started.elapsed().as_secs_f64());
    metrics::counter!("jobclass_http_requests_total",
        "method" => method, "route" => route, "status" => status)
    .increment(1);
    response
}

/// A cache answered from memory (`hit`) or had to load.
pub fn cache(name: &'static str, hit: bool) {
    if hit {
        metrics::counter!("jobclass_cache_hits_total", "cache" => name).increment(1);
    } else {
        metrics::counter!("jobclass_cache_misses_total", "cache" => name).increment(1);
    }
}
