//! All SQL of positions: the position itself, its tasks, shares and
//! placements, comments, share links, the owner's list and the HR queue.

use sqlx::types::Json;
use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use std::sync::Arc;
use time::{Date, OffsetDateTime};

use super::input::PositionInput;
use super::proposal::Proposal;
use super::workflow::Status;
use crate::app::AppState;
use crate::profiles::model::Content;

/// A position's own row, with the names around it.
#[derive(Debug, Clone)]
pub struct Head {
    pub id: i64,
    pub profile_version_id: i64,
    pub slug: String,
    pub profile_title: String,
    pub version: i32,
    pub owner_id: i64,
    pub owner_name: String,
    pub status: Status,
    pub revision: i32,
    pub title: String,
    pub unit: String,
    pub purpose: String,
    pub proposed_level: Option<String>,
    pub reviewer_id: Option<i64>,
    pub reviewer_name: Option<String>,
    pub submitted_at: Option<OffsetDateTime>,
    pub decided_at: Option<OffsetDateTime>,
    pub decided_level: Option<String>,
    pub decided_by_name: Option<String>,
    pub rationale: Option<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

/// A placement as stored.
#[derive(Debug, Clone)]
pub struct PlacementRow {
    pub criterion_id: i64,
    pub level_id: Option<i64>,
    pub evidence: String,
    pub placed_by_name: String,
    pub placed_at: OffsetDateTime,
}

/// A message of the thread.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct CommentRow {
    pub author_id: i64,
    pub author_name: String,
    pub kind: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// Everything about a position.
#[derive(Debug, Clone)]
pub struct Full {
    pub head: Head,
    pub tasks: Vec<String>,
    /// (result area id, share).
    pub shares: Vec<(i64, i32)>,
    pub manager: Vec<PlacementRow>,
    pub hr: Vec<PlacementRow>,
    pub comments: Vec<CommentRow>,
}

pub async fn full(db: &PgPool, id: i64) -> sqlx::Result<Option<Full>> {
    // The position with its names and everything that hangs off it, in
    // one round trip.
    let Some(row) = sqlx::query!(
        r#"
        select p.id, p.profile_version_id, pr.slug, v.title as profile_title, v.version,
               p.owner_id, o.name as owner_name, p.status as "status: Status", p.revision,
               p.title, p.unit, p.purpose, p.proposed_level,
               p.reviewer_id, r.name as "reviewer_name?", p.submitted_at, p.decided_at,
               l.code as "decided_level?", d.name as "decided_by_name?", p.rationale,
               p.created_at, p.updated_at,
          coalesce((select json_agg(t.text order by t.position)
                      from position_tasks t where t.position_id = p.id), '[]') as "tasks!: Json<Vec<String>>",
          coalesce((select json_agg(json_build_array(s.result_area_id, s.share))
                      from position_result_areas s where s.position_id = p.id), '[]') as "shares!: Json<Vec<(i64, i32)>>",
          coalesce((select json_agg(json_build_object(
                        'criterion_id', pl.criterion_id, 'level_id', pl.level_id, 'evidence', pl.evidence,
                        'by_hr', pl.by_hr, 'placed_by_name', u.name, 'placed_at', pl.placed_at))
                      from placements pl join users u on u.id = pl.placed_by
                     where pl.position_id = p.id), '[]') as "placements!: Json<Vec<PlacementJson>>",
          coalesce((select json_agg(json_build_object(
                        'author_id', c.author_id, 'author_name', u.name, 'kind', c.kind, 'body', c.body,
                        'created_at', c.created_at) order by c.created_at, c.id)
                      from position_comments c join users u on u.id = c.author_id
                     where c.position_id = p.id), '[]') as "comments!: Json<Vec<CommentRow>>"
          from positions p
          join profile_versions v on v.id = p.profile_version_id
          join profiles pr on pr.id = v.profile_id
          join users o on o.id = p.owner_id
          left join users r on r.id = p.reviewer_id
          left join users d on d.id = p.decided_by
          left join levels l on l.id = p.decided_level_id
         where p.id = $1
        "#,
        id
    )
    .fetch_optional(db)
    .await?
    else {
        return Ok(None);
    };
    let head = Head {
        id: row.id,
        profile_version_id: row.profile_version_id,
        slug: row.slug,
        profile_title: row.profile_title,
        version: row.version,
        owner_id: row.owner_id,
        owner_name: row.owner_name,
        status: row.status,
        revision: row.revision,
        title: row.title,
        unit: row.unit,
        purpose: row.purpose,
        proposed_level: row.proposed_level,
        reviewer_id: row.reviewer_id,
        reviewer_name: row.reviewer_name,
        submitted_at: row.submitted_at,
        decided_at: row.decided_at,
        decided_level: row.decided_level,
        decided_by_name: row.decided_by_name,
        rationale: row.rationale,
        created_at: row.created_at,
        updated_at: row.updated_at,
    };
    let (mut manager, mut hr) = (Vec::new(), Vec::new());
    for p in row.placements.0 {
        let placement = PlacementRow {
            criterion_id: p.criterion_id,
            level_id: p.level_id,
            evidence: p.evidence,
            placed_by_name: p.placed_by_name,
            placed_at: p.placed_at,
        };
        if p.by_hr {
            hr.push(placement)
        } else {
            manager.push(placement)
        }
    }
    Ok(Some(Full {
        head,
        tasks: row.tasks.0,
        shares: row.shares.0,
        manager,
        hr,
        comments: row.comments.0,
    }))
}

/// A placement as the combined query returns it.
#[derive(Debug, serde::Deserialize)]
struct PlacementJson {
    criterion_id: i64,
    level_id: Option<i64>,
    evidence: String,
    by_hr: bool,
    placed_by_name: String,
    #[serde(with = "time::serde::rfc3339")]
    placed_at: OffsetDateTime,
}

/// A new draft pinned to `version_id`; returns its id.
pub async fn create(
    tx: &mut PgConnection,
    owner_id: i64,
    version_id: i64,
    unit: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into positions (profile_version_id, owner_id, unit) values ($1, $2, $3) returning id",
        version_id,
        owner_id,
        unit
    )
    .fetch_one(&mut *tx)
    .await
}

