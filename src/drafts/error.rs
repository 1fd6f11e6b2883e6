//! Why a draft action did not happen, and the one place where that becomes
//! an `AppError` (an error page or a JSON error body). Handlers that show a
//! refusal their own way (the editor's conflict page, a form shown again
//! with its messages) match the few variants they present and pass on the
//! rest.

use axum::http::StatusCode;

use crate::error::{AppError, Msg};
use crate::profiles::document::DocumentErrors;

/// Why a draft action did not happen. Nothing was written.
#[derive(Debug)]
pub enum DraftError {
    /// The input does not pass the action's rules: messages by field name.
    Fields(Vec<(String, Msg)>),
    /// The document is not valid (for saving) or not complete (for publishing).
    Invalid(DocumentErrors),
    /// Someone saved since the revision the client read; the draft is at
    /// `current` now.
    Stale {
        current: i32,
    },
    /// The profile has an open draft already (at `current`, when known).
    DraftExists {
        current: Option<i32>,
    },
    /// A revision was sent to update a draft, and the profile has none.
    NoDraft,
    /// A profile with this slug exists.
    SlugTaken,
    /// No such profile, draft or source.
    NotFound,
    Database(sqlx::Error),
}

impl DraftError {
    /// The input problem of one field.
    pub fn field(name: &str, msg: Msg) -> Self {
        DraftError::Fields(vec![(name.to_string(), msg)])
    }
}

impl From<sqlx::Error> for DraftError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.constraint() == Some("profile_versions_one_draft") => {
                DraftError::DraftExists { current: None }
            }
            sqlx::Error::Database(db) if db.constraint() == Some("profiles_slug_key") => {
                DraftError::SlugTaken
            }
            _ => DraftError::Database(err),
        }
    }
}

/// A document's problems as field messages (keyed by JSON path).
pub fn document_fields(errors: DocumentErrors) -> Vec<(String, Msg)> {
    errors
        .0
        .into_iter()
        .map(|e| {
            (
                e.path,
                Msg::new("document-problem").arg("problem", e.message),
            )
        })
        .collect()
}

/// A document's problems as (JSON path, message), for a page.
pub fn problems(errors: &DocumentErrors) -> Vec<(String, String)> {
    errors
        .0
        .iter()
        .map(|e| (e.path.clone(), e.message.clone()))
        .collect()
}

impl From<DraftError> for AppError {
    fn from(err: DraftError) -> Self {
        match err {
            DraftError::Fields(fields) => AppError::Validation {
                message: Msg::new("error-validation"),
                fields,
            },
            DraftError::Invalid(errors) => AppError::Validation {
                message: Msg::new("error-validation"),
                fields: document_fields(errors),
            },
            DraftError::Stale { current } => AppError::Stale {
                message: Msg::new("editor-stale-revision").arg("revision", current),
                revision: current,
            },
            DraftError::DraftExists {
                current: Some(current),
            } => AppError::Stale {
                message: Msg::new("editor-draft-exists"),
                revision: current,
            },
            DraftError::DraftExists { current: None } => {
                AppError::Conflict(Msg::new("editor-draft-exists"))
            }
            DraftError::NoDraft => AppError::Refused {
                status: StatusCode::CONFLICT,
                code: "no_draft",
                message: Msg::new("draft-none-to-update"),
            },
            DraftError::SlugTaken => AppError::Conflict(Msg::new("editor-slug-taken")),
            DraftError::NotFound => AppError::NotFound,
            DraftError::Database(err) => err.into(),
        }
    }
}
