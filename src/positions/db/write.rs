//! A position's state changes: creating, saving its content, moving its
//! status, HR's placements, the decision and comments. Each takes the
//! caller's transaction.

use sqlx::PgConnection;

use crate::positions::input::PositionInput;
use crate::positions::proposal::Proposal;
use crate::positions::workflow::Status;
use crate::profiles::model::Content;

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
    content_language: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"
        update positions
           set status = 'decided', decided_level_id = $2, rationale = $3, decided_by = $4,
               decided_content_language = $5,
               decided_at = now(), revision = revision + 1, updated_at = now()
         where id = $1 and status = 'in_review' and owner_id <> $4
        "#,
        id,
        level_id,
        rationale,
        by,
        content_language
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

/// Locks a position until the transaction ends; returns its status.
pub async fn lock_status(tx: &mut PgConnection, id: i64) -> sqlx::Result<Status> {
    sqlx::query_scalar!(
        r#"select status as "status: Status" from positions where id = $1 for update"#,
        id
    )
    .fetch_one(&mut *tx)
    .await
}
