//! Positions: managers describe real jobs against a profile version and
//! submit them; the portal proposes a level; HR reviews and decides.

pub mod actions;
pub mod api;
pub mod consistency;
pub mod dashboard;
pub mod db;
pub mod export;
pub mod handlers;
pub mod input;
pub mod proposal;
pub mod queue;
pub mod reading;
pub mod record;
pub mod review;
pub mod view;
pub mod workflow;

use axum::middleware;

use crate::app::AppState;
use crate::auth::session::{require_hr, require_manager, require_user};
use crate::web::routes::Routes;

/// The manager's pages, the review area and the shared record.
pub fn routes() -> Routes<AppState> {
    let create = Routes::new()
        .get("/positions", handlers::list)
        .get("/positions/new", handlers::new_form)
        .post("/positions/new", handlers::create)
        .guard(middleware::from_fn(require_manager));
    // Owner or HR: checked per position in `view::access`.
    let position = Routes::new()
        .get("/positions/{id}", handlers::show)
        .post("/positions/{id}", handlers::save)
        .post("/positions/{id}/withdraw", handlers::withdraw)
        .post("/positions/{id}/reading", handlers::reading_preview)
        .post("/positions/{id}/comments", handlers::comment)
        .get("/positions/{id}/record", record::show)
        .post("/positions/{id}/share", record::share)
        .post("/positions/{id}/share/revoke", record::unshare)
        .guard(middleware::from_fn(require_user));
    let review = Routes::new()
        .get("/review", review::queue)
        .get("/review/export.csv", export::csv)
        .get("/review/dashboard", dashboard::show)
        .get("/review/{id}", review::position)
        .post("/review/{id}/claim", review::claim)
        .post("/review/{id}/placements", review::place)
        .post("/review/{id}/return", review::send_back)
        .post("/review/{id}/decide", review::decide)
        .post("/review/{id}/tasks/{n}/confirm", review::confirm_task)
        .post("/review/{id}/tasks/{n}/undo", review::undo_task)
        .guard(middleware::from_fn(require_hr));
    Routes::new()
        .merge(create)
        .merge(position)
        .merge(review)
        .get("/shared/{token}", record::shared)
}
