//! What admins do to drafts, shared by the editor's pages and the JSON
//! API: start a draft, create a profile, import a document, save a section,
//! replace the document, publish, discard. Each action checks its input
//! (the same rules and messages whichever path called it), runs in one
//! transaction, checks the draft revision the client read, and writes its
//! audit row there (the same action names and `details` keys on both
//! paths, with `"via": "web"` or `"api"`). Handlers parse input and present
//! the outcome; nothing else.

use serde_json::{Value, json};
use sqlx::{PgConnection, PgPool};
use time::OffsetDateTime;

use super::db::{self, DraftRef, Freeze};
use super::error::DraftError;
use super::forms::Section;
use super::input::{self, NewProfile};
use super::values::{changed_labels, changed_sections, values};
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::Msg;
use crate::profiles::db::{content, insert_draft, replace_content};
use crate::profiles::document::{self, ProfileDocument, Strictness, check};
use crate::web::client::Client;

/// The path a request came by, written in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    Web,
    Api,
}

/// Who acts, and how: the audit row's actor, client and `via`.
pub struct By<'a> {
    pub user: &'a CurrentUser,
    pub client: &'a Client,
    pub via: Via,
}

impl By<'_> {
    /// The audit entry of `action` on draft (or version) `id`, with `via`.
    pub(super) fn entry(&self, action: &'static str, id: i64, mut details: Value) -> Entry<'_> {
        if let Some(object) = details.as_object_mut() {
            let via = match self.via {
                Via::Web => "web",
                Via::Api => "api",
            };
            object.insert("via".into(), via.into());
        }
        Entry {
            action,
            subject_type: "profile_version",
            subject_id: id.to_string(),
            details,
            actor: Some(self.user.id),
            client: self.client,
        }
    }
}

/// Starts a draft of an existing profile as a copy of its current version
/// (or of its latest version when none is current); the draft's id.
pub async fn start(pool: &PgPool, by: &By<'_>, slug: &str) -> Result<i64, DraftError> {
    let mut tx = pool.begin().await?;
    let (source, profile_id) = db::source_version(&mut *tx, slug)
        .await?
        .ok_or(DraftError::NotFound)?;
    let doc = content(pool, source).await?.to_document(slug);
    let id = insert_draft(&mut tx, profile_id, &doc, "").await?;
    crate::profiles::translation_db::copy(&mut tx, source, id).await?;
    db::set_creator(&mut tx, id, by.user.id).await?;
    let details = json!({ "slug": slug, "from": "current version" });
    audit::record(&mut tx, by.entry("draft.created", id, details)).await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a profile with a draft, empty or a copy of another profile's
/// current version; the new profile's slug. Input problems come back as
/// `DraftError::Fields` (slug, title, language; `copy_from` when unknown).
pub async fn create_profile(
    pool: &PgPool,
    by: &By<'_>,
    input: &NewProfile<'_>,
) -> Result<String, DraftError> {
    let checked = input::new_profile(input).map_err(DraftError::Fields)?;
    let (slug, copy_from) = (checked.slug.as_str(), checked.copy_from);
    let mut tx = pool.begin().await?;
    let created = new_profile(
        &mut tx,
        pool,
        slug,
        checked.title,
        checked.language,
        copy_from,
        by.user.id,
    )
    .await;
    let id = match created {
        Ok(id) => id,
        Err(DraftError::SlugTaken) => {
            return Err(DraftError::field("slug", Msg::new("editor-slug-taken")));
        }
        Err(DraftError::NotFound) => {
            let unknown = Msg::new("profile-unknown").arg("value", copy_from.unwrap_or(""));
            return Err(DraftError::field("copy_from", unknown));
        }
        Err(err) => return Err(err),
    };
    let details = json!({ "slug": slug, "title": checked.title, "copy_from": copy_from });
    audit::record(&mut tx, by.entry("profile.created", id, details)).await?;
    tx.commit().await?;
    Ok(checked.slug)
}

/// A new profile with a draft: empty (with this title and language), or a
/// copy of `copy_from`'s current version; the draft's id.
async fn new_profile(
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
            let current = crate::profiles::db::current(pool, source)
                .await?
                .ok_or(DraftError::NotFound)?;
            content(pool, current.id).await?.to_document(slug)
        }
        None => ProfileDocument {
            format: document::FORMAT,
            slug: slug.to_string(),
            title: title.to_string(),
            language: language.to_string(),
            purpose: String::new(),
            footnote: String::new(),
            levels: Vec::new(),
            result_areas: Vec::new(),
            criteria: Vec::new(),
            glossary: Vec::new(),
            translations: indexmap::IndexMap::new(),
        },
    };
    doc.slug = slug.to_string();
    doc.title = title.to_string();
    let doc = check(&doc, Strictness::Draft).map_err(DraftError::Invalid)?;
    let profile_id = db::insert_profile(tx, slug).await?;
    let id = insert_draft(tx, profile_id, &doc, "").await?;
    db::set_creator(tx, id, by).await?;
    Ok(id)
}

