//! Read-only links to a decided position's record.

use serde_json::json;

use super::{conflict, entry};
use crate::app::AppState;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::auth::tokens;
use crate::error::AppResult;
use crate::notifications::{self, Employee};
use crate::positions::db;
use crate::positions::view::PositionView;
use crate::positions::workflow::Status;
use crate::web::client::Client;

/// A new read-only link to a decided position's record; returns the token.
pub async fn share(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
) -> AppResult<String> {
    share_telling(state, user, client, view, None).await
}

/// `share`, and when `employee` is given, an e-mail telling them of the
/// decision with the link (written with the link: both or neither). The
/// caller checks the address first (`notifications::valid_address`).
pub async fn share_telling(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    employee: Option<&Employee>,
) -> AppResult<String> {
    if view.status() != Status::Decided {
        return Err(conflict(view.status()));
    }
    let token = tokens::random_secret(32);
    let id = view.head().id;
    let mut tx = state.db.begin().await?;
    let link = db::create_share_link(&mut tx, id, user.id, &token).await?;
    audit::record(
        &mut tx,
        entry(
            "share.created",
            id,
            json!({ "link_id": link, "employee_told": employee.is_some() }),
            user,
            client,
        ),
    )
    .await?;
    if let Some(employee) = employee {
        notifications::events::decision_shared(&mut tx, id, &token, employee).await?;
    }
    tx.commit().await?;
    Ok(token)
}

/// Revokes the position's share links.
pub async fn unshare(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
) -> AppResult<u64> {
    let id = view.head().id;
    let mut tx = state.db.begin().await?;
    let count = db::revoke_share_links(&mut tx, id).await?;
    audit::record(
        &mut tx,
        entry("share.revoked", id, json!({ "count": count }), user, client),
    )
    .await?;
    tx.commit().await?;
    Ok(count)
}
