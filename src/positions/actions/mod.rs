//! What users do to positions, shared by the pages and the API: each
//! action checks access and the workflow, runs in one transaction with its
//! audit entry, and is guarded against concurrent changes. Input problems
//! come back as `Ok(Err(Problems))`, by `Field`, with nothing written; each
//! surface names the fields its own way.

mod comments;
pub mod confirmation;
mod draft;
mod review;
mod sharing;

pub use comments::{MAX_COMMENT, comment, comment_in};
pub use draft::{
    create, create_with_content, create_with_content_in, save, submit_as_is, withdraw,
};
pub use review::{
    DecisionInput, MAX_RATIONALE, MIN_RATIONALE, check_decision, claim, decide, place, send_back,
};
pub use sharing::{share, share_telling, unshare};

use super::db;
use super::view::{PositionView, access};
use super::workflow::{Action, Refusal, Status, transition};
use crate::app::AppState;
use crate::audit::Entry;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::web::client::Client;

/// Loads a position the user may see (else 404).
pub async fn load(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<PositionView> {
    load_in(&state.db, state, user, id).await
}

/// `load` through `db`: a transaction sees what it wrote itself.
pub async fn load_in(
    db: impl sqlx::PgExecutor<'_>,
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> AppResult<PositionView> {
    let full = db::full(db, id).await?.ok_or(AppError::NotFound)?;
    let actor = access(user, &full.head).ok_or(AppError::NotFound)?;
    let content = crate::profiles::cached::frozen(state, full.head.profile_version_id).await?;
    Ok(PositionView::new(full, content, actor))
}

/// Checks that the viewer may do `action` now.
fn allow(view: &PositionView, action: Action) -> AppResult<Status> {
    transition(view.actor, view.status(), action).map_err(|refusal| match refusal {
        Refusal::NotAllowed => AppError::Forbidden,
        Refusal::WrongStatus => conflict(view.status()),
    })
}

/// The position is not in a status that allows this.
fn conflict(status: Status) -> AppError {
    AppError::Conflict(Msg::new("position-conflict").arg("status", status.as_str()))
}

/// The position changed since it was read.
fn stale() -> AppError {
    AppError::Conflict(Msg::new("position-stale"))
}

/// The audit entry of an action on position `id`.
fn entry<'a>(
    action: &'static str,
    id: i64,
    details: serde_json::Value,
    user: &CurrentUser,
    client: &'a Client,
) -> Entry<'a> {
    Entry {
        action,
        subject_type: "position",
        subject_id: id.to_string(),
        details,
        actor: Some(user.id),
        client,
    }
}