/// A draft made from a whole document.
#[derive(Debug, Clone, Copy)]
pub struct Imported {
    pub id: i64,
    pub revision: i32,
}

/// Makes `doc` (already parsed) the draft of its profile, or of a new
/// profile when its slug is new. A profile with an open draft refuses.
pub async fn import(
    pool: &PgPool,
    by: &By<'_>,
    doc: &ProfileDocument,
) -> Result<Imported, DraftError> {
    let slug = doc.slug.as_str();
    let mut tx = pool.begin().await?;
    let imported = if let Some(profile_id) = db::profile_id(&mut *tx, slug).await? {
        if let Some(open) = db::draft_of(&mut *tx, slug).await? {
            return Err(DraftError::DraftExists {
                current: Some(open.revision),
            });
        }
        let id = insert_draft(&mut tx, profile_id, doc, "").await?;
        Imported { id, revision: 1 }
    } else {
        let id = new_profile(
            &mut tx,
            pool,
            slug,
            &doc.title,
            &doc.language,
            None,
            by.user.id,
        )
        .await?;
        let revision = save(&mut tx, id, 1, doc).await?;
        Imported { id, revision }
    };
    let details = json!({ "slug": slug, "revision": imported.revision, "levels": doc.levels.len(),
                          "criteria": doc.criteria.len(), "result_areas": doc.result_areas.len() });
    audit::record(&mut tx, by.entry("draft.imported", imported.id, details)).await?;
    tx.commit().await?;
    Ok(imported)
}

/// Saves one section of the editor: `after` is `before` (the draft's
/// document at `revision`, as the editor read it) with the section's form
/// applied. The new revision.
pub async fn save_section(
    pool: &PgPool,
    by: &By<'_>,
    draft: &DraftRef,
    revision: i32,
    section: Section,
    before: &ProfileDocument,
    after: &ProfileDocument,
) -> Result<i32, DraftError> {
    let mut tx = pool.begin().await?;
    let new_revision = save(&mut tx, draft.id, revision, after).await?;
    let changed = changed_labels(&values(before, section), &values(after, section));
    let details = saved(&draft.slug, new_revision, Some(section), &changed);
    audit::record(&mut tx, by.entry("draft.saved", draft.id, details)).await?;
    tx.commit().await?;
    Ok(new_revision)
}

/// Replaces the whole document of the draft of `slug`, made on `revision`
/// (the API's PUT with a revision). The new revision.
pub async fn replace(
    pool: &PgPool,
    by: &By<'_>,
    slug: &str,
    revision: i32,
    doc: &ProfileDocument,
) -> Result<i32, DraftError> {
    let draft = db::draft_of(pool, slug).await?.ok_or(DraftError::NoDraft)?;
    if draft.revision != revision {
        return Err(DraftError::Stale {
            current: draft.revision,
        });
    }
    let before = db::document(pool, &draft).await?;
    let mut tx = pool.begin().await?;
    let new_revision = save(&mut tx, draft.id, revision, doc)
        .await
        .map_err(|err| match err {
            DraftError::NotFound => DraftError::NoDraft,
            other => other,
        })?;
    let details = saved(slug, new_revision, None, &changed_sections(&before, doc));
    audit::record(&mut tx, by.entry("draft.saved", draft.id, details)).await?;
    tx.commit().await?;
    Ok(new_revision)
}

/// The details of `draft.saved`: the section saved (`null`: the whole
/// document) and what changed in it (labels in a section; sections in the
/// whole document).
fn saved(
    slug: &str,
    revision: i32,
    section: Option<Section>,
    changed: &[impl AsRef<str>],
) -> Value {
    let changed: Vec<&str> = changed.iter().map(AsRef::as_ref).collect();
    json!({ "slug": slug, "revision": revision, "section": section.map(Section::slug),
            "changed": changed })
}

