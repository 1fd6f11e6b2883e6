//! HR's actions: claim, place the criteria, return with a question, decide.

use serde_json::json;

use super::comments::comment_text;
use super::{allow, conflict, entry, stale};
use crate::app::AppState;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::error::{AppResult, Msg};
use crate::positions::db;
use crate::positions::input::Problems;
use crate::positions::view::{HrPlacement, PositionView};
use crate::positions::workflow::{Action, Status};
use crate::web::client::Client;

/// Shortest rationale of a decision.
pub const MIN_RATIONALE: usize = 30;
pub const MAX_RATIONALE: usize = 10_000;

/// HR takes a submitted position into review.
pub async fn claim(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
) -> AppResult<()> {
    allow(view, Action::Claim)?;
    let id = view.head().id;
    let mut tx = state.db.begin().await?;
    if !db::claim(&mut tx, id, user.id).await? {
        return Err(stale());
    }
    audit::record(
        &mut tx,
        entry("position.claimed", id, json!({}), user, client),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// HR's own placements, aligned with the criteria.
pub async fn place(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    placements: &[HrPlacement],
) -> AppResult<Result<(), Problems>> {
    allow(view, Action::Place)?;
    let mut problems = Problems::new();
    for (i, p) in placements.iter().enumerate() {
        if p.note.chars().count() > crate::positions::input::MAX_EVIDENCE {
            problems.push((
                crate::positions::input::Field::Evidence(i),
                Msg::new("text-too-long").arg("max", crate::positions::input::MAX_EVIDENCE),
            ));
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let content = &view.content;
    let rows: Vec<(i64, Option<i64>, String)> = content
        .criteria
        .iter()
        .zip(placements)
        .filter(|(_, p)| p.level.is_some() || !p.note.trim().is_empty())
        .map(|(c, p)| {
            (
                c.id,
                p.level.and_then(|l| content.levels.get(l)).map(|l| l.id),
                p.note.trim().to_string(),
            )
        })
        .collect();
    let id = view.head().id;
    let mut tx = state.db.begin().await?;
    // Lock the position and check it is still in review.
    let status = db::lock_status(&mut tx, id).await?;
    if status != Status::InReview {
        return Err(conflict(status));
    }
    db::save_hr_placements(&mut tx, id, user.id, &rows).await?;
    let levels: Vec<String> = placements.iter().map(|p| view.code(p.level)).collect();
    audit::record(
        &mut tx,
        entry(
            "position.placed",
            id,
            json!({ "levels": levels }),
            user,
            client,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// HR returns a position in review to its manager with a question.
pub async fn send_back(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    question: &str,
) -> AppResult<Result<(), Msg>> {
    let to = allow(view, Action::Return)?;
    let question = match comment_text(question) {
        Ok(q) => q,
        Err(msg) => return Ok(Err(msg)),
    };
    let id = view.head().id;
    let mut tx = state.db.begin().await?;
    if !db::move_status(&mut tx, id, Status::InReview, to, None).await? {
        return Err(stale());
    }
    let comment = db::add_comment(&mut tx, id, user.id, "question", &question).await?;
    audit::record(
        &mut tx,
        entry(
            "position.returned",
            id,
            json!({ "comment_id": comment }),
            user,
            client,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// What a decision needs.
pub struct DecisionInput {
    pub level: String,
    pub rationale: String,
}

/// HR decides the level. Two officers deciding at once: the status guard
/// lets exactly one through; the other gets a conflict.
pub async fn decide(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    decision: &DecisionInput,
) -> AppResult<Result<(), Vec<(&'static str, Msg)>>> {
    allow(view, Action::Decide)?;
    let mut problems = Vec::new();
    let level = view
        .content
        .levels
        .iter()
        .find(|l| l.code == decision.level.trim());
    if level.is_none() {
        problems.push(("level", Msg::new("decision-level")));
    }
    let rationale = decision.rationale.trim().replace("\r\n", "\n");
    let length = rationale.chars().count();
    if length < MIN_RATIONALE {
        problems.push((
            "rationale",
            Msg::new("rationale-short").arg("min", MIN_RATIONALE),
        ));
    } else if length > MAX_RATIONALE {
        problems.push((
            "rationale",
            Msg::new("text-too-long").arg("max", MAX_RATIONALE),
        ));
    }
    let Some(level) = level.filter(|_| problems.is_empty()) else {
        return Ok(Err(problems));
    };
    let id = view.head().id;
    let mut tx = state.db.begin().await?;
    if !db::decide(&mut tx, id, level.id, &rationale, user.id).await? {
        return Err(stale());
    }
    audit::record(
        &mut tx,
        entry(
            "position.decided",
            id,
            json!({ "level": level.code, "proposed_level": view.proposal.code, "agreement": view.agreement() }),
            user,
            client,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(()))
}
