//! The admin area: users, the audit log, change requests, and the pages
//! of profile drafts (`crate::drafts`) mounted here. Everything here sits
//! behind the admin guard.

pub mod audit;
pub mod examples;
pub mod requests;
pub mod thesaurus;
pub mod users;

use askama::Template;
use axum::middleware;
use axum::response::Response;

use crate::app::AppState;
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

/// The `/admin` routes, the drafts pages among them, all behind the admin
/// guard.
pub fn routes() -> Routes<AppState> {
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
        .get("/admin/outbox", crate::notifications::pages::outbox)
        .get("/admin/requests", requests::list)
        .post("/admin/requests/{id}/link", requests::link)
        .post("/admin/requests/{id}/close", requests::close)
        .get("/admin/thesaurus", thesaurus::show)
        .post("/admin/thesaurus", thesaurus::create)
        .post("/admin/thesaurus/starter", thesaurus::add_starter)
        .post("/admin/thesaurus/{id}", thesaurus::update)
        .post("/admin/thesaurus/{id}/delete", thesaurus::delete)
        .get("/admin/profiles/{slug}/examples", examples::show)
        .post("/admin/profiles/{slug}/examples", examples::create)
        .post(
            "/admin/profiles/{slug}/examples/{id}/delete",
            examples::delete,
        )
        .post(
            "/admin/profiles/{slug}/examples/tasks",
            examples::create_task,
        )
        .post(
            "/admin/profiles/{slug}/examples/tasks/{id}/delete",
            examples::delete_task,
        )
        .merge(crate::drafts::routes())
        .guard(middleware::from_fn(require_admin))
}
