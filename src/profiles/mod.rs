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

use crate::web::routes::Routes;

/// The HTML routes of the catalogue.
pub fn routes() -> Routes {
    Routes::new()
        .get("/", handlers::catalogue)
        .get("/profiles/{slug}", handlers::show)
        .get("/profiles/{slug}/compare", handlers::compare)
        .get("/profiles/{slug}/history", handlers::history)
        .get("/profiles/{slug}/versions/{n}", handlers::version)
}
