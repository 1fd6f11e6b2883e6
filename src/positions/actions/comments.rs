//! The position's thread: comments, questions and answers.

use serde_json::json;
use sqlx::PgConnection;

use super::{allow, entry};
use crate::app::AppState;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::error::{AppResult, Msg};
use crate::notifications::{self, Kind};
use crate::positions::db;
use crate::positions::input::{Field, Problems};
use crate::positions::view::PositionView;
use crate::positions::workflow::{Action, Status};
use crate::web::client::Client;

/// Longest comment, question or answer.
pub const MAX_COMMENT: usize = 5000;

/// Checks the text of a comment or question (`field`); returns it as stored.
pub(super) fn thread_text(field: Field, body: &str) -> Result<String, Problems> {
    let body = body.trim().replace("\r\n", "\n");
    let problem = if body.is_empty() {
        Msg::new("field-required")
    } else if body.chars().count() > MAX_COMMENT {
        Msg::new("text-too-long").arg("max", MAX_COMMENT)
    } else if body
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        Msg::new("text-control")
    } else {
        return Ok(body);
    };
    Err(vec![(field, problem)])
}

/// Adds a comment (or the manager's answer) to the thread.
pub async fn comment(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    body: &str,
) -> AppResult<Result<i64, Problems>> {
    let mut tx = state.db.begin().await?;
    let added = comment_in(&mut tx, user, client, view, body).await?;
    if added.is_ok() {
        tx.commit().await?;
    }
    Ok(added)
}

/// `comment` in the caller's transaction (which commits it).
pub async fn comment_in(
    tx: &mut PgConnection,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    body: &str,
) -> AppResult<Result<i64, Problems>> {
    allow(view, Action::Comment)?;
    let body = match thread_text(Field::Comment, body) {
        Ok(b) => b,
        Err(problems) => return Ok(Err(problems)),
    };
    let id = view.head().id;
    let comment = db::add_comment(&mut *tx, id, user.id, "comment", &body).await?;
    audit::record(
        &mut *tx,
        entry(
            "position.commented",
            id,
            json!({ "comment_id": comment }),
            user,
            client,
        ),
    )
    .await?;
    // The manager answering HR's question: the officer who asked hears of it.
    if view.status() == Status::Returned && view.actor.is_owner && view.head().reviewer_id.is_some()
    {
        notifications::position_event(&mut *tx, Kind::Answered, id, user.id).await?;
    }
    Ok(Ok(comment))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thread_texts_are_trimmed_and_checked_for_their_field() {
        assert_eq!(
            thread_text(Field::Comment, "  Een vraag\r\nnog iets ").unwrap(),
            "Een vraag\nnog iets"
        );
        for (text, key) in [
            ("  ", "field-required"),
            ("bel\u{7}", "text-control"),
            (&"x".repeat(MAX_COMMENT + 1), "text-too-long"),
        ] {
            let problems = thread_text(Field::Question, text).unwrap_err();
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].0, Field::Question);
            assert_eq!(problems[0].1.key, key);
        }
    }
}
