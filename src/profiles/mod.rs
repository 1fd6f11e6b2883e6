//! Function profiles: the catalogue, profile pages, compare, versions,
//! the profile document format and its import/export.

pub mod api;
pub mod cached;
pub mod changes;
pub mod compare;
pub mod cross;
pub mod cross_page;
pub mod db;
pub mod diff;
pub mod document;
pub mod handlers;
pub mod history;
pub mod languages;
pub mod model;
pub mod requests;
pub mod translation;
pub mod translation_db;

use axum::middleware;

use crate::app::AppState;
use crate::auth::session::require_user;
use crate::web::routes::Routes;

/// Signed-in readers propose changes to a profile.
pub fn request_routes() -> Routes<AppState> {
    Routes::new()
        .post("/profiles/{slug}/requests", requests::create)
        .guard(middleware::from_fn(require_user))
}

/// The HTML routes of profiles (the catalogue's list is `search`'s).
pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/profiles/{slug}", handlers::show)
        .get("/profiles/{slug}/compare", handlers::compare)
        .get("/compare", cross_page::page)
        .get("/profiles/{slug}/history", history::show)
        .get("/profiles/{slug}/diff", history::diff)
        .get("/profiles/{slug}/versions/{n}", handlers::version)
}
