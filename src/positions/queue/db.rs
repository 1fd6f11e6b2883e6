//! The HR queue's SQL: one page of positions for the filters given, put
//! together for those filters. Shared by the queue page, its CSV export
//! and the API list.

use sqlx::{Postgres, QueryBuilder};
use std::sync::Arc;
use time::{Date, OffsetDateTime};

use crate::app::AppState;
use crate::positions::db::Line;
use crate::positions::workflow::Status;

/// Filters of the HR queue and the position list of the API.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Filter {
    pub statuses: Vec<Status>,
    pub unit: Option<String>,
    pub profile: Option<String>,
    pub submitted_from: Option<Date>,
    pub submitted_to: Option<Date>,
    pub proposed_level: Option<String>,
    /// Only positions of this owner (a manager's own list).
    pub owner: Option<i64>,
    /// Only positions pinned to this version number of the profile.
    pub version: Option<i32>,
}

/// One page of the queue, oldest submission first, and whether more follow,
/// kept in memory until any position changes (`app::caches::Caches::queue`).
/// No total count: counting every match costs more than the page itself.
pub async fn queue(
    state: &AppState,
    filter: &Filter,
    offset: i64,
    limit: i64,
) -> sqlx::Result<Arc<Listing>> {
    let key = (filter.clone(), offset, limit);
    let load = async { Ok(Arc::new(queue_page(state, filter, offset, limit).await?)) };
    state.caches.queue.get_or_load(key, load).await
}

/// One page of the queue, read from the database in one round trip. The
/// SQL is put together for the filters given (not `$n is null or …` for
/// all of them), with the statuses (our own enum) and the limits written
/// as literals, so PostgreSQL plans it with the index that serves the
/// combination. Names come from per-row subqueries on primary keys (a plan
/// that cannot turn into scans of `users`), and the profile's slug, title,
/// version and level codes from the cache of frozen versions that
/// positions are pinned to.
async fn queue_page(
    state: &AppState,
    filter: &Filter,
    offset: i64,
    limit: i64,
) -> sqlx::Result<Listing> {
    let mut q = QueryBuilder::new(
        "select p.id, p.title, p.unit, p.status, p.profile_version_id, \
         (select name from users where id = p.reviewer_id) as reviewer_name, \
         p.proposed_level, p.decided_level_id, p.submitted_at, p.updated_at \
         from positions p where ",
    );
    push_filter(&mut q, filter);
    q.push(format!(
        " order by p.submitted_at nulls last, p.id limit {} offset {}",
        limit.max(0) + 1,
        offset.max(0)
    ));
    let mut rows: Vec<QueueRow> = q.build_query_as().fetch_all(&state.db).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit.max(0) as usize);
    let mut lines = Vec::with_capacity(rows.len());
    for row in rows {
        let content = crate::profiles::cached::frozen(state, row.profile_version_id).await?;
        let decided_level = row.decided_level_id.and_then(|id| {
            content
                .levels
                .iter()
                .find(|l| l.id == id)
                .map(|l| l.code.clone())
        });
        lines.push(Line {
            id: row.id,
            title: row.title,
            unit: row.unit,
            status: row.status,
            slug: content.slug.clone(),
            profile_title: content.title.clone(),
            version: content.version,
            reviewer_name: row.reviewer_name,
            proposed_level: row.proposed_level,
            decided_level,
            submitted_at: row.submitted_at,
            updated_at: row.updated_at,
        });
    }
    Ok(Listing { lines, more })
}

/// One page of the queue.
#[derive(Debug)]
pub struct Listing {
    pub lines: Vec<Line>,
    /// Another page follows.
    pub more: bool,
}

/// A queue row as the database gives it.
#[derive(sqlx::FromRow)]
struct QueueRow {
    id: i64,
    title: String,
    unit: String,
    status: Status,
    profile_version_id: i64,
    reviewer_name: Option<String>,
    proposed_level: Option<String>,
    decided_level_id: Option<i64>,
    submitted_at: Option<OffsetDateTime>,
    updated_at: OffsetDateTime,
}

/// The `where` conditions of a filter (after `where `).
pub fn push_filter(q: &mut QueryBuilder<'_, Postgres>, filter: &Filter) {
    let statuses: Vec<String> = filter
        .statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    // Literals from our own enum, never from the request.
    q.push(format!("p.status in ({})", statuses.join(", ")));
    if let Some(unit) = &filter.unit {
        let (from, to) = prefix_range(unit);
        q.push(" and lower(p.unit) collate \"C\" >= ")
            .push_bind(from)
            .push(" and lower(p.unit) collate \"C\" < ")
            .push_bind(to);
    }
    if filter.profile.is_some() || filter.version.is_some() {
        q.push(" and p.profile_version_id in (select v.id from profile_versions v join profiles pr on pr.id = v.profile_id where true");
        if let Some(slug) = &filter.profile {
            q.push(" and pr.slug = ").push_bind(slug.clone());
        }
        if let Some(version) = filter.version {
            q.push(" and v.version = ").push_bind(version);
        }
        q.push(")");
    }
    if let Some(from) = filter.submitted_from {
        q.push(" and p.submitted_at >= ")
            .push_bind(crate::clock::start_of_day(from));
    }
    if let Some(to) = filter.submitted_to {
        q.push(" and p.submitted_at < ")
            .push_bind(crate::clock::end_of_day(to));
    }
    if let Some(level) = &filter.proposed_level {
        q.push(" and p.proposed_level = ").push_bind(level.clone());
    }
    if let Some(owner) = filter.owner {
        q.push(" and p.owner_id = ").push_bind(owner);
    }
}

/// The range of `lower(unit)` (in byte order) that starts with `prefix`.
pub fn prefix_range(prefix: &str) -> (String, String) {
    let from = prefix.to_lowercase();
    let to = format!("{from}{}", char::MAX);
    (from, to)
}
