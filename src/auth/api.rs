//! `GET /api/v1/me`: who the token or session belongs to.

use axum::{Extension, Json};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::model::{CurrentUser, Role};
use super::session::Auth;
use crate::app::AppState;
use crate::error::ErrorBody;

/// The signed-in user.
#[derive(Serialize, ToSchema)]
pub struct Me {
    email: String,
    name: String,
    role: Role,
    unit: String,
    /// For session (cookie) callers: the token to send as `X-CSRF-Token`
    /// with unsafe requests. Absent for bearer-token callers.
    #[serde(skip_serializing_if = "Option::is_none")]
    csrf_token: Option<String>,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(me))
}

/// The user the request is authenticated as.
#[utoipa::path(get, path = "/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
async fn me(user: CurrentUser, Extension(auth): Extension<Auth>) -> Json<Me> {
    Json(Me {
        email: user.email,
        name: user.name,
        role: user.role,
        unit: user.unit,
        csrf_token: if auth.by_token { None } else { auth.csrf },
    })
}
