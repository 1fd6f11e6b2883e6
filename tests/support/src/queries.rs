//! Counts the SQL statements each request runs, from sqlx's own tracing
//! events (target `sqlx::query`), attributed to the request's span by its
//! `x-request-id`. Tests send their own id and read the count afterwards.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use tracing::span;
use tracing_subscriber::Layer;
use tracing_subscriber::layer::Context;
use tracing_subscriber::registry::LookupSpan;

/// Statements (their summaries) per request id.
static COUNTS: LazyLock<Mutex<HashMap<String, Vec<String>>>> = LazyLock::new(Default::default);

/// The request id a span belongs to.
struct RequestId(String);

/// The layer; installed by the harness.
pub struct QueryCounter;

struct IdVisitor(Option<String>);

/// Reads the `summary` field sqlx puts on its statement events.
struct SummaryVisitor(String);

impl tracing::field::Visit for SummaryVisitor {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "summary" {
            self.0 = value.to_string();
        }
    }
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" {
            self.0 = format!("{value:?}");
        }
    }
}

impl tracing::field::Visit for IdVisitor {
    fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
        if field.name() == "id" {
            self.0 = Some(value.to_string());
        }
    }
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "id" {
            self.0 = Some(format!("{value:?}").trim_matches('"').to_string());
        }
    }
}

impl<S> Layer<S> for QueryCounter
where
    S: tracing::Subscriber + for<'a> LookupSpan<'a>,
{
    fn on_new_span(&self, attrs: &span::Attributes<'_>, id: &span::Id, ctx: Context<'_, S>) {
        if attrs.metadata().name() != "request" {
            return;
        }
        let mut visitor = IdVisitor(None);
        attrs.record(&mut visitor);
        if let (Some(request), Some(span)) = (visitor.0, ctx.span(id)) {
            span.extensions_mut().insert(RequestId(request));
        }
    }

    fn on_event(&self, event: &tracing::Event<'_>, ctx: Context<'_, S>) {
        if !event.metadata().target().starts_with("sqlx::query") {
            return;
        }
        let Some(scope) = ctx.event_scope(event) else {
            return;
        };
        for span in scope {
            if let Some(RequestId(request)) = span.extensions().get::<RequestId>() {
                let mut summary = SummaryVisitor(String::new());
                event.record(&mut summary);
                COUNTS
                    .lock()
                    .unwrap()
                    .entry(request.clone())
                    .or_default()
                    .push(summary.0);
                return;
            }
        }
    }
}

/// Statements run by the request with this id. sqlx's own look-ups of
/// type names (once per new connection, whichever request gets it) are
/// left out: they are not the page's work.
pub fn count(request_id: &str) -> usize {
    statements(request_id)
        .iter()
        .filter(|s| !s.starts_with("SELECT oid") && !s.starts_with("SELECT enumlabel"))
        .count()
}

/// The statements themselves (their first words), for failure messages.
pub fn statements(request_id: &str) -> Vec<String> {
    COUNTS
        .lock()
        .unwrap()
        .get(request_id)
        .cloned()
        .unwrap_or_default()
}

/// A GET whose statements are counted: the request id (for `count` and
/// `statements`), the status and the body.
pub async fn traced_get(
    client: &reqwest::Client,
    url: &str,
) -> (String, reqwest::StatusCode, String) {
    let id = format!("t-{}", uuid::Uuid::new_v4().simple());
    let response = client
        .get(url)
        .header("x-request-id", &id)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body = response.text().await.unwrap();
    (id, status, body)
}
