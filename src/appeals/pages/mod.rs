//! The appeal pages: the appellant's page (lodge, follow, answer), for the
//! manager under the position and for the employee under the share link
//! (`appellant`); HR's appeals queue and the appeal's review (`review`).

mod appellant;
mod review;

pub use appellant::{answer, answer_shared, lodge, lodge_shared, show, show_shared};
pub use review::{ask, assign, claim, decide, queue, review};

use askama::Template;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::error::{AppResult, Msg};
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, render};

/// A page shown again with its input's problems.
pub(super) fn unprocessable(page: &impl Template) -> AppResult<Response> {
    render(page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
}

/// The one problem of a single-field form, at `field`.
pub(super) fn one_error(field: &str, msg: Msg, l: &Layout) -> Errors {
    let mut errors = FieldErrors::default();
    errors.add(field.to_string(), msg);
    errors.render(l.lang)
}

/// A question or an answer.
#[derive(serde::Deserialize)]
pub struct TextForm {
    #[serde(default)]
    text: String,
}