/// A new draft pinned to `version_id` with its first content, in one
/// statement; returns its id. Its revision is 2: created, then saved.
pub async fn create_with_content(
    tx: &mut PgConnection,
    owner_id: i64,
    version_id: i64,
    input: &PositionInput,
    content: &Content,
    proposal: &Proposal,
) -> sqlx::Result<i64> {
    let flags: Vec<String> = proposal
        .flags
        .iter()
        .map(|f| f.as_str().to_string())
        .collect();
    let task_positions: Vec<i32> = (1..=input.tasks.len() as i32).collect();
    let (areas, shares) = shares_of(input, content);
    let (criteria, levels, evidence) = placements_of(input, content);
    sqlx::query_scalar!(
        r#"
        with p as (
          insert into positions (profile_version_id, owner_id, unit, title, purpose,
                                 proposed_level, proposal_flags, revision)
          values ($1, $2, $3, $4, $5, $6, $7, 2)
          returning id
        ), tasks as (
          insert into position_tasks (position_id, position, text)
          select p.id, t.n, t.text from p, unnest($8::int[], $9::text[]) as t(n, text)
        ), areas as (
          insert into position_result_areas (position_id, result_area_id, share)
          select p.id, a.area, a.share from p, unnest($10::bigint[], $11::int[]) as a(area, share)
        ), placed as (
          insert into placements (position_id, criterion_id, by_hr, level_id, evidence, placed_by)
          select p.id, c, false, l, e, $2 from p, unnest($12::bigint[], $13::bigint[], $14::text[]) as x(c, l, e)
        )
        select id as "id!" from p
        "#,
        version_id,
        owner_id,
        input.unit,
        input.title,
        input.purpose,
        proposal.code,
        &flags,
        &task_positions,
        &input.tasks,
        &areas,
        &shares,
        &criteria,
        &levels as &[Option<i64>],
        &evidence
    )
    .fetch_one(&mut *tx)
    .await
}

/// The result areas with a share, as parallel arrays.
fn shares_of(input: &PositionInput, content: &Content) -> (Vec<i64>, Vec<i32>) {
    content
        .result_areas
        .iter()
        .zip(&input.shares)
        .filter_map(|(area, share)| share.map(|s| (area.id, s)))
        .unzip()
}

