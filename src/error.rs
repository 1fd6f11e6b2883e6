//! The one error type of the portal. Handlers return `AppError`; the
//! response carries an `ErrorReport` that `web::errors::render` turns into
//! an HTML page or a JSON body (`ErrorBody`) in the user's language.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use indexmap::IndexMap;
use serde::Serialize;
use utoipa::ToSchema;

use crate::i18n::Lang;

/// A message for the user, translated when the response is rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Self {
        Msg {
            key,
            args: Vec::new(),
        }
    }

    /// Adds a named argument for the message.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    pub fn render(&self, lang: Lang) -> String {
        lang.t_args(self.key, &self.args)
    }
}

/// Everything that can go wrong in a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request: {0:?}")]
    BadRequest(Msg),
    #[error("not signed in")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("conflict: {0:?}")]
    Conflict(Msg),
    /// Someone changed the object since the client read it at an older
    /// revision (409 `stale_revision`, with the current revision).
    #[error("stale revision (now {revision})")]
    Stale { message: Msg, revision: i32 },
    /// A refusal with its own machine-readable code (`no_draft`, …), for
    /// cases a client handles differently from the generic status.
    #[error("refused: {code}")]
    Refused {
        status: StatusCode,
        code: &'static str,
        message: Msg,
    },
    #[error("invalid input")]
    Validation {
        message: Msg,
        fields: Vec<(String, Msg)>,
    },
    #[error("too many requests")]
    TooManyRequests(Msg),
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("database unavailable")]
    Unavailable,
    #[error(transparent)]
    Internal(anyhow::Error),
}

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            // The database is down, restarting, or every connection is busy:
            // a 503 the client may retry, not an internal error.
            ref unavailable if is_unavailable(unavailable) => {
                tracing::warn!("database unavailable: {err}");
                AppError::Unavailable
            }
            // Text PostgreSQL cannot store (a NUL character in a parameter):
            // the request's fault, and the statement wrote nothing.
            sqlx::Error::Database(ref db)
                if matches!(db.code().as_deref(), Some("22021" | "22P05")) =>
            {
                tracing::debug!("refused unstorable text: {err}");
                AppError::BadRequest(Msg::new("error-bad-request"))
            }
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<anyhow::Error> for AppError {
    /// A database outage stays a 503 when it comes wrapped in context.
    fn from(err: anyhow::Error) -> Self {
        if err.chain().any(|cause| {
            cause
                .downcast_ref::<sqlx::Error>()
                .is_some_and(is_unavailable)
        }) {
            tracing::warn!("database unavailable: {err:#}");
            return AppError::Unavailable;
        }
        AppError::Internal(err)
    }
}

/// Whether an error means "the database cannot serve us now" rather than a
/// fault in the request or the code: no connection in time, a connection
/// refused or broken (server stopped or killed), the server shutting down,
/// starting up or out of connections.
pub fn is_unavailable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => is_connection_failure(db.code().as_deref()),
        _ => false,
    }
}

/// SQLSTATE classes 08 (connection exception), 53 (insufficient resources,
/// e.g. too many connections) and 57P (operator intervention: shutdown,
/// crash recovery, starting up).
fn is_connection_failure(code: Option<&str>) -> bool {
    code.is_some_and(|c| c.starts_with("08") || c.starts_with("53") || c.starts_with("57P"))
}

/// What a rendered error says; stored in the response's extensions.
#[derive(Debug, Clone)]
pub struct ErrorReport {
    pub status: StatusCode,
    /// Stable machine-readable code for the API (`not_found`, …).
    pub code: &'static str,
    pub message: Msg,
    pub fields: Vec<(String, Msg)>,
    /// The current revision, on a `stale_revision` conflict.
    pub revision: Option<i32>,
}

