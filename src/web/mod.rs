//! HTTP plumbing without business rules: languages, layout, errors, assets,
//! security headers.

pub mod api_docs;
pub mod assets;
pub mod body;
pub mod client;
pub mod errors;
pub mod flash;
pub mod forms;
pub mod headers;
pub mod i18n;
pub mod idempotency;
pub mod json;
pub mod layout;
pub mod metrics;
pub mod routes;
pub mod schema;

pub use layout::Layout;

/// Largest request body accepted (profile document uploads are the largest).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

use askama::Template;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;

/// Renders a page template; a template error is an internal error, never a panic.
pub fn render(page: &impl Template) -> Result<Response, AppError> {
    Ok(Html(render_text(page)?).into_response())
}

/// Renders a page template to text.
pub fn render_text(page: &impl Template) -> Result<String, AppError> {
    page.render()
        .map_err(|err| AppError::Internal(anyhow::anyhow!("template: {err}")))
}

/// Askama passes method arguments by reference, sometimes twice over
/// (`&&usize` for a `let` inside a loop); this reads any of them.
pub trait AsIndex {
    fn index(&self) -> usize;
}

impl AsIndex for usize {
    fn index(&self) -> usize {
        *self
    }
}

impl<T: AsIndex + ?Sized> AsIndex for &T {
    fn index(&self) -> usize {
        (**self).index()
    }
}
