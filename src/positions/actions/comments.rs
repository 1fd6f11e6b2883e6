//! The position's thread: comments, questions and answers.

use serde_json::json;

use super::{allow, entry};
use crate::app::AppState;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::error::{AppResult, Msg};
use crate::positions::db;
use crate::positions::view::PositionView;
use crate::positions::workflow::Action;
use crate::web::client::Client;

/// Longest comment, question or answer.
pub const MAX_COMMENT: usize = 5000;

/// Checks a comment text.
pub fn comment_text(body: &str) -> Result<String, Msg> {
    let body = body.trim().replace("\r\n", "\n");
    if body.is_empty() {
        return Err(Msg::new("field-required"));
    }
    if body.chars().count() > MAX_COMMENT {
        return Err(Msg::new("text-too-long").arg("max", MAX_COMMENT));
    }
    if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Msg::new("text-control"));
    }
    Ok(body)
}

/// Adds a comment (or the manager's answer) to the thread.
pub async fn comment(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    body: &str,
) -> AppResult<Result<i64, Msg>> {
    allow(view, Action::Comment)?;
    let body = match comment_text(body) {
        Ok(b) => b,
        Err(msg) => return Ok(Err(msg)),
    };
    let id = view.head().id;
    let mut tx = state.db.begin().await?;
    let comment = db::add_comment(&mut tx, id, user.id, "comment", &body).await?;
    audit::record(
        &mut tx,
        entry(
            "position.commented",
            id,
            json!({ "comment_id": comment }),
            user,
            client,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(comment))
}
