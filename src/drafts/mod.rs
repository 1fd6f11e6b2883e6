//! Profile drafts: a draft is the next version of a profile while admins
//! edit it. It starts as a copy of the current version, a new profile or
//! an imported document; it is saved section by section (pages) or as a
//! whole document (API) under revision control; then published, now or on
//! a later date, or discarded.
//!
//! `actions` is the one layer that changes drafts, for the editor's pages
//! (`editor`, `admin_pages`) and the JSON API (`api`) alike; `db` holds
//! the SQL, `input` the rules input must pass, `sections` and `values` the
//! pure section editing, `error` the refusals and how they become
//! `AppError`s.

pub mod actions;
pub mod admin_pages;
pub mod api;
pub mod db;
pub mod editor;
pub mod error;
pub mod forms;
pub mod input;
pub mod sections;
pub mod translate;
pub mod values;

pub use api::router as api_router;
pub use db::promote_due;
pub use error::DraftError;

use crate::app::AppState;
use crate::web::routes::Routes;

/// The drafts pages under `/admin/profiles`. They carry no guard of their
/// own: `admin::routes` mounts them behind the admin guard.
pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/admin/profiles", admin_pages::list)
        .get("/admin/profiles/new", admin_pages::new_form)
        .post("/admin/profiles/new", admin_pages::create)
        .get("/admin/profiles/import", admin_pages::import_form)
        .post("/admin/profiles/import", admin_pages::import)
        .post("/admin/profiles/{slug}/draft", admin_pages::start)
        .get("/admin/profiles/{slug}/draft", editor::show)
        .post("/admin/profiles/{slug}/draft/publish", editor::publish)
        .post("/admin/profiles/{slug}/draft/discard", editor::discard)
        .get("/admin/profiles/{slug}/draft/preview", admin_pages::preview)
        .get(
            "/admin/profiles/{slug}/draft/compare",
            admin_pages::preview_compare,
        )
        .get(
            "/admin/profiles/{slug}/draft/export",
            admin_pages::export_draft,
        )
        .get(
            "/admin/profiles/{slug}/draft/translations/{lang}",
            translate::show,
        )
        .post(
            "/admin/profiles/{slug}/draft/translations/{lang}/{section}",
            translate::save_section,
        )
        .post(
            "/admin/profiles/{slug}/draft/{section}",
            editor::save_section,
        )
        .get(
            "/admin/profiles/{slug}/versions/{n}/export",
            admin_pages::export,
        )
}
