//! The SQL of pay transparency: reporting years, their staff rows, the
//! justifications of flagged categories, and the factors each profile's
//! current version assesses.

use std::collections::BTreeMap;

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;

use super::model::{Category, Gender, Worker};
use super::staff::Row;

/// A reporting year with data.
#[derive(Debug, Clone)]
pub struct Period {
    pub year: i32,
    pub rows: i32,
    pub uploaded_at: OffsetDateTime,
}

/// Whether each of `ids` is a position, and whether it is decided.
pub async fn position_states(
    db: impl PgExecutor<'_>,
    ids: &[i64],
) -> sqlx::Result<BTreeMap<i64, bool>> {
    let rows = sqlx::query!(
        r#"
        select id, status = 'decided' as "decided!"
          from positions
         where id = any($1)
        "#,
        ids
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.id, r.decided)).collect())
}

/// Replaces the staff of `year` by `rows` (creating the year).
pub async fn replace_staff(
    tx: &mut PgConnection,
    year: i32,
    rows: &[Row],
    user: i64,
) -> sqlx::Result<()> {
    let count = i32::try_from(rows.len()).unwrap_or(i32::MAX);
    sqlx::query!(
        r#"
        insert into pay_periods (year, uploaded_by, rows) values ($1, $2, $3)
        on conflict (year) do update
           set uploaded_at = now(), uploaded_by = excluded.uploaded_by, rows = excluded.rows
        "#,
        year,
        user,
        count
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("delete from pay_staff where year = $1", year)
        .execute(&mut *tx)
        .await?;
    let employees: Vec<&str> = rows.iter().map(|r| r.employee.as_str()).collect();
    let positions: Vec<i64> = rows.iter().map(|r| r.position).collect();
    let genders: Vec<&str> = rows.iter().map(|r| r.gender.as_str()).collect();
    let hours: Vec<i64> = rows.iter().map(|r| r.hours_centi).collect();
    let base: Vec<i64> = rows.iter().map(|r| r.base_cents).collect();
    let variable: Vec<i64> = rows.iter().map(|r| r.variable_cents).collect();
    sqlx::query!(
        r#"
        insert into pay_staff (year, employee, position_id, gender, hours_centi, base_cents, variable_cents)
        select $1, e, p, g, h, b, v
          from unnest($2::text[], $3::bigint[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])
               as s(e, p, g, h, b, v)
        "#,
        year,
        &employees as &[&str],
        &positions,
        &genders as &[&str],
        &hours,
        &base,
        &variable
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Deletes `year` with its staff and justifications; false when absent.
pub async fn delete_period(tx: &mut PgConnection, year: i32) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from pay_periods where year = $1", year)
        .execute(&mut *tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The year, if it has data.
pub async fn period(db: impl PgExecutor<'_>, year: i32) -> sqlx::Result<Option<Period>> {
    sqlx::query_as!(
        Period,
        "select year, rows, uploaded_at from pay_periods where year = $1",
        year
    )
    .fetch_optional(db)
    .await
}

/// Every year with data, latest first.
pub async fn periods(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<Period>> {
    sqlx::query_as!(
        Period,
        "select year, rows, uploaded_at from pay_periods order by year desc"
    )
    .fetch_all(db)
    .await
}

/// The workers of `year`, each in the category of their position: the
/// profile and the level decided (the level in force after an appeal).
pub async fn workers(db: impl PgExecutor<'_>, year: i32) -> sqlx::Result<Vec<Worker>> {
    let rows = sqlx::query!(
        r#"
        select s.gender, s.hours_centi, s.base_cents, s.variable_cents,
               pr.slug, l.code
          from pay_staff s
          join positions p on p.id = s.position_id
          join profile_versions v on v.id = p.profile_version_id
          join profiles pr on pr.id = v.profile_id
          join levels l on l.id = p.decided_level_id
         where s.year = $1
         order by s.employee
        "#,
        year
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(Worker {
                gender: Gender::parse(&r.gender)?,
                hours_centi: r.hours_centi,
                base_cents: r.base_cents,
                variable_cents: r.variable_cents,
                category: Category {
                    profile: r.slug,
                    level: r.code,
                },
            })
        })
        .collect())
}

/// The justifications of `year`, by category.
pub async fn justifications(
    db: impl PgExecutor<'_>,
    year: i32,
) -> sqlx::Result<BTreeMap<Category, String>> {
    let rows = sqlx::query!(
        "select profile, level, text from pay_justifications where year = $1",
        year
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                Category {
                    profile: r.profile,
                    level: r.level,
                },
                r.text,
            )
        })
        .collect())
}

/// Writes (or, with an empty text, removes) the justification of a
/// category of `year`.
pub async fn set_justification(
    tx: &mut PgConnection,
    year: i32,
    category: &Category,
    text: &str,
    user: i64,
) -> sqlx::Result<()> {
    if text.is_empty() {
        sqlx::query!(
            "delete from pay_justifications where year = $1 and profile = $2 and level = $3",
            year,
            category.profile,
            category.level
        )
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query!(
            r#"
            insert into pay_justifications (year, profile, level, text, updated_by)
            values ($1, $2, $3, $4, $5)
            on conflict (year, profile, level) do update
               set text = excluded.text, updated_at = now(), updated_by = excluded.updated_by
            "#,
            year,
            category.profile,
            category.level,
            text,
            user
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// For each of `slugs`: its current version's number and the factors its
/// criteria assess (a criterion without a factor assesses none).
pub async fn assessed_factors(
    db: impl PgExecutor<'_>,
    slugs: &[String],
) -> sqlx::Result<Vec<(String, i32, Vec<String>)>> {
    let rows = sqlx::query!(
        r#"
        select pr.slug, v.version,
               coalesce(array_agg(distinct c.factor) filter (where c.factor is not null), '{}')
                   as "factors!: Vec<String>"
          from profiles pr
          join profile_versions v on v.profile_id = pr.id and v.status = 'published'
          left join criteria c on c.version_id = v.id
         where pr.slug = any($1)
         group by pr.slug, v.version
         order by pr.slug
        "#,
        slugs
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.slug, r.version, r.factors))
        .collect())
}

/// The wording check's list, by language and term.
pub async fn wording_terms(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<super::wording::Term>> {
    sqlx::query_as!(
        super::wording::Term,
        "select id, language, term, pair, kind, advice from wording_terms order by language, term"
    )
    .fetch_all(db)
    .await
}

/// Adds a term to the list; false when the language has it already.
pub async fn add_wording_term(
    tx: &mut PgConnection,
    term: &super::wording::Term,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        r#"
        insert into wording_terms (language, term, pair, kind, advice)
        values ($1, $2, $3, $4, $5)
        on conflict (language, term) do nothing
        returning id
        "#,
        term.language,
        term.term,
        term.pair,
        term.kind,
        term.advice
    )
    .fetch_optional(&mut *tx)
    .await
}

/// Removes a term; its text when it was there.
pub async fn remove_wording_term(tx: &mut PgConnection, id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "delete from wording_terms where id = $1 returning language || ':' || term as \"t!\"",
        id
    )
    .fetch_optional(&mut *tx)
    .await
}