/// The manager's placements worth keeping, as parallel arrays.
fn placements_of(
    input: &PositionInput,
    content: &Content,
) -> (Vec<i64>, Vec<Option<i64>>, Vec<String>) {
    let mut criteria = Vec::new();
    let mut levels = Vec::new();
    let mut evidence = Vec::new();
    for (criterion, placement) in content.criteria.iter().zip(&input.placements) {
        if placement.level.is_none() && placement.evidence.is_empty() {
            continue;
        }
        criteria.push(criterion.id);
        levels.push(placement.level.map(|l| content.levels[l].id));
        evidence.push(placement.evidence.clone());
    }
    (criteria, levels, evidence)
}

/// Replaces the content of an editable position made on `revision`.
/// Returns the new revision, or `None` when the position changed meanwhile
/// (or is no longer editable): the caller reports a conflict.
pub async fn save(
    tx: &mut PgConnection,
    id: i64,
    revision: i32,
    input: &PositionInput,
    content: &Content,
    proposal: &Proposal,
    by: i64,
) -> sqlx::Result<Option<i32>> {
    let flags: Vec<String> = proposal
        .flags
        .iter()
        .map(|f| f.as_str().to_string())
        .collect();
    let new_revision = sqlx::query_scalar!(
        r#"
        update positions
           set title = $3, unit = $4, purpose = $5, proposed_level = $6, proposal_flags = $7,
               revision = revision + 1, updated_at = now()
         where id = $1 and revision = $2 and status in ('draft', 'returned')
        returning revision
        "#,
        id,
        revision,
        input.title,
        input.unit,
        input.purpose,
        proposal.code,
        &flags
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(new_revision) = new_revision else {
        return Ok(None);
    };

    sqlx::query!("delete from position_tasks where position_id = $1", id)
        .execute(&mut *tx)
        .await?;
    let positions: Vec<i32> = (1..=input.tasks.len() as i32).collect();
    sqlx::query!(
        "insert into position_tasks (position_id, position, text) select $1, * from unnest($2::int[], $3::text[])",
        id,
        &positions,
        &input.tasks
    )
    .execute(&mut *tx)
    .await?;

    sqlx::query!(
        "delete from position_result_areas where position_id = $1",
        id
    )
    .execute(&mut *tx)
    .await?;
    let (areas, shares) = shares_of(input, content);
    sqlx::query!(
        "insert into position_result_areas (position_id, result_area_id, share) select $1, * from unnest($2::bigint[], $3::int[])",
        id,
        &areas,
        &shares
    )
    .execute(&mut *tx)
    .await?;

    let (criteria, levels, evidence) = placements_of(input, content);
    sqlx::query!(
        "delete from placements where position_id = $1 and not by_hr",
        id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        r#"
        insert into placements (position_id, criterion_id, by_hr, level_id, evidence, placed_by)
        select $1, c, false, l, e, $5 from unnest($2::bigint[], $3::bigint[], $4::text[]) as t(c, l, e)
        "#,
        id,
        &criteria,
        &levels as &[Option<i64>],
        &evidence,
        by
    )
    .execute(&mut *tx)
    .await?;
    Ok(Some(new_revision))
}

/// Moves a position from `from` to `to` (guarded by the expected status,
/// and by `revision` when given). Returns false when it was not in that
/// state any more.
pub async fn move_status(
    tx: &mut PgConnection,
    id: i64,
    from: Status,
    to: Status,
    revision: Option<i32>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"
        update positions
           set status = $3, revision = revision + 1, updated_at = now(),
               submitted_at = case when $3 = 'submitted'::position_status then now() else submitted_at end,
               first_submitted_at = case when $3 = 'submitted'::position_status
                                         then coalesce(first_submitted_at, now()) else first_submitted_at end
         where id = $1 and status = $2 and ($4::int is null or revision = $4)
        "#,
        id,
        from as Status,
        to as Status,
        revision
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Claims a submitted position for review by `reviewer`.
pub async fn claim(tx: &mut PgConnection, id: i64, reviewer: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"
        update positions set status = 'in_review', reviewer_id = $2, revision = revision + 1, updated_at = now()
         where id = $1 and status = 'submitted' and owner_id <> $2
        "#,
        id,
        reviewer
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records the decision on a position in review.
pub async fn decide(
    tx: &mut PgConnection,
    id: i64,
    level_id: i64,
    rationale: &str,
    by: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"
        update positions
           set status = 'decided', decided_level_id = $2, rationale = $3, decided_by = $4,
               decided_at = now(), revision = revision + 1, updated_at = now()
         where id = $1 and status = 'in_review' and owner_id <> $4
        "#,
        id,
        level_id,
        rationale,
        by
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces HR's placements (criterion id, level id, note).
pub async fn save_hr_placements(
    tx: &mut PgConnection,
    id: i64,
    by: i64,
    placements: &[(i64, Option<i64>, String)],
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from placements where position_id = $1 and by_hr",
        id
    )
    .execute(&mut *tx)
    .await?;
    let criteria: Vec<i64> = placements.iter().map(|p| p.0).collect();
    let levels: Vec<Option<i64>> = placements.iter().map(|p| p.1).collect();
    let notes: Vec<String> = placements.iter().map(|p| p.2.clone()).collect();
    sqlx::query!(
        r#"
        insert into placements (position_id, criterion_id, by_hr, level_id, evidence, placed_by)
        select $1, c, true, l, e, $5 from unnest($2::bigint[], $3::bigint[], $4::text[]) as t(c, l, e)
        "#,
        id,
        &criteria,
        &levels as &[Option<i64>],
        &notes,
        by
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update positions set revision = revision + 1, updated_at = now() where id = $1",
        id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn add_comment(
    tx: &mut PgConnection,
    id: i64,
    author: i64,
    kind: &str,
    body: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into position_comments (position_id, author_id, kind, body) values ($1, $2, $3, $4) returning id",
        id,
        author,
        kind,
        body
    )
    .fetch_one(&mut *tx)
    .await
}

/// A line of a list of positions.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Line {
    pub id: i64,
    pub title: String,
    pub unit: String,
    pub status: Status,
    pub slug: String,
    pub profile_title: String,
    pub version: i32,
    pub reviewer_name: Option<String>,
    pub proposed_level: Option<String>,
    pub decided_level: Option<String>,
    pub submitted_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
}

/// A page of the positions a user owns, most recently changed first, and
/// whether more follow.
pub async fn owned_by(
    db: impl PgExecutor<'_>,
    owner: i64,
    offset: i64,
    limit: i64,
) -> sqlx::Result<(Vec<Line>, bool)> {
    let mut lines = sqlx::query_as!(
        Line,
        r#"
        select p.id, p.title, p.unit, p.status as "status: Status", pr.slug, v.title as profile_title,
               v.version, r.name as "reviewer_name?", p.proposed_level,
               l.code as "decided_level?", p.submitted_at, p.updated_at
          from positions p
          join profile_versions v on v.id = p.profile_version_id
          join profiles pr on pr.id = v.profile_id
          left join users r on r.id = p.reviewer_id
          left join levels l on l.id = p.decided_level_id
         where p.owner_id = $1
         order by p.updated_at desc, p.id desc
         limit $3 offset $2
        "#,
        owner,
        offset.max(0),
        limit.max(0) + 1
    )
    .fetch_all(db)
    .await?;
    let more = lines.len() as i64 > limit;
    lines.truncate(limit.max(0) as usize);
    Ok((lines, more))
}

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

/// One page of the queue, read from the database in one round trip. The SQL is put together for the filters given (not
/// `$n is null or …` for all of them), with the statuses (our own enum)
/// and the limits written as literals, so PostgreSQL plans it with the
/// index that serves the combination. Names come from per-row subqueries
/// on primary keys (a plan that cannot turn into scans of `users`), and
/// the profile's slug, title, version and level codes from the cache of
/// frozen versions that positions are pinned to.
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

/// Stores a new share link's hash.
pub async fn create_share_link(
    tx: &mut PgConnection,
    id: i64,
    by: i64,
    token: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into share_links (position_id, token_hash, created_by) values ($1, $2, $3) returning id",
        id,
        crate::auth::tokens::digest(token),
        by
    )
    .fetch_one(&mut *tx)
    .await
}

/// Revokes every live share link of a position; returns how many.
pub async fn revoke_share_links(tx: &mut PgConnection, id: i64) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update share_links set revoked_at = now() where position_id = $1 and revoked_at is null",
        id
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected())
}

/// Number of live share links of a position.
pub async fn live_share_links(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from share_links where position_id = $1 and revoked_at is null"#,
        id
    )
    .fetch_one(db)
    .await
}

/// The decided position a live share link opens.
pub async fn shared_position(db: impl PgExecutor<'_>, token: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        r#"
        select s.position_id from share_links s join positions p on p.id = s.position_id
         where s.token_hash = $1 and s.revoked_at is null and p.status = 'decided'
        "#,
        crate::auth::tokens::digest(token)
    )
    .fetch_optional(db)
    .await
}
