//! Fixed pages that every visitor may read: the accessibility statement
//! that EU public-sector sites publish (Directive 2016/2102).

use askama::Template;
use axum::response::Response;
use time::OffsetDateTime;
use time::macros::datetime;

use crate::app::AppState;
use crate::error::AppResult;
use crate::web::routes::Routes;
use crate::web::{Layout, render};

/// Where users report accessibility problems.
pub const ACCESSIBILITY_CONTACT: &str = "toegankelijkheid@jobclass.example";
/// When the accessibility statement was last reviewed.
pub const ACCESSIBILITY_REVIEWED: OffsetDateTime = datetime!(2026-11-29 12:00 UTC);

/// The routes of the fixed pages (public).
pub fn routes() -> Routes<AppState> {
    Routes::new().get("/accessibility", accessibility)
}

#[derive(Template)]
#[template(path = "pages/accessibility.html")]
struct AccessibilityPage {
    l: Layout,
    contact: &'static str,
    reviewed: OffsetDateTime,
}

/// `GET /accessibility`: the accessibility statement.
async fn accessibility(l: Layout) -> AppResult<Response> {
    render(&AccessibilityPage {
        l,
        contact: ACCESSIBILITY_CONTACT,
        reviewed: ACCESSIBILITY_REVIEWED,
    })
}
