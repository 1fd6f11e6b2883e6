//! The manager's actions on a position's content: create, save, submit,
//! withdraw.

use serde_json::json;
use sqlx::PgConnection;

use super::{allow, entry, stale};
use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::notifications::{self, Kind};
use crate::positions::db;
use crate::positions::input::{Check, PositionInput, Problems, check, normalise};
use crate::positions::view::{PositionView, proposal_of};
use crate::positions::workflow::{Action, Status};
use crate::profiles::model::Content;
use crate::web::client::Client;

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
    let version = crate::profiles::cached::current(state, slug)
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
    content: &Content,
    input: PositionInput,
) -> AppResult<Result<i64, Problems>> {
    let mut tx = state.db.begin().await?;
    let created =
        create_with_content_in(&mut tx, user, client, slug, version, content, input).await?;
    if created.is_ok() {
        tx.commit().await?;
    }
    Ok(created)
}

/// `create_with_content` in the caller's transaction (which commits it,
/// with whatever else belongs to the same change).
pub async fn create_with_content_in(
    tx: &mut PgConnection,
    user: &CurrentUser,
    client: &Client,
    slug: &str,
    version: i64,
    content: &Content,
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
    let id =
        db::create_with_content(&mut *tx, user.id, version, &input, content, &proposal).await?;
    // Created (revision 1), then saved (revision 2): two audit rows.
    audit::record_all(
        &mut *tx,
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
        return Err(stale());
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
        return Err(stale());
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
    // Back after HR's question: the officer who asked hears of it.
    let kind = if view.status() == Status::Returned && view.head().reviewer_id.is_some() {
        Kind::Answered
    } else {
        Kind::Submitted
    };
    notifications::position_event(tx, kind, id, user.id).await?;
    Ok(())
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
        return Err(stale());
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
