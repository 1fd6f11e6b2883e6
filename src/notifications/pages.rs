//! `/notifications` (a user's own, read and unread, marked read with a
//! POST), `/admin/outbox` (the e-mails and how sending went), and
//! `GET /api/v1/notifications`.

use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;
use tower_sessions::Session;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::db::{self, OutboxRow, Row};
use super::model::{self, Kind};
use super::sender::NO_SERVER;
use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody, Msg};
use crate::i18n::Lang;
use crate::web::client::Client;
use crate::web::{Layout, flash, render};

/// Most notifications a list shows.
pub const MOST: i64 = 200;

/// A notification as the page shows it.
pub struct Shown {
    pub id: i64,
    pub text: String,
    pub link: String,
    pub created_at: OffsetDateTime,
    pub unread: bool,
}

fn shown(row: Row, lang: Lang) -> Option<Shown> {
    let kind = Kind::parse(&row.kind)?;
    Some(Shown {
        id: row.id,
        text: model::line(kind, &row.params, lang),
        link: row.link,
        created_at: row.created_at,
        unread: row.read_at.is_none(),
    })
}

#[derive(Template)]
#[template(path = "notifications/list.html")]
struct ListPage {
    l: Layout,
    items: Vec<Shown>,
    unread: usize,
}

/// `GET /notifications`: newest first.
pub async fn list(
    State(state): State<AppState>,
    l: Layout,
    me: CurrentUser,
) -> AppResult<Response> {
    let items: Vec<Shown> = db::list(&state.db, me.id, MOST)
        .await?
        .into_iter()
        .filter_map(|r| shown(r, l.lang))
        .collect();
    let unread = items.iter().filter(|i| i.unread).count();
    render(&ListPage { l, items, unread })
}

/// The audit entry of marking notifications read.
fn read_entry<'a>(me: &CurrentUser, client: &'a Client, details: serde_json::Value) -> Entry<'a> {
    Entry {
        action: "notifications.read",
        subject_type: "user",
        subject_id: me.id.to_string(),
        details,
        actor: Some(me.id),
        client,
    }
}

/// `POST /notifications/{id}/read`: one of the user's own (404 otherwise).
pub async fn mark_read(
    State(state): State<AppState>,
    me: CurrentUser,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    if !db::mark_read(&mut tx, me.id, id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        read_entry(&me, &client, json!({ "notification": id })),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/notifications").into_response())
}

/// `POST /notifications/read`: all of the user's.
pub async fn mark_all_read(
    State(state): State<AppState>,
    me: CurrentUser,
    session: Session,
    client: Client,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let count = db::mark_all_read(&mut tx, me.id).await?;
    audit::record(&mut tx, read_entry(&me, &client, json!({ "all": count }))).await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("notifications-all-read")).await;
    Ok(Redirect::to("/notifications").into_response())
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    l: Layout,
    rows: Vec<OutboxRow>,
    pending: i64,
    no_server: bool,
}

impl OutboxPage {
    /// The status as the page says it.
    fn status(&self, row: &OutboxRow) -> String {
        if row.status == "pending" && row.last_error.as_deref() == Some(NO_SERVER) {
            self.l.t("outbox-not-sent")
        } else {
            self.l.t(format!("outbox-status-{}", row.status))
        }
    }

    /// The kind's name.
    fn kind(&self, row: &OutboxRow) -> String {
        Kind::parse(&row.kind).map_or_else(
            || row.kind.clone(),
            |k| self.l.t(format!("{}-name", k.key())),
        )
    }
}

/// `GET /admin/outbox` (admins): the newest e-mails with their status.
pub async fn outbox(State(state): State<AppState>, l: Layout) -> AppResult<Response> {
    let rows = db::outbox(&state.db, MOST).await?;
    let pending = db::pending(&state.db).await?;
    let no_server = state
        .config
        .smtp_url
        .as_deref()
        .is_none_or(|u| u.trim().is_empty());
    render(&OutboxPage {
        l,
        rows,
        pending,
        no_server,
    })
}

/// A notification as the API gives it.
#[derive(Serialize, ToSchema)]
pub struct NotificationDoc {
    id: i64,
    kind: Kind,
    /// In the caller's language (`Accept-Language`).
    text: String,
    /// The portal path of what it is about.
    link: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    read_at: Option<OffsetDateTime>,
}

/// The caller's notifications.
#[derive(Serialize, ToSchema)]
pub struct NotificationList {
    /// Newest first (at most 200).
    notifications: Vec<NotificationDoc>,
    /// How many of all the caller's notifications are unread.
    unread: i64,
}

/// The routes under `/api/v1/notifications`.
pub fn api_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api_list))
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/notifications", tag = "notifications",
    responses((status = 200, body = NotificationList), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
async fn api_list(
    State(state): State<AppState>,
    me: CurrentUser,
    lang: axum::Extension<Lang>,
) -> AppResult<Json<NotificationList>> {
    let rows = db::list(&state.db, me.id, MOST).await?;
    let unread = db::unread(&state.db, me.id).await?;
    let notifications = rows
        .into_iter()
        .filter_map(|r| {
            let kind = Kind::parse(&r.kind)?;
            Some(NotificationDoc {
                id: r.id,
                kind,
                text: model::line(kind, &r.params, lang.0),
                link: r.link,
                created_at: r.created_at,
                read_at: r.read_at,
            })
        })
        .collect();
    Ok(Json(NotificationList {
        notifications,
        unread,
    }))
}
