//! The admin area: users, the audit log (and later, profile drafts).
//! Everything here sits behind the admin guard.

pub mod audit;
pub mod editor;
pub mod profiles;
pub mod requests;
pub mod sections;
pub mod users;

use askama::Template;
use axum::middleware;
use axum::response::Response;

use crate::auth::session::require_admin;
use crate::error::AppResult;
use crate::web::routes::Routes;
use crate::web::{Layout, render};

#[derive(Template)]
#[template(path = "admin/index.html")]
struct AdminHome {
    l: Layout,
}

async fn home(l: Layout) -> AppResult<Response> {
    render(&AdminHome { l })
}

/// The `/admin` routes, all behind the admin guard.
pub fn routes() -> Routes {
    Routes::new()
        .get("/admin", home)
        .get("/admin/users", users::list)
        .get("/admin/users/new", users::new_form)
        .post("/admin/users/new", users::create)
        .get("/admin/users/{id}", users::edit_form)
        .post("/admin/users/{id}", users::update)
        .post("/admin/users/{id}/deactivate", users::deactivate)
        .post("/admin/users/{id}/reactivate", users::reactivate)
        .post("/admin/users/{id}/reset-password", users::reset_password)
        .get("/admin/audit", audit::show)
        .get("/admin/profiles", profiles::list)
        .get("/admin/profiles/new", profiles::new_form)
        .post("/admin/profiles/new", profiles::create)
        .get("/admin/profiles/import", profiles::import_form)
        .post("/admin/profiles/import", profiles::import)
        .post("/admin/profiles/{slug}/draft", profiles::start)
        .get("/admin/profiles/{slug}/draft", editor::show)
        .post("/admin/profiles/{slug}/draft/publish", editor::publish)
        .post("/admin/profiles/{slug}/draft/discard", editor::discard)
        .get("/admin/profiles/{slug}/draft/preview", profiles::preview)
        .get(
            "/admin/profiles/{slug}/draft/compare",
            profiles::preview_compare,
        )
        .get(
            "/admin/profiles/{slug}/draft/export",
            profiles::export_draft,
        )
        .post(
            "/admin/profiles/{slug}/draft/{section}",
            editor::save_section,
        )
        .get(
            "/admin/profiles/{slug}/versions/{n}/export",
            profiles::export,
        )
        .get("/admin/requests", requests::list)
        .post("/admin/requests/{id}/link", requests::link)
        .post("/admin/requests/{id}/close", requests::close)
        .guard(middleware::from_fn(require_admin))
}
