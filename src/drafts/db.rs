//! The SQL of drafts: find a draft, guard and write its head row, freeze
//! it as a version, delete it, the overview of profiles for admins, and
//! scheduled versions taking effect. The content rows (levels, criteria,
//! cells, …) are written by `profiles::db`, which the CLI import shares.

use sqlx::{PgConnection, PgExecutor, PgPool};
use time::OffsetDateTime;

use crate::profiles::db::content;
use crate::profiles::document::ProfileDocument;
use crate::profiles::model::{VersionRef, VersionStatus};

/// The open draft of a profile.
#[derive(Debug, Clone)]
pub struct DraftRef {
    pub id: i64,
    pub profile_id: i64,
    pub slug: String,
    pub version: i32,
    pub revision: i32,
    pub created_at: OffsetDateTime,
    pub created_by_name: Option<String>,
}

/// The open draft of `slug`, if any.
pub async fn draft_of(db: impl PgExecutor<'_>, slug: &str) -> sqlx::Result<Option<DraftRef>> {
    sqlx::query_as!(
        DraftRef,
        r#"
        select v.id, v.profile_id, p.slug, v.version, v.revision, v.created_at,
               u.name as "created_by_name?"
          from profile_versions v
          join profiles p on p.id = v.profile_id
          left join users u on u.id = v.created_by
         where p.slug = $1 and v.status = 'draft'
        "#,
        slug
    )
    .fetch_optional(db)
    .await
}

/// The draft's content as a profile document. Its translations are not
/// part of it: they are edited apart (`translate`) and stay with the draft
/// through every save, so a save that changes the structure (a criterion
/// removed) cannot be refused for the translation of what it removes.
pub async fn document(pool: &PgPool, draft: &DraftRef) -> sqlx::Result<ProfileDocument> {
    Ok(content(pool, draft.id).await?.to_document(&draft.slug))
}

/// The draft's document with its translations, for an export.
pub async fn document_with_translations(
    pool: &PgPool,
    draft: &DraftRef,
) -> sqlx::Result<ProfileDocument> {
    let source = content(pool, draft.id).await?;
    let mut document = source.to_document(&draft.slug);
    let translations = crate::profiles::translation_db::load(pool, draft.id).await?;
    document.translations = crate::profiles::translation_db::to_document(&translations, &source);
    Ok(document)
}

/// The draft of `slug` as a version reference (for the preview).
pub async fn draft_version(
    db: impl PgExecutor<'_>,
    slug: &str,
) -> sqlx::Result<Option<VersionRef>> {
    sqlx::query_as!(
        VersionRef,
        r#"
        select v.id, p.slug, v.version, v.status as "status: VersionStatus", v.published_at,
               (select c.version from profile_versions c
                 where c.profile_id = p.id and c.status = 'published') as "current_version?"
          from profile_versions v
          join profiles p on p.id = v.profile_id
         where p.slug = $1 and v.status = 'draft'
        "#,
        slug
    )
    .fetch_optional(db)
    .await
}

/// The id of the profile `slug`.
pub async fn profile_id(db: impl PgExecutor<'_>, slug: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!("select id from profiles where slug = $1", slug)
        .fetch_optional(db)
        .await
}

/// A version a new draft of `slug` starts from: the current one, or the
/// latest when none is current. (version id, profile id)
pub async fn source_version(
    db: impl PgExecutor<'_>,
    slug: &str,
) -> sqlx::Result<Option<(i64, i64)>> {
    let row = sqlx::query!(
        r#"
        select v.id, v.profile_id from profile_versions v join profiles p on p.id = v.profile_id
         where p.slug = $1 and v.status <> 'draft'
         order by (v.status = 'published') desc, v.version desc limit 1
        "#,
        slug
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.id, r.profile_id)))
}

/// A new profile (no versions yet); its id.
pub async fn insert_profile(tx: &mut PgConnection, slug: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar!("insert into profiles (slug) values ($1) returning id", slug)
        .fetch_one(&mut *tx)
        .await
}

/// Notes who started draft `id`.
pub async fn set_creator(tx: &mut PgConnection, id: i64, by: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update profile_versions set created_by = $2 where id = $1",
        id,
        by
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Writes the draft's head fields if it is still at `revision`; the new
/// revision, or `None` when the draft is gone or at another revision.
pub async fn update_head(
    tx: &mut PgConnection,
    draft_id: i64,
    revision: i32,
    doc: &ProfileDocument,
) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        r#"
        update profile_versions
           set title = $3, purpose = $4, footnote = $5, language = $6, revision = revision + 1
         where id = $1 and status = 'draft' and revision = $2
        returning revision
        "#,
        draft_id,
        revision,
        doc.title,
        doc.purpose,
        doc.footnote,
        doc.language
    )
    .fetch_optional(&mut *tx)
    .await
}

