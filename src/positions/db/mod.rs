//! The SQL of a position's own rows: reading a position with everything
//! that hangs off it and the owner's list (here), its state changes
//! (`write`) and its share links (`links`). The HR queue's SQL lives with
//! the queue (`positions::queue`).

mod links;
mod write;

pub use links::{create_share_link, live_share_links, revoke_share_links, shared_link};
pub use write::{
    add_comment, claim, create, create_with_content, decide, lock_status, move_status, save,
    save_hr_placements,
};

use sqlx::PgExecutor;
use sqlx::types::Json;
use time::OffsetDateTime;

use super::workflow::Status;
use crate::appeals::model::AppealRow;

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
    /// The content language the decision was made in (None: the source).
    pub decided_content_language: Option<String>,
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
    /// The appeal against the decision, when one was lodged.
    pub appeal: Option<AppealRow>,
}

pub async fn full(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<Option<Full>> {
    // The position with its names and everything that hangs off it, in
    // one round trip.
    let Some(row) = sqlx::query!(
        r#"
        select p.id, p.profile_version_id, pr.slug, v.title as profile_title, v.version,
               p.owner_id, o.name as owner_name, p.status as "status: Status", p.revision,
               p.title, p.unit, p.purpose, p.proposed_level,
               p.reviewer_id, r.name as "reviewer_name?", p.submitted_at, p.decided_at,
               l.code as "decided_level?", d.name as "decided_by_name?", p.rationale,
               p.decided_content_language, p.created_at, p.updated_at,
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
                     where c.position_id = p.id), '[]') as "comments!: Json<Vec<CommentRow>>",
          (select json_build_object(
                'id', a.id, 'status', a.status, 'revision', a.revision,
                'lodged_by', a.lodged_by, 'lodged_by_name', lu.name, 'share_link_id', a.share_link_id,
                'appellant_name', a.appellant_name, 'appellant_email', a.appellant_email,
                'appellant_language', a.appellant_language, 'fit_grounds', a.fit_grounds,
                'lodged_at', a.lodged_at, 'original_level', ol.code,
                'original_decided_by', a.original_decided_by,
                'reviewer_id', a.reviewer_id, 'reviewer_name', ru.name, 'outcome', a.outcome,
                'level', al.code, 'rationale', a.rationale, 'decided_by_name', du.name,
                'decided_at', a.decided_at,
                'grounds', coalesce((select json_agg(json_build_object(
                        'criterion_id', g.criterion_id, 'grounds', g.grounds) order by g.criterion_id)
                      from appeal_grounds g where g.appeal_id = a.id), '[]'),
                'placements', coalesce((select json_agg(json_build_object(
                        'criterion_id', ap.criterion_id, 'level', apl.code, 'note', ap.note))
                      from appeal_placements ap join levels apl on apl.id = ap.level_id
                     where ap.appeal_id = a.id), '[]'),
                'messages', coalesce((select json_agg(json_build_object(
                        'author_name', mu.name, 'kind', m.kind, 'body', m.body,
                        'created_at', m.created_at) order by m.created_at, m.id)
                      from appeal_messages m left join users mu on mu.id = m.author_id
                     where m.appeal_id = a.id), '[]'))
             from appeals a
             join levels ol on ol.id = a.original_level_id
             left join users lu on lu.id = a.lodged_by
             left join users ru on ru.id = a.reviewer_id
             left join users du on du.id = a.decided_by
             left join levels al on al.id = a.level_id
            where a.position_id = p.id) as "appeal?: Json<AppealRow>"
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
        decided_content_language: row.decided_content_language,
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
            hr.push(placement);
        } else {
            manager.push(placement);
        }
    }
    Ok(Some(Full {
        head,
        tasks: row.tasks.0,
        shares: row.shares.0,
        manager,
        hr,
        comments: row.comments.0,
        appeal: row.appeal.map(|a| a.0),
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
