//! What users do to positions, shared by the pages and the API: each
//! action checks access and the workflow, runs in one transaction with its
//! audit entry, and is guarded against concurrent changes.

use serde_json::json;

use super::db;
use super::input::{Check, PositionInput, Problems, check, normalise};
use super::view::{HrPlacement, PositionView, access, proposal_of};
use super::workflow::{Action, Refusal, Status, transition};
use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::auth::tokens;
use crate::error::{AppError, AppResult, Msg};
use crate::web::client::Client;

/// Longest comment, question or answer.
pub const MAX_COMMENT: usize = 5000;
/// Shortest rationale of a decision.
pub const MIN_RATIONALE: usize = 30;
pub const MAX_RATIONALE: usize = 10_000;

/// Loads a position the user may see (else 404).
pub async fn load(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<PositionView> {
    let full = db::full(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let actor = access(user, &full.head).ok_or(AppError::NotFound)?;
    let content = state
        .profiles
        .frozen(&state.db, full.head.profile_version_id)
        .await?;
    Ok(PositionView::new(full, content, actor))
}

/// Checks that the viewer may do `action` now.
fn allow(view: &PositionView, action: Action) -> AppResult<Status> {
    transition(view.actor, view.status(), action).map_err(|refusal| match refusal {
        Refusal::NotAllowed => AppError::Forbidden,
        Refusal::WrongStatus => conflict(view.status()),
    })
}

fn conflict(status: Status) -> AppError {
    AppError::Conflict(Msg::new("position-conflict").arg("status", status.as_str()))
}

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

/// The audit entry of a new position.
fn created<'a>(
    id: i64,
    slug: &str,
    version: i64,
    user: &CurrentUser,
    client: &'a Client,
) -> Entry<'a> {
    entry(
        "position.created",
        id,
        json!({ "profile": slug, "profile_version_id": version }),
        user,
        client,
    )
}

/// Starts a draft against the current version of `slug`; returns its id.
pub async fn create(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    slug: &str,
) -> AppResult<i64> {
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    let version = state
        .directory
        .current(&state.db, slug)
        .await?
        .map(|v| v.id)
        .ok_or_else(|| {
            AppError::BadRequest(
                Msg::new("profile-unknown").arg("value", slug.chars().take(80).collect::<String>()),
            )
        })?;
    let mut tx = state.db.begin().await?;
    let id = db::create(&mut tx, user.id, version, &user.unit).await?;
    audit::record(&mut tx, created(id, slug, version, user, client)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Starts a draft against `version` of `slug` with its first content, in
/// one transaction: when anything fails, no empty draft is left behind
/// (the API's create). `Err` problems: nothing was written.
pub async fn create_with_content(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    slug: &str,
    version: i64,
    content: &crate::profiles::model::Content,
    input: PositionInput,
) -> AppResult<Result<i64, Problems>> {
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    let input = normalise(input);
    let problems = check(&input, content, Check::Draft);
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let proposal = proposal_of(&input, content);
    let mut tx = state.db.begin().await?;
    let id = db::create_with_content(&mut tx, user.id, version, &input, content, &proposal).await?;
    // Created (revision 1), then saved (revision 2): two audit rows.
    audit::record_all(
        &mut tx,
        &[
            created(id, slug, version, user, client),
            entry(
                "position.saved",
                id,
                json!({ "revision": 2, "proposed_level": proposal.code }),
                user,
                client,
            ),
        ],
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Saves the content of a draft or returned position made on `revision`,
/// and submits it when `submit` (only if complete). `Err` problems leave
/// everything as it was.
pub async fn save(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    revision: i32,
    input: PositionInput,
    submit: bool,
) -> AppResult<Result<i32, Problems>> {
    allow(view, if submit { Action::Submit } else { Action::Edit })?;
    let input = normalise(input);
    let problems = check(
        &input,
        &view.content,
        if submit { Check::Submit } else { Check::Draft },
    );
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let id = view.head().id;
    let proposal = proposal_of(&input, &view.content);
    let mut tx = state.db.begin().await?;
    let Some(mut new_revision) = db::save(
        &mut tx,
        id,
        revision,
        &input,
        &view.content,
        &proposal,
        user.id,
    )
    .await?
    else {
        return Err(AppError::Conflict(Msg::new("position-stale")));
    };
    audit::record(
        &mut tx,
        entry(
            "position.saved",
            id,
            json!({ "revision": new_revision, "proposed_level": proposal.code }),
            user,
            client,
        ),
    )
    .await?;
    if submit {
        mark_submitted(&mut tx, view, new_revision, user, client).await?;
        new_revision += 1;
    }
    tx.commit().await?;
    Ok(Ok(new_revision))
}

/// Withdraws a draft or submitted position.
pub async fn withdraw(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
) -> AppResult<()> {
    let to = allow(view, Action::Withdraw)?;
    let id = view.head().id;
    let mut tx = state.db.begin().await?;
    if !db::move_status(&mut tx, id, view.status(), to, None).await? {
        return Err(AppError::Conflict(Msg::new("position-stale")));
    }
    audit::record(
        &mut tx,
        entry(
            "position.withdrawn",
            id,
            json!({ "from": view.status().as_str() }),
            user,
            client,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

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
        return Err(AppError::Conflict(Msg::new("position-stale")));
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
        if p.note.chars().count() > super::input::MAX_EVIDENCE {
            problems.push((
                super::input::Field::Evidence(i),
                Msg::new("text-too-long").arg("max", super::input::MAX_EVIDENCE),
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
        return Err(AppError::Conflict(Msg::new("position-stale")));
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
        return Err(AppError::Conflict(Msg::new("position-stale")));
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

/// Submits a draft or returned position as it is stored (the API's
/// submit): checks it is complete and moves its status, without writing
/// its content again. Returns the new revision.
pub async fn submit_as_is(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    view: &PositionView,
    revision: i32,
) -> AppResult<Result<i32, Problems>> {
    allow(view, Action::Submit)?;
    let problems = check(&view.input, &view.content, Check::Submit);
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut tx = state.db.begin().await?;
    mark_submitted(&mut tx, view, revision, user, client).await?;
    tx.commit().await?;
    Ok(Ok(revision + 1))
}

/// Moves `view` made on `revision` to submitted, with its audit row.
async fn mark_submitted(
    tx: &mut sqlx::PgConnection,
    view: &PositionView,
    revision: i32,
    user: &CurrentUser,
    client: &Client,
) -> AppResult<()> {
    let id = view.head().id;
    if !db::move_status(tx, id, view.status(), Status::Submitted, Some(revision)).await? {
        return Err(AppError::Conflict(Msg::new("position-stale")));
    }
    audit::record(
        tx,
        entry(
            "position.submitted",
            id,
            json!({ "from": view.status().as_str() }),
            user,
            client,
        ),
    )
    .await?;
    Ok(())
}
