//! The SQL of appeals. Every change is guarded by the status it expects
//! (and the officer handling it), so two people acting at once cannot both
//! succeed: zero rows means the appeal moved on.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;

/// Who lodges an appeal.
pub enum Lodger<'a> {
    /// The position's manager.
    Manager(i64),
    /// The employee through a share link, with a name and an address.
    Employee {
        link_id: i64,
        name: &'a str,
        email: &'a str,
    },
}

/// Stores an appeal against the decision of a decided position with its
/// grounds; (its id, the officer who decided), or `None` when the position
/// is not decided or has an appeal.
pub async fn lodge(
    tx: &mut PgConnection,
    position_id: i64,
    lodger: &Lodger<'_>,
    language: &str,
    fit: Option<&str>,
    grounds: &[(i64, String)],
) -> sqlx::Result<Option<(i64, i64)>> {
    let (manager, link, name, email) = match lodger {
        Lodger::Manager(id) => (Some(*id), None, None, None),
        Lodger::Employee {
            link_id,
            name,
            email,
        } => (None, Some(*link_id), Some(*name), Some(*email)),
    };
    let row = sqlx::query!(
        r#"
        insert into appeals (position_id, lodged_by, share_link_id, appellant_name, appellant_email,
                             appellant_language, fit_grounds, original_level_id, original_decided_by)
        select p.id, $2, $3, $4, $5, $6, $7, p.decided_level_id, p.decided_by
          from positions p
         where p.id = $1 and p.status = 'decided'
        on conflict (position_id) do nothing
        returning id, original_decided_by
        "#,
        position_id,
        manager,
        link,
        name,
        email,
        language,
        fit
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let id = row.id;
    let (criteria, texts): (Vec<i64>, Vec<String>) = grounds.iter().cloned().unzip();
    sqlx::query!(
        r#"
        insert into appeal_grounds (appeal_id, criterion_id, grounds)
        select $1, c, g from unnest($2::bigint[], $3::text[]) as t(c, g)
        "#,
        id,
        &criteria,
        &texts
    )
    .execute(&mut *tx)
    .await?;
    Ok(Some((id, row.original_decided_by)))
}

/// An officer takes an open or waiting appeal nobody else holds.
pub async fn claim(tx: &mut PgConnection, id: i64, officer: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"
        update appeals set reviewer_id = $2, revision = revision + 1
         where id = $1 and status <> 'decided' and (reviewer_id is null or reviewer_id = $2)
        "#,
        id,
        officer
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An admin gives an open or waiting appeal to an officer.
pub async fn assign(tx: &mut PgConnection, id: i64, officer: i64) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update appeals set reviewer_id = $2, revision = revision + 1 where id = $1 and status <> 'decided'",
        id,
        officer
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The officer asks the appellant a question: the appeal waits.
pub async fn ask(tx: &mut PgConnection, id: i64, officer: i64, body: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r#"
        update appeals set status = 'waiting', reviewer_id = $2, revision = revision + 1
         where id = $1 and status = 'open' and (reviewer_id is null or reviewer_id = $2)
        "#,
        id,
        officer
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    add_message(tx, id, Some(officer), "question", body).await?;
    Ok(true)
}

/// The appellant answers: the appeal is open again.
pub async fn answer(
    tx: &mut PgConnection,
    id: i64,
    author: Option<i64>,
    body: &str,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update appeals set status = 'open', revision = revision + 1 where id = $1 and status = 'waiting'",
        id
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    add_message(tx, id, author, "answer", body).await?;
    Ok(true)
}

async fn add_message(
    tx: &mut PgConnection,
    id: i64,
    author: Option<i64>,
    kind: &str,
    body: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into appeal_messages (appeal_id, author_id, kind, body) values ($1, $2, $3, $4)",
        id,
        author,
        kind,
        body
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// What an appeal's decision writes.
pub struct Conclusion<'a> {
    pub changed: bool,
    /// The level in force after the appeal.
    pub level_id: i64,
    pub rationale: &'a str,
    /// (criterion id, level id, note) for the appealed criteria.
    pub placements: &'a [(i64, i64, String)],
}

/// Concludes an open appeal; when it changes the level, the position's
/// level in force becomes the new one. `false` when the appeal is not
/// open or another officer holds it.
pub async fn decide(
    tx: &mut PgConnection,
    id: i64,
    position_id: i64,
    officer: i64,
    conclusion: &Conclusion<'_>,
) -> sqlx::Result<bool> {
    let outcome = if conclusion.changed {
        "changed"
    } else {
        "upheld"
    };
    let done = sqlx::query!(
        r#"
        update appeals
           set status = 'decided', outcome = $3, level_id = $4, rationale = $5, decided_by = $2,
               decided_at = now(), reviewer_id = $2, revision = revision + 1
         where id = $1 and status = 'open' and (reviewer_id is null or reviewer_id = $2)
        "#,
        id,
        officer,
        outcome,
        conclusion.level_id,
        conclusion.rationale
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    let criteria: Vec<i64> = conclusion.placements.iter().map(|p| p.0).collect();
    let levels: Vec<i64> = conclusion.placements.iter().map(|p| p.1).collect();
    let notes: Vec<String> = conclusion.placements.iter().map(|p| p.2.clone()).collect();
    sqlx::query!(
        r#"
        insert into appeal_placements (appeal_id, criterion_id, level_id, note)
        select $1, c, l, n from unnest($2::bigint[], $3::bigint[], $4::text[]) as t(c, l, n)
        "#,
        id,
        &criteria,
        &levels,
        &notes
    )
    .execute(&mut *tx)
    .await?;
    if conclusion.changed {
        sqlx::query!(
            r#"
            update positions set decided_level_id = $2, revision = revision + 1, updated_at = now()
             where id = $1 and status = 'decided'
            "#,
            position_id,
            conclusion.level_id
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(true)
}

/// A line of the appeals queue.
#[derive(Debug, Clone)]
pub struct QueueLine {
    pub position_id: i64,
    pub title: String,
    pub unit: String,
    pub profile_title: String,
    pub status: super::workflow::AppealStatus,
    pub appellant: String,
    pub original_level: String,
    pub original_decided_by: i64,
    pub decided_by_name: String,
    pub reviewer_name: Option<String>,
    pub lodged_at: OffsetDateTime,
}

/// Open and waiting appeals, oldest first (at most `limit`).
pub async fn queue(db: impl PgExecutor<'_>, limit: i64) -> sqlx::Result<Vec<QueueLine>> {
    sqlx::query_as!(
        QueueLine,
        r#"
        select p.id as position_id, p.title, p.unit, v.title as profile_title,
               a.status as "status: super::workflow::AppealStatus",
               coalesce(lu.name, a.appellant_name, '') as "appellant!",
               l.code as original_level, a.original_decided_by, du.name as decided_by_name,
               ru.name as "reviewer_name?", a.lodged_at
          from appeals a
          join positions p on p.id = a.position_id
          join profile_versions v on v.id = p.profile_version_id
          join levels l on l.id = a.original_level_id
          join users du on du.id = a.original_decided_by
          left join users lu on lu.id = a.lodged_by
          left join users ru on ru.id = a.reviewer_id
         where a.status <> 'decided'
         order by a.lodged_at, a.id
         limit $1
        "#,
        limit
    )
    .fetch_all(db)
    .await
}

/// Active HR officers and admins an admin may give an appeal to.
pub async fn officers(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<(i64, String)>> {
    let rows = sqlx::query!(
        "select id, name from users where active and role in ('hr', 'admin') order by name, id"
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.name)).collect())
}