/// Counts a save that changed no head field (a translation) if the draft
/// is still at `revision`; the new revision, or `None`.
pub async fn bump_revision(
    tx: &mut PgConnection,
    draft_id: i64,
    revision: i32,
) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        r#"
        update profile_versions set revision = revision + 1
         where id = $1 and status = 'draft' and revision = $2
        returning revision
        "#,
        draft_id,
        revision
    )
    .fetch_optional(&mut *tx)
    .await
}

/// The revision draft `draft_id` is at (`None`: no longer a draft).
pub async fn revision_of(db: impl PgExecutor<'_>, draft_id: i64) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        "select revision from profile_versions where id = $1 and status = 'draft'",
        draft_id
    )
    .fetch_optional(db)
    .await
}

/// Locks the profile: its publications happen one at a time.
pub async fn lock_profile(tx: &mut PgConnection, profile_id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "select id from profiles where id = $1 for update",
        profile_id
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(())
}

/// The current version of the profile becomes superseded.
pub async fn supersede_current(tx: &mut PgConnection, profile_id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update profile_versions set status = 'superseded' where profile_id = $1 and status = 'published'",
        profile_id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// How a draft is frozen.
pub struct Freeze<'a> {
    pub revision: i32,
    /// Takes effect at `effective_at` (later) rather than now.
    pub scheduled: bool,
    pub change_note: &'a str,
    pub effective_at: Option<OffsetDateTime>,
    pub by: i64,
}

/// Freezes the draft (if still at `revision`) as a published or scheduled
/// version; its number, or `None` when the draft moved on.
pub async fn freeze(
    tx: &mut PgConnection,
    draft_id: i64,
    how: &Freeze<'_>,
) -> sqlx::Result<Option<i32>> {
    sqlx::query_scalar!(
        r#"
        update profile_versions
           set status = (case when $3 then 'scheduled' else 'published' end)::version_status,
               change_note = $4, published_at = now(), effective_at = coalesce($5, now()),
               published_by = $6
         where id = $1 and status = 'draft' and revision = $2
        returning version
        "#,
        draft_id,
        how.revision,
        how.scheduled,
        how.change_note,
        how.effective_at.filter(|_| how.scheduled),
        how.by
    )
    .fetch_optional(&mut *tx)
    .await
}

/// Deletes the draft (if still at `revision`) with its content; whether it did.
pub async fn delete(tx: &mut PgConnection, draft_id: i64, revision: i32) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from profile_versions where id = $1 and status = 'draft' and revision = $2",
        draft_id,
        revision
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A line of the profiles overview.
pub struct ProfileLine {
    pub slug: String,
    pub title: String,
    pub current: Option<i32>,
    pub scheduled: Option<i32>,
    pub draft: Option<i32>,
    pub versions: Vec<i32>,
    pub changed_at: OffsetDateTime,
}

/// Every profile with its current, scheduled and draft version numbers.
pub async fn overview(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<ProfileLine>> {
    sqlx::query_as!(
        ProfileLine,
        r#"
        select p.slug,
               coalesce((select v.title from profile_versions v where v.profile_id = p.id
                          order by (v.status = 'draft') desc, v.version desc limit 1), p.slug) as "title!",
               (select v.version from profile_versions v where v.profile_id = p.id and v.status = 'published') as current,
               (select v.version from profile_versions v where v.profile_id = p.id and v.status = 'scheduled'
                 order by v.version desc limit 1) as scheduled,
               (select v.version from profile_versions v where v.profile_id = p.id and v.status = 'draft') as draft,
               coalesce((select array_agg(v.version order by v.version desc) from profile_versions v
                          where v.profile_id = p.id and v.status <> 'draft'), '{}') as "versions!",
               coalesce((select max(greatest(v.created_at, v.published_at)) from profile_versions v
                          where v.profile_id = p.id), p.created_at) as "changed_at!"
          from profiles p
         order by lower(p.slug)
        "#
    )
    .fetch_all(db)
    .await
}

/// Makes scheduled versions whose date has come current. Safe to run from
/// several instances at once: each profile is locked while it changes.
pub async fn promote_due(pool: &PgPool) -> sqlx::Result<u64> {
    let due = sqlx::query!(
        "select id, profile_id from profile_versions where status = 'scheduled' and effective_at <= now() order by effective_at"
    )
    .fetch_all(pool)
    .await?;
    let mut promoted = 0;
    for version in due {
        let mut tx = pool.begin().await?;
        lock_profile(&mut tx, version.profile_id).await?;
        let still_due = sqlx::query_scalar!(
            r#"select exists (select 1 from profile_versions where id = $1 and status = 'scheduled') as "due!""#,
            version.id
        )
        .fetch_one(&mut *tx)
        .await?;
        if !still_due {
            continue;
        }
        supersede_current(&mut tx, version.profile_id).await?;
        sqlx::query!(
            "update profile_versions set status = 'published' where id = $1",
            version.id
        )
        .execute(&mut *tx)
        .await?;
        sqlx::query!(
            r#"
            insert into audit_log (action, subject_type, subject_id, details)
            values ('profile.took_effect', 'profile_version', $1, '{}')
            "#,
            version.id.to_string()
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        promoted += 1;
    }
    Ok(promoted)
}
