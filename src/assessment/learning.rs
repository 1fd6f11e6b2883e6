//! Learning from decisions: HR confirms or corrects the result area of a
//! position's task (`task_confirmations`, migration 11). Confirmed tasks
//! are real wording, labelled: they become extra example tasks when the
//! profile's versions are analysed (`index::ProfileIndex::build`), on
//! every version whose result area has the confirmed area's title.
//!
//! Decided positions teach evidence reading the same way: the evidence a
//! manager wrote for a criterion, with the level HR placed that criterion
//! at, is wording of that level (`decided_for`).

use sqlx::{PgConnection, PgPool};

use super::index::{Confirmed, Decided, Learned};
use crate::profiles::model::Content;

/// Most decided evidence texts read per criterion and level (the latest):
/// enough wording, and an analysis that stays quick to build.
const DECIDED_PER_LEVEL: i64 = 40;

/// What the decisions of the profile of `version_id` taught, for
/// `content`'s areas and criteria.
pub async fn learned_for(db: &PgPool, version_id: i64, content: &Content) -> sqlx::Result<Learned> {
    Ok(Learned {
        tasks: confirmed_for(db, version_id, content).await?,
        evidence: decided_for(db, version_id, content).await?,
    })
}

/// The evidence of decided positions of the profile of `version_id` (any
/// version), as wording of the level HR placed its criterion at; criteria
/// by name and levels by code (those `content` lacks are left out).
pub async fn decided_for(
    db: &PgPool,
    version_id: i64,
    content: &Content,
) -> sqlx::Result<Vec<Decided>> {
    let rows = sqlx::query!(
        r#"
        select criterion as "criterion!", level as "level!", evidence as "evidence!" from (
            select c.name as criterion, l.code as level, m.evidence,
                   row_number() over (partition by c.name, l.code
                                      order by p.decided_at desc, p.id desc) as n
              from positions p
              join placements m on m.position_id = p.id and not m.by_hr
              join placements h on h.position_id = p.id and h.by_hr
                               and h.criterion_id = m.criterion_id
              join criteria c on c.id = m.criterion_id
              join levels l on l.id = h.level_id
             where p.status = 'decided'
               and p.profile_version_id in (
                   select id from profile_versions
                    where profile_id = (select profile_id from profile_versions where id = $1))
               and btrim(m.evidence) <> ''
        ) latest
         where n <= $2
         order by criterion, level, n
        "#,
        version_id,
        DECIDED_PER_LEVEL
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let criterion = content
                .criteria
                .iter()
                .position(|c| c.name == r.criterion)?;
            content
                .levels
                .iter()
                .any(|l| l.code == r.level)
                .then_some(Decided {
                    criterion,
                    level: r.level,
                    text: r.evidence,
                    example: false,
                })
        })
        .collect())
}

/// The live confirmed tasks of the profile of `version_id`, as examples
/// of `content`'s areas (by title; confirmations of an area the version
/// lacks are left out).
pub async fn confirmed_for(
    db: &PgPool,
    version_id: i64,
    content: &Content,
) -> sqlx::Result<Vec<Confirmed>> {
    let rows = sqlx::query!(
        r#"
        select c.text, ra.title
          from task_confirmations c
          join result_areas ra on ra.id = c.result_area_id
          join profile_versions v on v.id = ra.version_id
         where v.profile_id = (select profile_id from profile_versions where id = $1)
           and c.undone_at is null
         order by c.id
        "#,
        version_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let area = content
                .result_areas
                .iter()
                .position(|a| a.title == r.title)?;
            Some(Confirmed { text: r.text, area })
        })
        .collect())
}

/// Confirms that task `task_position` (its text `text`) of a position is
/// work of `result_area_id`, replacing a live confirmation; the area
/// confirmed before, if any.
pub async fn confirm(
    tx: &mut PgConnection,
    position_id: i64,
    task_position: i32,
    text: &str,
    result_area_id: i64,
    by: i64,
) -> sqlx::Result<Option<i64>> {
    let before = undo(tx, position_id, task_position, by).await?;
    sqlx::query!(
        r#"
        insert into task_confirmations (position_id, task_position, text, result_area_id, confirmed_by)
        values ($1, $2, $3, $4, $5)
        "#,
        position_id,
        task_position,
        text,
        result_area_id,
        by
    )
    .execute(&mut *tx)
    .await?;
    Ok(before)
}

/// Undoes the live confirmation of a task; the area it had, if any.
pub async fn undo(
    tx: &mut PgConnection,
    position_id: i64,
    task_position: i32,
    by: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        r#"
        update task_confirmations set undone_at = now(), undone_by = $3
         where position_id = $1 and task_position = $2 and undone_at is null
        returning result_area_id
        "#,
        position_id,
        task_position,
        by
    )
    .fetch_optional(&mut *tx)
    .await
}

/// The live confirmations of a position's tasks: (task number, the text
/// confirmed, result area id).
pub async fn of_position(db: &PgPool, position_id: i64) -> sqlx::Result<Vec<(i32, String, i64)>> {
    let rows = sqlx::query!(
        r#"
        select task_position, text, result_area_id from task_confirmations
         where position_id = $1 and undone_at is null
        "#,
        position_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.task_position, r.text, r.result_area_id))
        .collect())
}