impl ErrorReport {
    /// The generic report for a status that came without one (a 405 from
    /// the router, a 413 from the body limit, a rejected extractor).
    pub fn for_status(status: StatusCode) -> Self {
        let (code, key) = match status.as_u16() {
            400 => ("bad_request", "error-bad-request"),
            401 => ("unauthenticated", "error-unauthenticated"),
            403 => ("forbidden", "error-forbidden"),
            404 => ("not_found", "error-not-found"),
            405 => ("method_not_allowed", "error-method-not-allowed"),
            408 => ("timeout", "error-timeout"),
            409 => ("conflict", "error-conflict"),
            413 => ("payload_too_large", "error-payload-too-large"),
            415 => ("unsupported_media_type", "error-unsupported-media-type"),
            422 => ("validation", "error-validation"),
            429 => ("too_many_requests", "error-too-many-requests"),
            503 => ("unavailable", "error-unavailable"),
            s if s >= 500 => ("internal", "error-internal"),
            _ => ("bad_request", "error-bad-request"),
        };
        ErrorReport {
            status,
            code,
            message: Msg::new(key),
            fields: Vec::new(),
            revision: None,
        }
    }

    /// The JSON body of this report in `lang`.
    pub fn body(&self, lang: Lang) -> ErrorBody {
        ErrorBody {
            error: ErrorDetail {
                code: self.code.to_string(),
                message: self.message.render(lang),
                fields: self
                    .fields
                    .iter()
                    .map(|(name, msg)| (name.clone(), msg.render(lang)))
                    .collect(),
                revision: self.revision,
            },
        }
    }
}

/// The body of every API error: `{"error": {"code", "message", …}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable code: `not_found`, `bad_request`, `validation`,
    /// `stale_revision`, `no_draft`, …
    pub code: String,
    /// Human-readable message in the request's language (`Accept-Language`).
    pub message: String,
    /// Per-field messages for validation errors, by JSON path.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub fields: IndexMap<String, String>,
    /// On `stale_revision`: the revision the object is at now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub revision: Option<i32>,
}

impl AppError {
    fn report(self) -> ErrorReport {
        let with = |status: StatusCode, message: Msg| ErrorReport {
            message,
            ..ErrorReport::for_status(status)
        };
        match self {
            AppError::NotFound => ErrorReport::for_status(StatusCode::NOT_FOUND),
            AppError::BadRequest(msg) => with(StatusCode::BAD_REQUEST, msg),
            AppError::Unauthenticated => ErrorReport::for_status(StatusCode::UNAUTHORIZED),
            AppError::Forbidden => ErrorReport::for_status(StatusCode::FORBIDDEN),
            AppError::Conflict(msg) => with(StatusCode::CONFLICT, msg),
            AppError::Stale { message, revision } => ErrorReport {
                code: "stale_revision",
                revision: Some(revision),
                ..with(StatusCode::CONFLICT, message)
            },
            AppError::Refused {
                status,
                code,
                message,
            } => ErrorReport {
                code,
                ..with(status, message)
            },
            AppError::Validation { message, fields } => ErrorReport {
                fields,
                ..with(StatusCode::UNPROCESSABLE_ENTITY, message)
            },
            AppError::TooManyRequests(msg) => with(StatusCode::TOO_MANY_REQUESTS, msg),
            AppError::PayloadTooLarge => ErrorReport::for_status(StatusCode::PAYLOAD_TOO_LARGE),
            AppError::Unavailable => ErrorReport::for_status(StatusCode::SERVICE_UNAVAILABLE),
            AppError::Internal(err) => {
                // Logged once here; the user sees only a generic message.
                tracing::error!("internal error: {err:#}");
                ErrorReport::for_status(StatusCode::INTERNAL_SERVER_ERROR)
            }
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let report = self.report();
        let mut response = report.status.into_response();
        if report.status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static("5"),
            );
        }
        response.extensions_mut().insert(report);
        response
    }
}

/// Result of a handler.
pub type AppResult<T> = Result<T, AppError>;
