//! Learning from decisions: HR confirms or corrects the result area of a
//! position's task (`task_confirmations`, migration 11). Confirmed tasks
//! are real wording, labelled: they become extra example tasks when the
//! profile's versions are analysed (`index::ProfileIndex::build`), on
//! every version whose result area has the confirmed area's title.

use sqlx::{PgConnection, PgPool};

use super::index::Confirmed;
use crate::profiles::model::Content;

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
