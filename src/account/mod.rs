//! A user's own page: password, sessions, API tokens, and the change
//! requests they made. It builds on `auth` (accounts, sessions, tokens)
//! and `profiles` (change requests).

pub mod handlers;

use axum::middleware;

use crate::app::AppState;
use crate::auth::session::require_user;
use crate::web::routes::Routes;

/// `/account` and its forms, for any signed-in user.
pub fn routes() -> Routes<AppState> {
    Routes::new()
        .get("/account", handlers::show)
        .post("/account/password", handlers::change_password)
        .post("/account/sessions/end-others", handlers::end_other_sessions)
        .post("/account/sessions/{handle}/end", handlers::end_session)
        .post("/account/tokens", handlers::create_token)
        .post("/account/tokens/{id}/revoke", handlers::revoke_token)
        .post("/account/notifications", handlers::notification_preferences)
        .guard(middleware::from_fn(require_user))
}
