//! HR confirms or corrects the result area of a task, or takes that back
//! (`assessment::learning`): shared by the review page and the API.

use serde_json::json;

use super::{PositionView, entry};
use crate::app::AppState;
use crate::assessment::learning;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::positions::workflow::Status;
use crate::web::client::Client;

/// The text and number of task `n` (1-based) of `v`, when `user` may
/// confirm it: HR or admin (403), an existing task (404), not a draft,
/// whose tasks may still change (409).
pub fn task(v: &PositionView, user: &CurrentUser, n: usize) -> AppResult<(String, i32)> {
    if !user.is_hr() {
        return Err(AppError::Forbidden);
    }
    let text = n
        .checked_sub(1)
        .and_then(|i| v.input.tasks.get(i))
        .cloned()
        .ok_or(AppError::NotFound)?;
    if v.status() == Status::Draft {
        return Err(AppError::Conflict(Msg::new("confirmation-draft")));
    }
    let number = i32::try_from(n).map_err(|_| AppError::NotFound)?;
    Ok((text, number))
}

/// Confirms that task `n` is work of result area `area` (0-based, checked
/// by the caller), replacing an earlier confirmation; audited. The task's
/// text.
pub async fn confirm(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    v: &PositionView,
    n: usize,
    area: usize,
) -> AppResult<String> {
    let (text, number) = task(v, user, n)?;
    let area = v.content.result_areas.get(area).ok_or(AppError::NotFound)?;
    let id = v.head().id;
    let mut tx = state.db.begin().await?;
    // One confirmation of a position at a time: two at once would both
    // find no live row and both insert one.
    crate::positions::db::lock_status(&mut tx, id).await?;
    let before = learning::confirm(&mut tx, id, number, &text, area.id, user.id).await?;
    let before = before.and_then(|b| v.content.result_areas.iter().find(|a| a.id == b));
    let details = json!({"task": n, "text": text, "result_area": area.title,
                         "before": before.map(|a| a.title.clone())});
    audit::record(&mut tx, entry("task.confirmed", id, details, user, client)).await?;
    tx.commit().await?;
    Ok(text)
}

/// Takes the confirmation of task `n` back (it stays on record, undone);
/// audited. 404 when the task has none.
pub async fn undo(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    v: &PositionView,
    n: usize,
) -> AppResult<()> {
    let (text, number) = task(v, user, n)?;
    let id = v.head().id;
    let mut tx = state.db.begin().await?;
    crate::positions::db::lock_status(&mut tx, id).await?;
    let Some(was) = learning::undo(&mut tx, id, number, user.id).await? else {
        return Err(AppError::NotFound);
    };
    let was = v.content.result_areas.iter().find(|a| a.id == was);
    let details = json!({"task": n, "text": text, "result_area": was.map(|a| a.title.clone())});
    audit::record(
        &mut tx,
        entry("task.confirmation_undone", id, details, user, client),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
