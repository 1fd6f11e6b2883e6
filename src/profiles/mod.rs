//! Function profiles: the catalogue, profile pages, compare, versions,
//! the profile document format and its import/export.

pub mod api;
pub mod cache;
pub mod compare;
pub mod db;
pub mod diff;
pub mod document;
pub mod handlers;
pub mod model;

use axum::Router;
use axum::routing::get;

use crate::app::AppState;

/// The HTML routes of the catalogue.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(handlers::catalogue))
        .route("/profiles/{slug}", get(handlers::show))
        .route("/profiles/{slug}/compare", get(handlers::compare))
        .route("/profiles/{slug}/history", get(handlers::history))
        .route("/profiles/{slug}/versions/{n}", get(handlers::version))
}
