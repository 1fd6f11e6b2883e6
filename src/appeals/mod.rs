//! Appeals: a decision can be contested once, within
//! `JOBCLASS_APPEAL_DAYS` calendar days, by the manager from the position
//! page or by the employee through the shared record; an officer other
//! than the one who decided re-examines it and upholds or changes it.
//! The API routes live with the positions API (`positions::api::appeal`).

pub mod actions;
pub mod db;
pub mod history;
pub mod input;
pub mod model;
pub mod pages;
pub mod workflow;

use axum::middleware;

use crate::app::AppState;
use crate::auth::session::{require_hr, require_user};
use crate::web::routes::Routes;

/// The appeal pages: lodging and answering (manager or share link), the
/// appeals queue and the appeal's review (HR).
pub fn routes() -> Routes<AppState> {
    let appellant = Routes::new()
        .get("/positions/{id}/appeal", pages::show)
        .post("/positions/{id}/appeal", pages::lodge)
        .post("/positions/{id}/appeal/answer", pages::answer)
        .guard(middleware::from_fn(require_user));
    let review = Routes::new()
        .get("/review/appeals", pages::queue)
        .get("/review/appeals/{id}", pages::review)
        .post("/review/appeals/{id}/claim", pages::claim)
        .post("/review/appeals/{id}/assign", pages::assign)
        .post("/review/appeals/{id}/ask", pages::ask)
        .post("/review/appeals/{id}/decide", pages::decide)
        .guard(middleware::from_fn(require_hr));
    Routes::new()
        .merge(appellant)
        .merge(review)
        .get("/shared/{token}/appeal", pages::show_shared)
        .post("/shared/{token}/appeal", pages::lodge_shared)
        .post("/shared/{token}/appeal/answer", pages::answer_shared)
}
