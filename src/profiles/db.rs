//! All SQL of function profiles: catalogue, versions, content, import.

use sqlx::{PgConnection, PgExecutor, PgPool};

use super::document::ProfileDocument;
use super::model::{
    CatalogueEntry, Content, Criterion, GlossaryTerm, Level, ResultArea, VersionRef, VersionStatus,
    VersionSummary,
};

/// The catalogue: current version of every profile, by title. (Searching
/// it is `search`'s.)
pub async fn catalogue(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<CatalogueEntry>> {
    let rows = sqlx::query!(
        r#"
        select p.slug, v.title, v.purpose, v.version,
               coalesce((select array_agg(l.code order by l.rank)
                           from levels l where l.version_id = v.id), '{}') as "levels!"
          from profile_versions v
          join profiles p on p.id = v.profile_id
         where v.status = 'published'
         order by lower(v.title)
        "#
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CatalogueEntry {
            slug: r.slug,
            title: r.title,
            purpose: r.purpose,
            version: r.version,
            levels: r.levels,
        })
        .collect())
}

/// The current published version of `slug`.
pub async fn current(db: impl PgExecutor<'_>, slug: &str) -> sqlx::Result<Option<VersionRef>> {
    sqlx::query_as!(
        VersionRef,
        r#"
        select v.id, p.slug, v.version, v.status as "status: VersionStatus", v.published_at,
               v.version as "current_version?"
          from profile_versions v
          join profiles p on p.id = v.profile_id
         where p.slug = $1 and v.status = 'published'
        "#,
        slug
    )
    .fetch_optional(db)
    .await
}

/// Version `number` of `slug`, unless it is a draft (drafts are not public).
pub async fn published_version(
    db: impl PgExecutor<'_>,
    slug: &str,
    number: i32,
) -> sqlx::Result<Option<VersionRef>> {
    sqlx::query_as!(
        VersionRef,
        r#"
        select v.id, p.slug, v.version, v.status as "status: VersionStatus", v.published_at,
               (select c.version from profile_versions c
                 where c.profile_id = p.id and c.status = 'published') as "current_version?"
          from profile_versions v
          join profiles p on p.id = v.profile_id
         where p.slug = $1 and v.version = $2 and v.status <> 'draft'
        "#,
        slug,
        number
    )
    .fetch_optional(db)
    .await
}

/// The version of `slug` that takes effect later, with its date.
pub async fn scheduled(
    db: impl PgExecutor<'_>,
    slug: &str,
) -> sqlx::Result<Option<(i32, time::OffsetDateTime)>> {
    let row = sqlx::query!(
        r#"
        select v.version, v.effective_at as "effective_at!"
          from profile_versions v join profiles p on p.id = v.profile_id
         where p.slug = $1 and v.status = 'scheduled'
         order by v.effective_at limit 1
        "#,
        slug
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.version, r.effective_at)))
}

/// Every non-draft version of `slug`, newest first; `None` if no such profile.
pub async fn history(db: &PgPool, slug: &str) -> sqlx::Result<Option<Vec<VersionSummary>>> {
    let exists = sqlx::query_scalar!("select id from profiles where slug = $1", slug)
        .fetch_optional(db)
        .await?;
    if exists.is_none() {
        return Ok(None);
    }
    let rows = sqlx::query_as!(
        VersionSummary,
        r#"
        select v.version, v.status as "status: VersionStatus", v.title, v.change_note,
               v.published_at, v.effective_at, u.name as "published_by?",
               (select count(*) from positions x
                 where x.profile_version_id = v.id and x.status = 'decided') as "decided!"
          from profile_versions v
          join profiles p on p.id = v.profile_id
          left join users u on u.id = v.published_by
         where p.slug = $1 and v.status <> 'draft'
         order by v.version desc
        "#,
        slug
    )
    .fetch_all(db)
    .await?;
    Ok(Some(rows))
}

/// Loads the whole content of a version.
pub async fn content(db: &PgPool, version_id: i64) -> sqlx::Result<Content> {
    content_on(&mut *db.acquire().await?, version_id).await
}

