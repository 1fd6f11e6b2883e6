//! Change requests: anyone signed in proposes a change to a profile;
//! admins answer them (see `admin::requests`).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::web::client::Client;
use crate::web::flash;

/// A change request as listed.
#[derive(Debug, Clone)]
pub struct Request {
    pub id: i64,
    pub slug: String,
    pub profile_title: String,
    pub requester: String,
    pub part: String,
    pub proposal: String,
    pub reason: String,
    pub open: bool,
    pub draft_version: Option<i32>,
    pub answer: Option<String>,
    pub answered_by: Option<String>,
    pub created_at: OffsetDateTime,
    pub closed_at: Option<OffsetDateTime>,
}

/// Requests, newest first: all (admins) or one requester's.
pub async fn list(
    db: impl PgExecutor<'_>,
    requester: Option<i64>,
    open_only: bool,
) -> sqlx::Result<Vec<Request>> {
    sqlx::query_as!(
        Request,
        r#"
        select r.id, p.slug,
               coalesce((select v.title from profile_versions v where v.profile_id = p.id
                          order by (v.status = 'published') desc, v.version desc limit 1), p.slug) as "profile_title!",
               u.name as requester, r.part, r.proposal, r.reason, r.status = 'open' as "open!",
               d.version as "draft_version?", r.answer, a.name as "answered_by?", r.created_at, r.closed_at
          from change_requests r
          join profiles p on p.id = r.profile_id
          join users u on u.id = r.requester_id
          left join users a on a.id = r.answered_by
          left join profile_versions d on d.id = r.draft_id
         where ($1::bigint is null or r.requester_id = $1)
           and (not $2 or r.status = 'open')
         order by r.created_at desc, r.id desc
         limit 500
        "#,
        requester,
        open_only
    )
    .fetch_all(db)
    .await
}

/// Checks one text of a request.
fn text(value: &str, max: usize) -> Result<String, Msg> {
    let value = value.trim().replace("\r\n", "\n");
    if value.is_empty() {
        return Err(Msg::new("field-required"));
    }
    if value.chars().count() > max {
        return Err(Msg::new("text-too-long").arg("max", max));
    }
    Ok(value)
}

#[derive(Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    part: String,
    #[serde(default)]
    proposal: String,
    #[serde(default)]
    reason: String,
}

/// `POST /profiles/{slug}/requests`.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(slug): Path<String>,
    Form(form): Form<RequestForm>,
) -> AppResult<Response> {
    let profile = sqlx::query_scalar!("select id from profiles where slug = $1", slug)
        .fetch_optional(&state.db)
        .await?
        .ok_or(AppError::NotFound)?;
    let checked = (|| {
        Ok::<_, Msg>((
            text(&form.part, 300)?,
            text(&form.proposal, 5000)?,
            text(&form.reason, 5000)?,
        ))
    })();
    let (part, proposal, reason) = checked.map_err(|msg| AppError::Validation {
        message: Msg::new("request-incomplete"),
        fields: vec![("request".into(), msg)],
    })?;
    let mut tx = state.db.begin().await?;
    let id = insert(&mut tx, profile, user.id, &part, &proposal, &reason).await?;
    audit::record(
        &mut tx,
        Entry {
            action: "request.created",
            subject_type: "change_request",
            subject_id: id.to_string(),
            details: json!({ "slug": slug, "part": part }),
            actor: Some(user.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("request-sent")).await;
    Ok(Redirect::to(&format!("/profiles/{slug}")).into_response())
}

async fn insert(
    tx: &mut PgConnection,
    profile: i64,
    user: i64,
    part: &str,
    proposal: &str,
    reason: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into change_requests (profile_id, requester_id, part, proposal, reason) values ($1, $2, $3, $4, $5) returning id",
        profile,
        user,
        part,
        proposal,
        reason
    )
    .fetch_one(&mut *tx)
    .await
}

/// Links an open request to the profile's open draft; false if there is none.
pub async fn link(tx: &mut PgConnection, id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"
        update change_requests r set draft_id = v.id
          from profile_versions v
         where r.id = $1 and r.status = 'open' and v.profile_id = r.profile_id and v.status = 'draft'
        "#,
        id
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Closes an open request with an answer; its requester and the part it
/// is about, or `None` if it was not open.
pub async fn close(
    tx: &mut PgConnection,
    id: i64,
    answer: &str,
    by: i64,
) -> sqlx::Result<Option<(i64, String)>> {
    let closed = sqlx::query!(
        "update change_requests set status = 'closed', answer = $2, answered_by = $3, closed_at = now() where id = $1 and status = 'open' returning requester_id, part",
        id,
        answer,
        by
    )
    .fetch_optional(&mut *tx)
    .await?;
    Ok(closed.map(|r| (r.requester_id, r.part)))
}

/// Checks an answer text.
pub fn answer_text(value: &str) -> Result<String, Msg> {
    text(value, 5000)
}
