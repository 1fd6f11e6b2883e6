//! Renders every error response — from handlers, the router (404/405),
//! body limits (413), timeouts (408) and caught panics (500) — as a page in
//! the user's language, or as JSON under `/api/`.

use askama::Template;
use axum::Json;
use axum::extract::Request;
use axum::http::header::{ALLOW, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use serde_json::{Map, Value, json};

use super::i18n::Lang;
use super::layout::Layout;
use crate::error::ErrorReport;

/// The error page.
#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    l: Layout,
    status: u16,
    title: String,
    message: String,
    fields: Vec<(&'a str, String)>,
}

/// Middleware: replaces error responses by a rendered page or JSON body.
pub async fn render(request: Request, next: Next) -> Response {
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or_default();
    let path = request.uri().path().to_string();
    let query = request.uri().query().map(str::to_string);
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let report = match response.extensions().get::<ErrorReport>() {
        Some(report) => report.clone(),
        // Our own pages (a form shown again with its errors) are HTML and
        // are left alone; bare or plain-text errors come from the framework.
        None if is_bare(response.headers()) => ErrorReport::for_status(status),
        None => return response,
    };
    let kept = kept_headers(response.headers());
    let mut rendered = if path.starts_with("/api/") {
        api_body(&report, lang).into_response()
    } else {
        page(&report, Layout::new(lang, &path, query.as_deref()))
    };
    *rendered.status_mut() = report.status;
    rendered.headers_mut().extend(kept);
    rendered
}

fn is_bare(headers: &HeaderMap) -> bool {
    match headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(ct) => ct.starts_with("text/plain"),
    }
}

/// Headers of the original response that the rendered one must keep.
fn kept_headers(headers: &HeaderMap) -> HeaderMap {
    let mut kept = HeaderMap::new();
    for name in [RETRY_AFTER, WWW_AUTHENTICATE, ALLOW] {
        if let Some(value) = headers.get(&name) {
            kept.insert(name, value.clone());
        }
    }
    for value in headers.get_all(axum::http::header::SET_COOKIE) {
        kept.append(axum::http::header::SET_COOKIE, value.clone());
    }
    kept
}

/// `{"error": {"code", "message", "fields"?}}`.
fn api_body(report: &ErrorReport, lang: Lang) -> Json<Value> {
    let mut error = Map::new();
    error.insert("code".into(), json!(report.code));
    error.insert("message".into(), json!(report.message.render(lang)));
    if !report.fields.is_empty() {
        let fields: Map<String, Value> = report
            .fields
            .iter()
            .map(|(name, msg)| (name.clone(), json!(msg.render(lang))))
            .collect();
        error.insert("fields".into(), Value::Object(fields));
    }
    Json(json!({ "error": error }))
}

fn page(report: &ErrorReport, l: Layout) -> Response {
    let lang = l.lang;
    let title_key = match report.status.as_u16() {
        404 => "error-title-not-found",
        401 | 403 => "error-title-forbidden",
        503 => "error-title-unavailable",
        s if s >= 500 => "error-title-internal",
        _ => "error-title-bad-request",
    };
    let page = ErrorPage {
        status: report.status.as_u16(),
        title: lang.t(title_key),
        message: report.message.render(lang),
        fields: report
            .fields
            .iter()
            .map(|(name, msg)| (name.as_str(), msg.render(lang)))
            .collect(),
        l,
    };
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(err) => {
            tracing::error!("cannot render the error page: {err}");
            (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response()
        }
    }
}
