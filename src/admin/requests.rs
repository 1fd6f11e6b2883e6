//! `/admin/requests`: change requests, linked to drafts and answered.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;

use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::requests::{self, Request};
use crate::web::client::Client;
use crate::web::{Layout, flash, render};

#[derive(Template)]
#[template(path = "admin/requests.html")]
struct RequestsPage {
    l: Layout,
    requests: Vec<Request>,
    all: bool,
}

#[derive(Deserialize)]
pub struct ListQuery {
    all: Option<String>,
}

/// `GET /admin/requests` (open ones; `?all=1` for all).
pub async fn list(
    State(state): State<AppState>,
    l: Layout,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let all = query.all.is_some();
    let requests = requests::list(&state.db, None, !all).await?;
    render(&RequestsPage { l, requests, all })
}

/// `POST /admin/requests/{id}/link`: to the profile's open draft.
pub async fn link(
    State(state): State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    if !requests::link(&mut tx, id).await? {
        return Err(AppError::Conflict(Msg::new("request-no-draft")));
    }
    audit::record(
        &mut tx,
        Entry {
            action: "request.linked",
            subject_type: "change_request",
            subject_id: id.to_string(),
            details: json!({}),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("request-linked")).await;
    Ok(Redirect::to("/admin/requests").into_response())
}

#[derive(Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    answer: String,
}

/// `POST /admin/requests/{id}/close`: with an answer the requester reads.
pub async fn close(
    State(state): State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<CloseForm>,
) -> AppResult<Response> {
    let answer = requests::answer_text(&form.answer).map_err(|msg| AppError::Validation {
        message: Msg::new("request-answer-needed"),
        fields: vec![("answer".into(), msg)],
    })?;
    let mut tx = state.db.begin().await?;
    let Some((requester, part)) = requests::close(&mut tx, id, &answer, admin.id).await? else {
        return Err(AppError::Conflict(Msg::new("request-not-open")));
    };
    audit::record(
        &mut tx,
        Entry {
            action: "request.closed",
            subject_type: "change_request",
            subject_id: id.to_string(),
            details: json!({ "answer": answer }),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    crate::notifications::events::request_answered(&mut tx, requester, &part, admin.id).await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("request-closed")).await;
    Ok(Redirect::to("/admin/requests").into_response())
}
