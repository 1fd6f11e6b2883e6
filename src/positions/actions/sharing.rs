//! Read-only links to a decided position's record.

use serde_json::json;

use super::{conflict, entry};
use crate::app::AppState;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::auth::tokens;
use crate::error::AppResult;
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
            json!({ "link_id": link }),
            user,
            client,
        ),
    )
    .await?;
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