/// Loads the whole content of a version on `conn` (inside a transaction,
/// rows it wrote count).
pub async fn content_on(conn: &mut PgConnection, version_id: i64) -> sqlx::Result<Content> {
    let head = sqlx::query!(
        r#"
        select p.slug, v.version, v.language, v.title, v.purpose, v.footnote, v.change_note
          from profile_versions v join profiles p on p.id = v.profile_id
         where v.id = $1
        "#,
        version_id
    )
    .fetch_one(&mut *conn)
    .await?;
    let levels = sqlx::query!(
        "select id, code, name from levels where version_id = $1 order by rank",
        version_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let areas = sqlx::query!(
        r#"
        select ra.id, ra.title, ra.mission,
               coalesce((select array_agg(t.text order by t.position)
                           from tasks t where t.result_area_id = ra.id), '{}') as "tasks!"
          from result_areas ra
         where ra.version_id = $1
         order by ra.position
        "#,
        version_id
    )
    .fetch_all(&mut *conn)
    .await?;
    let level_ids: Vec<i64> = levels.iter().map(|l| l.id).collect();
    let criteria = sqlx::query!(
        r#"
        select c.id, c.name, c.factor,
               (select array_agg(d.text order by lv.ord)
                  from unnest($2::bigint[]) with ordinality as lv(id, ord)
                  left join descriptors d on d.criterion_id = c.id and d.level_id = lv.id
               ) as "cells!: Vec<Option<String>>"
          from criteria c
         where c.version_id = $1
         order by c.position
        "#,
        version_id,
        &level_ids
    )
    .fetch_all(&mut *conn)
    .await?;
    let glossary = sqlx::query_as!(
        GlossaryTerm,
        "select term, definition from glossary_terms where version_id = $1 order by lower(term)",
        version_id
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(Content {
        slug: head.slug,
        version: head.version,
        language: head.language.clone(),
        title: head.title,
        purpose: head.purpose,
        footnote: head.footnote,
        change_note: head.change_note,
        levels: levels
            .into_iter()
            .map(|l| Level {
                id: l.id,
                code: l.code,
                name: l.name,
            })
            .collect(),
        result_areas: areas
            .into_iter()
            .map(|a| ResultArea {
                id: a.id,
                title: a.title,
                mission: a.mission,
                tasks: a.tasks,
            })
            .collect(),
        criteria: criteria
            .into_iter()
            .map(|c| Criterion {
                id: c.id,
                name: c.name,
                factor: c.factor,
                cells: if level_ids.is_empty() {
                    Vec::new()
                } else {
                    c.cells
                },
            })
            .collect(),
        glossary,
        source_language: head.language,
        untranslated: std::collections::BTreeSet::new(),
    })
}

/// Stores `document` as a new published version of its profile (creating
/// the profile if needed); the previous version becomes superseded.
/// Returns the slug and the new version number.
pub async fn import(
    tx: &mut PgConnection,
    document: &ProfileDocument,
) -> sqlx::Result<(String, i32)> {
    let profile_id = sqlx::query_scalar!(
        r#"
        insert into profiles (slug) values ($1)
        on conflict (slug) do update set slug = excluded.slug
        returning id
        "#,
        document.slug
    )
    .fetch_one(&mut *tx)
    .await?;
    // Serialise imports of the same profile so version numbers do not clash.
    sqlx::query!(
        "select id from profiles where id = $1 for update",
        profile_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let version_id = insert_draft(&mut *tx, profile_id, document, "").await?;
    publish(&mut *tx, profile_id, version_id).await?;
    let version = sqlx::query_scalar!(
        "select version from profile_versions where id = $1",
        version_id
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok((document.slug.clone(), version))
}

/// Writes a document as a new draft version (next free number).
pub async fn insert_draft(
    tx: &mut PgConnection,
    profile_id: i64,
    document: &ProfileDocument,
    change_note: &str,
) -> sqlx::Result<i64> {
    let version_id = sqlx::query_scalar!(
        r#"
        insert into profile_versions (profile_id, version, language, title, purpose, footnote, change_note)
        values ($1, (select coalesce(max(version), 0) + 1 from profile_versions where profile_id = $1),
                $2, $3, $4, $5, $6)
        returning id
        "#,
        profile_id,
        document.language,
        document.title,
        document.purpose,
        document.footnote,
        change_note
    )
    .fetch_one(&mut *tx)
    .await?;
    write_content(tx, version_id, document).await?;
    write_translations(tx, version_id, document).await?;
    Ok(version_id)
}

/// Stores the translations `document` carries (none: nothing changes).
async fn write_translations(
    tx: &mut PgConnection,
    version_id: i64,
    document: &ProfileDocument,
) -> sqlx::Result<()> {
    if document.translations.is_empty() {
        return Ok(());
    }
    let stored = content_on(&mut *tx, version_id).await?;
    super::translation_db::write_from_document(tx, version_id, document, &stored).await
}

/// Replaces all content rows of a draft with those of `document`.
pub async fn replace_content(
    tx: &mut PgConnection,
    version_id: i64,
    document: &ProfileDocument,
) -> sqlx::Result<()> {
    sqlx::query!(
        "delete from glossary_terms where version_id = $1",
        version_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("delete from criteria where version_id = $1", version_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("delete from result_areas where version_id = $1", version_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("delete from levels where version_id = $1", version_id)
        .execute(&mut *tx)
        .await?;
    write_content(tx, version_id, document).await?;
    write_translations(tx, version_id, document).await
}

/// Inserts the levels, result areas, tasks, criteria, cells and glossary of
/// `document` into an (empty) draft version, a few statements in all.
async fn write_content(
    tx: &mut PgConnection,
    version_id: i64,
    document: &ProfileDocument,
) -> sqlx::Result<()> {
    let codes: Vec<String> = document.levels.iter().map(|l| l.code.clone()).collect();
    let names: Vec<String> = document.levels.iter().map(|l| l.name.clone()).collect();
    sqlx::query!(
        r#"
        insert into levels (version_id, code, name, rank)
        select $1, code, name, ord from unnest($2::text[], $3::text[]) with ordinality as t(code, name, ord)
        "#,
        version_id,
        &codes,
        &names
    )
    .execute(&mut *tx)
    .await?;

    let titles: Vec<String> = document
        .result_areas
        .iter()
        .map(|a| a.title.clone())
        .collect();
    let missions: Vec<String> = document
        .result_areas
        .iter()
        .map(|a| a.mission.clone())
        .collect();
    let area_ids = sqlx::query_scalar!(
        r#"
        insert into result_areas (version_id, position, title, mission)
        select $1, ord, title, mission from unnest($2::text[], $3::text[]) with ordinality as t(title, mission, ord)
        order by ord
        returning id
        "#,
        version_id,
        &titles,
        &missions
    )
    .fetch_all(&mut *tx)
    .await?;
    let (mut task_areas, mut task_positions, mut task_texts) = (Vec::new(), Vec::new(), Vec::new());
    for (area_id, area) in area_ids.iter().zip(&document.result_areas) {
        for (i, task) in area.tasks.iter().enumerate() {
            task_areas.push(*area_id);
            task_positions.push(i as i32 + 1);
            task_texts.push(task.clone());
        }
    }
    sqlx::query!(
        r#"
        insert into tasks (result_area_id, position, text)
        select * from unnest($1::bigint[], $2::int[], $3::text[])
        "#,
        &task_areas,
        &task_positions,
        &task_texts
    )
    .execute(&mut *tx)
    .await?;

    let criterion_names: Vec<String> = document.criteria.iter().map(|c| c.name.clone()).collect();
    let criterion_factors: Vec<Option<String>> =
        document.criteria.iter().map(|c| c.factor.clone()).collect();
    sqlx::query!(
        r#"
        insert into criteria (version_id, position, name, factor)
        select $1, ord, name, factor
          from unnest($2::text[], $3::text[]) with ordinality as t(name, factor, ord)
        "#,
        version_id,
        &criterion_names,
        &criterion_factors as &[Option<String>]
    )
    .execute(&mut *tx)
    .await?;
    let (mut cell_criteria, mut cell_levels, mut cell_texts) = (Vec::new(), Vec::new(), Vec::new());
    for criterion in &document.criteria {
        for (code, text) in &criterion.descriptors {
            cell_criteria.push(criterion.name.clone());
            cell_levels.push(code.clone());
            cell_texts.push(text.clone());
        }
    }
    sqlx::query!(
        r#"
        insert into descriptors (criterion_id, level_id, text)
        select c.id, l.id, t.text
          from unnest($2::text[], $3::text[], $4::text[]) as t(criterion, level, text)
          join criteria c on c.version_id = $1 and c.name = t.criterion
          join levels l on l.version_id = $1 and l.code = t.level
        "#,
        version_id,
        &cell_criteria,
        &cell_levels,
        &cell_texts
    )
    .execute(&mut *tx)
    .await?;

    let terms: Vec<String> = document.glossary.iter().map(|g| g.term.clone()).collect();
    let definitions: Vec<String> = document
        .glossary
        .iter()
        .map(|g| g.definition.clone())
        .collect();
    sqlx::query!(
        r#"
        insert into glossary_terms (version_id, term, definition)
        select $1, term, definition from unnest($2::text[], $3::text[]) as t(term, definition)
        "#,
        version_id,
        &terms,
        &definitions
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Makes a draft the current version: the previous one is superseded first
/// (the partial unique index allows one published version per profile).
pub async fn publish(tx: &mut PgConnection, profile_id: i64, version_id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update profile_versions set status = 'superseded' where profile_id = $1 and status = 'published'",
        profile_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update profile_versions set status = 'published', published_at = now(), effective_at = now() where id = $1 and status = 'draft'",
        version_id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The profile document of a published or superseded version (default: current).
pub async fn export(
    db: &PgPool,
    slug: &str,
    version: Option<i32>,
) -> sqlx::Result<Option<ProfileDocument>> {
    let found = match version {
        Some(n) => published_version(db, slug, n).await?,
        None => current(db, slug).await?,
    };
    let Some(v) = found else {
        return Ok(None);
    };
    let source = content(db, v.id).await?;
    let mut document = source.to_document(slug);
    let translations = super::translation_db::load(db, v.id).await?;
    document.translations = super::translation_db::to_document(&translations, &source);
    Ok(Some(document))
}

/// On first start, imports the seed profile when no profile exists yet.
pub async fn seed_if_empty(db: &PgPool) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    // One instance at a time decides whether to seed.
    sqlx::query!("select pg_advisory_xact_lock(hashtext('jobclass-seed'))")
        .execute(&mut *tx)
        .await?;
    let any = sqlx::query_scalar!(r#"select exists (select 1 from profiles) as "any!""#)
        .fetch_one(&mut *tx)
        .await?;
    if !any {
        let document = super::document::parse(super::document::SEED)
            .map_err(|errors| anyhow::anyhow!("the built-in seed profile is invalid:\n{errors}"))?;
        let (slug, version) = import(&mut tx, &document).await?;
        tracing::info!("imported the seed profile {slug} (version {version})");
    }
    tx.commit().await?;
    Ok(())
}
