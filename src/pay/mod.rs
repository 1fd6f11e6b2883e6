//! Pay transparency (Directive (EU) 2023/970): staff records per
//! reporting year, the gender pay gap report built on the portal's
//! classifications (profile × decided level is the category of work of
//! equal value), its exports and the answer to a worker's Art. 7 request.
//! HR officers and admins only; every upload, view and export is audited,
//! and no pay figure or employee reference is logged.

pub mod api;
pub mod audit;
pub mod db;
pub mod export;
pub mod handlers;
pub mod justification;
pub mod model;
pub mod report;
pub mod staff;
pub mod staff_xlsx;
pub mod upload;

use axum::middleware;

use crate::app::AppState;
use crate::auth::session::{require_admin, require_hr};
use crate::web::routes::Routes;

/// The pay pages: HR officers and admins; deleting a year, admins.
pub fn routes() -> Routes<AppState> {
    let hr = Routes::new()
        .get("/pay", handlers::index)
        .post("/pay", handlers::upload)
        .get("/pay/{year}", handlers::show)
        .post("/pay/{year}/justifications", handlers::justify)
        .get("/pay/{year}/report.csv", handlers::export_csv)
        .get("/pay/{year}/report.xlsx", handlers::export_xlsx)
        .get(
            "/pay/{year}/categories/{profile}/{level}",
            handlers::category,
        )
        .guard(middleware::from_fn(require_hr));
    let wording = Routes::new()
        .get(
            "/profiles/{slug}/versions/{n}/wording",
            wording_pages::report,
        )
        .guard(middleware::from_fn(require_hr));
    let admin = Routes::new()
        .post("/pay/{year}/delete", handlers::delete)
        .get("/admin/wording", wording_pages::list)
        .post("/admin/wording", wording_pages::add)
        .post("/admin/wording/{id}/delete", wording_pages::remove)
        .guard(middleware::from_fn(require_admin));
    hr.merge(wording).merge(admin)
}
pub mod wording;
pub mod wording_pages;
