//! Renders every error response — from handlers, the router (404/405),
//! body limits (413), timeouts (408) and caught panics (500) — as a page in
//! the user's language, or as JSON under `/api/`.

use super::layout::Layout;
use crate::error::{ErrorReport, Msg};
use crate::i18n::Lang;
use askama::Template;
use axum::Json;
use axum::extract::Request;
use axum::http::header::{ALLOW, CONNECTION, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

tokio::task_local! {
    /// Set when the session store failed during the request being served.
    static STORE_FAILED: std::cell::Cell<bool>;
}

/// Notes that the session store's backend (the database) failed while
/// serving this request. The session layer saves a changed session after
/// the handler and, when that fails, answers a bare 500; `render` turns it
/// into the 503 of an outage.
pub fn note_store_failure() {
    let _ = STORE_FAILED.try_with(|failed| failed.set(true));
}

/// Runs a request and tells whether the session store failed meanwhile.
async fn watch_store<F: std::future::Future>(request: F) -> (F::Output, bool) {
    let flag = std::cell::Cell::new(false);
    STORE_FAILED
        .scope(flag, async move {
            let output = request.await;
            (output, STORE_FAILED.with(std::cell::Cell::get))
        })
        .await
}

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
    let (response, store_failed) = watch_store(next.run(request)).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let report = match response.extensions().get::<ErrorReport>() {
        Some(report) => report.clone(),
        // The session layer could not save the session: the database is
        // down, which is a 503 like any other outage.
        None if status == StatusCode::INTERNAL_SERVER_ERROR && store_failed => {
            ErrorReport::for_status(StatusCode::SERVICE_UNAVAILABLE)
        }
        // Our own pages (a form shown again with its errors) are HTML and
        // are left alone; bare or plain-text errors come from the framework.
        None if is_bare(response.headers()) => {
            let kept = kept_headers(response.headers());
            let report = if path.starts_with("/api/") {
                framework_report(response).await
            } else {
                ErrorReport::for_status(status)
            };
            return rendered(&report, kept, &path, query.as_deref(), lang);
        }
        None => return response,
    };
    let kept = kept_headers(response.headers());
    rendered(&report, kept, &path, query.as_deref(), lang)
}

/// The report of a framework's plain-text error under `/api/`: a body that
/// axum's `Json` extractor could not read is a 422 naming the JSON path,
/// as `JsonBody` answers (`web::json`).
async fn framework_report(response: Response) -> ErrorReport {
    let status = response.status();
    if !matches!(
        status,
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY
    ) {
        return ErrorReport::for_status(status);
    }
    let text = axum::body::to_bytes(response.into_body(), 64 * 1024)
        .await
        .unwrap_or_default();
    match super::json::rejection_problem(&String::from_utf8_lossy(&text)) {
        Some((field, msg)) => ErrorReport {
            message: Msg::new("body-invalid"),
            fields: vec![(field, msg)],
            ..ErrorReport::for_status(StatusCode::UNPROCESSABLE_ENTITY)
        },
        None => ErrorReport::for_status(status),
    }
}

/// The response for `report`: JSON under `/api/`, else a page.
fn rendered(
    report: &ErrorReport,
    kept: HeaderMap,
    path: &str,
    query: Option<&str>,
    lang: Lang,
) -> Response {
    let mut rendered = if path.starts_with("/api/") {
        api_body(report, lang).into_response()
    } else {
        page(report, Layout::new(lang, path, query))
    };
    *rendered.status_mut() = report.status;
    rendered.headers_mut().extend(kept);
    if report.status == StatusCode::SERVICE_UNAVAILABLE {
        rendered
            .headers_mut()
            .entry(RETRY_AFTER)
            .or_insert(HeaderValue::from_static("5"));
    }
    // A body too large or too slow was not read whole: the connection
    // cannot carry another request (`web::body`).
    if matches!(
        report.status,
        StatusCode::PAYLOAD_TOO_LARGE | StatusCode::REQUEST_TIMEOUT
    ) {
        rendered = super::body::closing(rendered);
    }
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
    for name in [RETRY_AFTER, WWW_AUTHENTICATE, ALLOW, CONNECTION] {
        if let Some(value) = headers.get(&name) {
            kept.insert(name, value.clone());
        }
    }
    for value in headers.get_all(axum::http::header::SET_COOKIE) {
        kept.append(axum::http::header::SET_COOKIE, value.clone());
    }
    kept
}

/// The API's error body. Generic messages that speak of pages and
/// reloading have API wordings of their own.
fn api_body(report: &ErrorReport, lang: Lang) -> Json<crate::error::ErrorBody> {
    let mut report = report.clone();
    let api_key = match report.message.key {
        "error-not-found" => Some("api-error-not-found"),
        "error-unauthenticated" => Some("api-error-unauthenticated"),
        "error-forbidden" => Some("api-error-forbidden"),
        "error-conflict" => Some("api-error-conflict"),
        _ => None,
    };
    if let Some(key) = api_key {
        report.message = Msg::new(key);
    }
    Json(report.body(lang))
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

/// Adds to every operation of the OpenAPI document the errors any of them
/// may answer, with the `ErrorBody` schema: 503 (database unavailable),
/// 400 (a malformed path or query parameter), 404 (no such object), 401 and
/// 403 (no valid token; a role or CSRF refusal) where a token is required,
/// and 400, 413, 415 and 422 (unreadable, too large, not JSON, not of the
/// documented shape) where a body is read. Entries an operation documents itself are kept.
pub struct DocumentedErrors;

impl utoipa::Modify for DocumentedErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::{Operation, ParameterIn};
        use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};

        let error = |description: &str| {
            RefOr::T(
                ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("ErrorBody")))
                            .build(),
                    )
                    .build(),
            )
        };
        let add = |operation: &mut Operation| {
            let parameters: Vec<ParameterIn> = operation
                .parameters
                .iter()
                .flatten()
                .filter_map(|p| match p {
                    RefOr::T(p) => Some(p.parameter_in.clone()),
                    RefOr::Ref(_) => None,
                })
                .collect();
            let mut wanted: Vec<(&str, &str)> = vec![(
                "503",
                "The database is unavailable; retry after `Retry-After` seconds.",
            )];
            if !parameters.is_empty() {
                wanted.push(("400", "A parameter is malformed."));
            }
            if parameters.contains(&ParameterIn::Path) {
                wanted.push(("404", "No such object, or not visible to you."));
            }
            if operation.security.as_ref().is_some_and(|s| !s.is_empty()) {
                wanted.push(("401", "No valid bearer token or session."));
                wanted.push((
                    "403",
                    "Your role may not do this, or a session request lacks its CSRF token.",
                ));
            }
            if operation.request_body.is_some() {
                wanted.push((
                    "400",
                    "The body could not be read, or holds text that cannot be stored (a NUL character).",
                ));
                wanted.push(("413", "The body is too large."));
                wanted.push(("415", "The body is not `application/json`."));
                wanted.push((
                    "422",
                    "The body is not JSON of the documented shape, or breaks a rule: \
                     `error.fields` names each problem by its JSON path, saying what is expected there.",
                ));
            }
            for (status, description) in wanted {
                operation
                    .responses
                    .responses
                    .entry(status.to_string())
                    .or_insert_with(|| error(description));
            }
        };
        for item in openapi.paths.paths.values_mut() {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                add(operation);
            }
        }
    }
}