/// Replaces the draft's content with `doc` if the draft is still at
/// `revision`; the new revision.
async fn save(
    tx: &mut PgConnection,
    draft_id: i64,
    revision: i32,
    doc: &ProfileDocument,
) -> Result<i32, DraftError> {
    let doc = check(doc, Strictness::Draft).map_err(DraftError::Invalid)?;
    let Some(new_revision) = db::update_head(tx, draft_id, revision, &doc).await? else {
        return Err(stale(tx, draft_id).await);
    };
    replace_content(tx, draft_id, &doc).await?;
    Ok(new_revision)
}

/// Why a guarded write of draft `draft_id` found no row.
async fn stale(tx: &mut PgConnection, draft_id: i64) -> DraftError {
    match db::revision_of(&mut *tx, draft_id).await {
        Ok(Some(current)) => DraftError::Stale { current },
        Ok(None) => DraftError::NotFound,
        Err(err) => DraftError::Database(err),
    }
}

/// A publication as asked for.
pub struct PublishInput {
    /// The draft revision the client read.
    pub revision: i32,
    pub change_note: String,
    /// When the version takes effect (`None` or past: now).
    pub effective_at: Option<OffsetDateTime>,
}

/// What publishing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Published {
    pub version: i32,
    /// Takes effect later (scheduled), or is current now.
    pub scheduled: bool,
}

/// Freezes the draft of `slug` (at the revision the client read) as a new
/// version: current now, or scheduled for a later `effective_at`. On any
/// failure the previous version stays current and nothing is written.
pub async fn publish(
    pool: &PgPool,
    by: &By<'_>,
    slug: &str,
    input: &PublishInput,
) -> Result<Published, DraftError> {
    let draft = db::draft_of(pool, slug)
        .await?
        .ok_or(DraftError::NotFound)?;
    let note = input::change_note(&input.change_note).map_err(DraftError::Fields)?;
    let mut tx = pool.begin().await?;
    db::lock_profile(&mut tx, draft.profile_id).await?;
    match db::revision_of(&mut *tx, draft.id).await? {
        None => return Err(DraftError::NotFound),
        Some(current) if current != input.revision => {
            return Err(DraftError::Stale { current });
        }
        Some(_) => {}
    }
    let doc = db::document(pool, &draft).await?;
    check(&doc, Strictness::Complete).map_err(DraftError::Invalid)?;
    let scheduled = input
        .effective_at
        .is_some_and(|at| at > OffsetDateTime::now_utc());
    if !scheduled {
        db::supersede_current(&mut tx, draft.profile_id).await?;
    }
    let how = Freeze {
        revision: input.revision,
        scheduled,
        change_note: note,
        effective_at: input.effective_at,
        by: by.user.id,
    };
    let Some(version) = db::freeze(&mut tx, draft.id, &how).await? else {
        return Err(stale(&mut tx, draft.id).await);
    };
    let effective_at = input.effective_at.map(|at| crate::clock::iso(&at));
    let details = json!({ "slug": slug, "version": version, "revision": input.revision,
                          "scheduled": scheduled, "effective_at": effective_at, "change_note": note });
    audit::record(&mut tx, by.entry("profile.published", draft.id, details)).await?;
    crate::notifications::events::draft_published(&mut tx, slug, &doc.title, version, by.user.id)
        .await?;
    tx.commit().await?;
    Ok(Published { version, scheduled })
}

/// Deletes the draft of `slug` with its content, if it is still at
/// `revision` (`None`: whatever revision it is at, for the API's DELETE,
/// which carries none).
pub async fn discard(
    pool: &PgPool,
    by: &By<'_>,
    slug: &str,
    revision: Option<i32>,
) -> Result<(), DraftError> {
    let draft = db::draft_of(pool, slug)
        .await?
        .ok_or(DraftError::NotFound)?;
    let revision = revision.unwrap_or(draft.revision);
    let mut tx = pool.begin().await?;
    if !db::delete(&mut tx, draft.id, revision).await? {
        return Err(stale(&mut tx, draft.id).await);
    }
    let details = json!({ "slug": slug, "version": draft.version, "revision": revision });
    audit::record(&mut tx, by.entry("draft.discarded", draft.id, details)).await?;
    tx.commit().await?;
    Ok(())
}
