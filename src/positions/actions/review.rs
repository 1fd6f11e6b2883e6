//! HR's actions: claim, place the criteria, return with a question, decide.

use serde_json::json;

use super::comments::thread_text;
use super::{allow, conflict, entry, stale};
use crate::app::AppState;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::error::{AppResult, Msg};
use crate::notifications::{self, Kind};
use crate::positions::db;
use crate::positions::input::{Field, MAX_EVIDENCE, Problems};
use crate::positions::view::{HrPlacement, PositionView};
use crate::positions::workflow::{Action, Status};
use crate::profiles::model::Level;
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

/// The problems of HR's placements (aligned with the criteria).
fn check_placements(placements: &[HrPlacement]) -> Problems {
    placements
        .iter()
        .enumerate()
        .filter(|(_, p)| p.note.chars().count() > MAX_EVIDENCE)
        .map(|(i, _)| {
            (
                Field::HrNote(i),
                Msg::new("text-too-long").arg("max", MAX_EVIDENCE),
            )
        })
        .collect()
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
    let problems = check_placements(placements);
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut tx = state.db.begin().await?;
    write_placements(&mut tx, view, placements, user, client).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// Replaces HR's placements of a position still in review, with the audit row.
async fn write_placements(
    tx: &mut sqlx::PgConnection,
    view: &PositionView,
    placements: &[HrPlacement],
    user: &CurrentUser,
    client: &Client,
) -> AppResult<()> {
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
    // Lock the position and check it is still in review.
    let status = db::lock_status(&mut *tx, id).await?;
    if status != Status::InReview {
        return Err(conflict(status));
    }
    db::save_hr_placements(&mut *tx, id, user.id, &rows).await?;
    let levels: Vec<String> = placements.iter().map(|p| view.code(p.level)).collect();
    audit::record(
        tx,
        entry(
            "position.placed",
            id,
            json!({ "levels": levels }),
            user,
            client,
        ),
    )
    .await?;
    Ok(())
}

/// HR returns a position in review to its manager with a question.
pub async fn send_back(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    question: &str,
) -> AppResult<Result<(), Problems>> {
    let to = allow(view, Action::Return)?;
    let question = match thread_text(Field::Question, question) {
        Ok(q) => q,
        Err(problems) => return Ok(Err(problems)),
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
    notifications::position_event(&mut tx, Kind::Returned, id, user.id).await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// What a decision needs.
pub struct DecisionInput {
    /// The level code decided.
    pub level: String,
    pub rationale: String,
    /// HR's placements to save with the decision, aligned with the
    /// criteria; `None` keeps those saved (the review page saves them with
    /// a form of their own).
    pub placements: Option<Vec<HrPlacement>>,
}

/// The level of the profile a decision names.
fn decided_level<'a>(view: &'a PositionView, decision: &DecisionInput) -> Option<&'a Level> {
    let code = decision.level.trim();
    view.content.levels.iter().find(|l| l.code == code)
}

/// The rationale as stored.
fn rationale_of(decision: &DecisionInput) -> String {
    decision.rationale.trim().replace("\r\n", "\n")
}

/// The problems of a decision (its placements, level and rationale),
/// found before anything is written.
pub fn check_decision(view: &PositionView, decision: &DecisionInput) -> Problems {
    let mut problems = decision
        .placements
        .as_deref()
        .map(check_placements)
        .unwrap_or_default();
    if decided_level(view, decision).is_none() {
        problems.push((Field::DecisionLevel, Msg::new("decision-level")));
    }
    let length = rationale_of(decision).chars().count();
    if length < MIN_RATIONALE {
        problems.push((
            Field::Rationale,
            Msg::new("rationale-short").arg("min", MIN_RATIONALE),
        ));
    } else if length > MAX_RATIONALE {
        problems.push((
            Field::Rationale,
            Msg::new("text-too-long").arg("max", MAX_RATIONALE),
        ));
    }
    problems
}

/// HR decides the level, with its placements when given: one transaction,
/// so a refused decision writes nothing. Two officers deciding at once:
/// the status guard lets exactly one through; the other gets a conflict.
pub async fn decide(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    decision: &DecisionInput,
    content_language: Option<&str>,
) -> AppResult<Result<(), Problems>> {
    if decision.placements.is_some() {
        allow(view, Action::Place)?;
    }
    allow(view, Action::Decide)?;
    let problems = check_decision(view, decision);
    let Some(level) = decided_level(view, decision).filter(|_| problems.is_empty()) else {
        return Ok(Err(problems));
    };
    let id = view.head().id;
    let mut tx = state.db.begin().await?;
    let hr = match &decision.placements {
        Some(placements) => {
            write_placements(&mut tx, view, placements, user, client).await?;
            placements.as_slice()
        }
        None => view.hr.as_slice(),
    };
    let rationale = rationale_of(decision);
    if !db::decide(&mut tx, id, level.id, &rationale, user.id, content_language).await? {
        return Err(stale());
    }
    audit::record(
        &mut tx,
        entry(
            "position.decided",
            id,
            json!({
                "level": level.code,
                "proposed_level": view.proposal.code,
                "agreement": view.agreement_with(hr),
                "content_language": content_language,
            }),
            user,
            client,
        ),
    )
    .await?;
    notifications::position_event(&mut tx, Kind::Decided, id, user.id).await?;
    tx.commit().await?;
    Ok(Ok(()))
}
