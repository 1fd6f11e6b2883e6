//! Prometheus metrics: requests by method, route template (never the raw
//! path) and status, their durations, the database pool, and the hits and
//! misses of the caches (`db::kept`). `ops` serves them at `/metrics`.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{LazyLock, OnceLock, PoisonError, RwLock};
use std::task::{Context, Poll, ready};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::{Method, Response};
use metrics::{Counter, Histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use tower::{Layer, Service};

/// Seconds; answers here take milliseconds, a slow one seconds.
const BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static HANDLE: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// How often recorded durations are folded into their histogram's buckets:
/// until then each is kept, so without this a portal nobody scrapes would
/// keep every sample (about 10 MB per million requests).
const UPKEEP: Duration = Duration::from_secs(5);

/// The process's recorder, installed at the first call (one per process:
/// several apps in one test process share it), with a thread that does
/// its upkeep.
pub fn handle() -> Option<&'static PrometheusHandle> {
    HANDLE
        .get_or_init(|| {
            let handle = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("jobclass_http_request_duration_seconds".into()),
                    BUCKETS,
                )
                .ok()?
                .install_recorder()
                .ok()?;
            let upkeep = handle.clone();
            std::thread::Builder::new()
                .name("metrics-upkeep".into())
                .spawn(move || {
                    loop {
                        std::thread::sleep(UPKEEP);
                        upkeep.run_upkeep();
                    }
                })
                .ok()?;
            Some(handle)
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

/// The counter and histogram of one method, status and route template.
struct Handles {
    requests: Counter,
    duration: Histogram,
}

/// Handles by method and status, then route: looked up without building
/// a metrics key (three labels, two of them allocated) per request. Route
/// templates are few, so the map stays small.
type HandleMap = HashMap<(&'static str, u16), HashMap<Box<str>, Handles>>;

static HANDLES: LazyLock<RwLock<HandleMap>> = LazyLock::new(RwLock::default);

/// Counts a request and records its duration.
fn record(method: &'static str, status: u16, route: &str, seconds: f64) {
    let note = |h: &Handles| {
        h.requests.increment(1);
        h.duration.record(seconds);
    };
    let map = HANDLES.read().unwrap_or_else(PoisonError::into_inner);
    if let Some(h) = map.get(&(method, status)).and_then(|r| r.get(route)) {
        note(h);
        return;
    }
    drop(map);
    let mut map = HANDLES.write().unwrap_or_else(PoisonError::into_inner);
    let h = map
        .entry((method, status))
        .or_default()
        .entry(route.into())
        .or_insert_with(|| Handles {
            requests: metrics::counter!("jobclass_http_requests_total",
                "method" => method, "route" => route.to_owned(), "status" => status.to_string()),
            duration: metrics::histogram!("jobclass_http_request_duration_seconds",
                "method" => method, "route" => route.to_owned()),
        });
    note(h);
}

/// Counts and times each request under its route template (`Router::layer`
/// runs it after routing, so the template is known).
#[derive(Debug, Clone, Copy, Default)]
pub struct TrackLayer;

impl<S> Layer<S> for TrackLayer {
    type Service = Track<S>;

    fn layer(&self, inner: S) -> Track<S> {
        Track { inner }
    }
}

/// The service of `TrackLayer`.
#[derive(Debug, Clone)]
pub struct Track<S> {
    inner: S,
}

impl<S, B> Service<Request> for Track<S>
where
    S: Service<Request, Response = Response<B>>,
{
    type Response = S::Response;
    type Error = S::Error;
    type Future = Tracked<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let method = method_label(request.method());
        let route = request.extensions().get::<MatchedPath>().cloned();
        Tracked {
            inner: self.inner.call(request),
            started: Instant::now(),
            method,
            route,
        }
    }
}

pin_project_lite::pin_project! {
    /// A request's answer on its way, timed.
    pub struct Tracked<F> {
        #[pin]
        inner: F,
        started: Instant,
        method: &'static str,
        route: Option<MatchedPath>,
    }
}

impl<F, B, E> Future for Tracked<F>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let result = ready!(this.inner.poll(cx));
        if let Ok(response) = &result {
            let route = this.route.as_ref().map_or("unmatched", MatchedPath::as_str);
            let seconds = this.started.elapsed().as_secs_f64();
            record(this.method, response.status().as_u16(), route, seconds);
        }
        Poll::Ready(result)
    }
}

/// A cache answered from memory (`hit`) or had to load.
pub fn cache(name: &'static str, hit: bool) {
    if hit {
        metrics::counter!("jobclass_cache_hits_total", "cache" => name).increment(1);
    } else {
        metrics::counter!("jobclass_cache_misses_total", "cache" => name).increment(1);
    }
}
