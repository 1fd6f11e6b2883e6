//! Drafts of profile versions: start one (a copy of the current version, or
//! a new profile), save its content under revision control, publish it now
//! or at a later date, or discard it.

use sqlx::{PgConnection, PgExecutor, PgPool};
use time::OffsetDateTime;

use super::db::{content, insert_draft, replace_content};
use super::document::{DocumentErrors, ProfileDocument, Strictness, check};

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

/// Why a draft operation did not happen.
#[derive(Debug)]
pub enum DraftError {
    /// Someone saved since `expected`; the draft is at `current` now.
    Stale {
        current: i32,
    },
    /// The document is not valid (for saving) or not complete (for publishing).
    Invalid(DocumentErrors),
    /// The profile already has an open draft.
    DraftExists,
    /// A profile with this slug exists.
    SlugTaken,
    /// No such profile, draft or source.
    NotFound,
    Database(sqlx::Error),
}

impl From<sqlx::Error> for DraftError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::Database(db) if db.constraint() == Some("profile_versions_one_draft") => {
                DraftError::DraftExists
            }
            sqlx::Error::Database(db) if db.constraint() == Some("profiles_slug_key") => {
                DraftError::SlugTaken
            }
            _ => DraftError::Database(err),
        }
    }
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

/// The draft's content as a profile document.
pub async fn document(pool: &PgPool, draft: &DraftRef) -> sqlx::Result<ProfileDocument> {
    Ok(content(pool, draft.id).await?.to_document(&draft.slug))
}

/// Starts a draft of an existing profile as a copy of its current version
/// (or of its latest version when none is current).
pub async fn start(
    tx: &mut PgConnection,
    pool: &PgPool,
    slug: &str,
    by: i64,
) -> Result<i64, DraftError> {
    let source = sqlx::query!(
        r#"
        select v.id, v.profile_id from profile_versions v join profiles p on p.id = v.profile_id
         where p.slug = $1 and v.status <> 'draft'
         order by (v.status = 'published') desc, v.version desc limit 1
        "#,
        slug
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(DraftError::NotFound)?;
    let doc = content(pool, source.id).await?.to_document(slug);
    let id = insert_draft(tx, source.profile_id, &doc, "").await?;
    set_creator(tx, id, by).await?;
    Ok(id)
}

/// A new profile with a draft: empty, or a copy of `copy_from`'s current version.
pub async fn new_profile(
    tx: &mut PgConnection,
    pool: &PgPool,
    slug: &str,
    title: &str,
    language: &str,
    copy_from: Option<&str>,
    by: i64,
) -> Result<i64, DraftError> {
    let mut doc = match copy_from {
        Some(source) => {
            let current = super::db::current(pool, source)
                .await?
                .ok_or(DraftError::NotFound)?;
            content(pool, current.id).await?.to_document(slug)
        }
        None => ProfileDocument {
            format: super::document::FORMAT,
            slug: slug.to_string(),
            title: title.to_string(),
            language: language.to_string(),
            purpose: String::new(),
            footnote: String::new(),
            levels: Vec::new(),
            result_areas: Vec::new(),
            criteria: Vec::new(),
            glossary: Vec::new(),
        },
    };
    doc.slug = slug.to_string();
    doc.title = title.to_string();
    let doc = check(&doc, Strictness::Draft).map_err(DraftError::Invalid)?;
    let profile_id =
        sqlx::query_scalar!("insert into profiles (slug) values ($1) returning id", slug)
            .fetch_one(&mut *tx)
            .await?;
    let id = insert_draft(tx, profile_id, &doc, "").await?;
    set_creator(tx, id, by).await?;
    Ok(id)
}

async fn set_creator(tx: &mut PgConnection, id: i64, by: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update profile_versions set created_by = $2 where id = $1",
        id,
        by
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Replaces the draft's content with `doc` if the draft is still at
/// `revision`; returns the new revision.
pub async fn save(
    tx: &mut PgConnection,
    draft_id: i64,
    revision: i32,
    doc: &ProfileDocument,
) -> Result<i32, DraftError> {
    let doc = check(doc, Strictness::Draft).map_err(DraftError::Invalid)?;
    let updated = sqlx::query_scalar!(
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
    .await?;
    let Some(new_revision) = updated else {
        return Err(stale(tx, draft_id).await);
    };
    replace_content(tx, draft_id, &doc).await?;
    Ok(new_revision)
}

async fn stale(tx: &mut PgConnection, draft_id: i64) -> DraftError {
    let current = sqlx::query_scalar!(
        "select revision from profile_versions where id = $1 and status = 'draft'",
        draft_id
    )
    .fetch_optional(&mut *tx)
    .await;
    match current {
        Ok(Some(current)) => DraftError::Stale { current },
        Ok(None) => DraftError::NotFound,
        Err(err) => DraftError::Database(err),
    }
}

/// What publishing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub version: i32,
    /// Takes effect later (scheduled), or is current now.
    pub scheduled: bool,
}

/// Freezes the draft (at `revision`) as a new version: current now, or
/// scheduled for `effective_at`. Everything in one transaction: on any
/// failure the previous version stays current.
pub async fn publish(
    tx: &mut PgConnection,
    pool: &PgPool,
    draft: &DraftRef,
    revision: i32,
    change_note: &str,
    effective_at: Option<OffsetDateTime>,
    by: i64,
) -> Result<Published, DraftError> {
    let doc = content(pool, draft.id).await?.to_document(&draft.slug);
    check(&doc, Strictness::Complete).map_err(DraftError::Invalid)?;
    // Lock the profile: publications of one profile happen one at a time.
    sqlx::query!(
        "select id from profiles where id = $1 for update",
        draft.profile_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let now = OffsetDateTime::now_utc();
    let scheduled = effective_at.is_some_and(|at| at > now);
    if !scheduled {
        sqlx::query!(
            "update profile_versions set status = 'superseded' where profile_id = $1 and status = 'published'",
            draft.profile_id
        )
        .execute(&mut *tx)
        .await?;
    }
    let done = sqlx::query_scalar!(
        r#"
        update profile_versions
           set status = (case when $3 then 'scheduled' else 'published' end)::version_status,
               change_note = $4, published_at = now(), effective_at = coalesce($5, now()),
               published_by = $6
         where id = $1 and status = 'draft' and revision = $2
        returning version
        "#,
        draft.id,
        revision,
        scheduled,
        change_note,
        effective_at.filter(|_| scheduled),
        by
    )
    .fetch_optional(&mut *tx)
    .await?;
    match done {
        Some(version) => Ok(Published { version, scheduled }),
        None => Err(stale(tx, draft.id).await),
    }
}

/// Deletes a draft (at `revision`) with its content.
pub async fn discard(
    tx: &mut PgConnection,
    draft_id: i64,
    revision: i32,
) -> Result<(), DraftError> {
    let done = sqlx::query!(
        "delete from profile_versions where id = $1 and status = 'draft' and revision = $2",
        draft_id,
        revision
    )
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(stale(tx, draft_id).await)
    }
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
        sqlx::query!(
            "select id from profiles where id = $1 for update",
            version.profile_id
        )
        .fetch_one(&mut *tx)
        .await?;
        let still_due = sqlx::query_scalar!(
            r#"select exists (select 1 from profile_versions where id = $1 and status = 'scheduled') as "due!""#,
            version.id
        )
        .fetch_one(&mut *tx)
        .await?;
        if !still_due {
            continue;
        }
        sqlx::query!(
            "update profile_versions set status = 'superseded' where profile_id = $1 and status = 'published'",
            version.profile_id
        )
        .execute(&mut *tx)
        .await?;
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
