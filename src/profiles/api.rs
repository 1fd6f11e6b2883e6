//! JSON API of the catalogue under `/api/v1`.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use time::OffsetDateTime;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::db;
use super::document::ProfileDocument;
use super::model::VersionStatus;
use crate::app::AppState;
use crate::error::{AppError, AppResult, ErrorBody, Msg};

/// A line of `GET /profiles`.
#[derive(Serialize, ToSchema)]
pub struct ProfileListItem {
    slug: String,
    title: String,
    /// Number of the current published version.
    current_version: i32,
    /// Level codes, lowest first.
    levels: Vec<String>,
}

/// A version as a profile document, with its number and publication time.
#[derive(Serialize, ToSchema)]
pub struct VersionDocument {
    #[serde(flatten)]
    document: ProfileDocument,
    version: i32,
    status: VersionStatus,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    published_at: Option<OffsetDateTime>,
}

/// A line of a profile's version list.
#[derive(Serialize, ToSchema)]
pub struct VersionInfo {
    version: i32,
    status: VersionStatus,
    title: String,
    change_note: String,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    published_at: Option<OffsetDateTime>,
}

/// The catalogue API routes (mounted under `/api/v1`).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list_profiles))
        .routes(routes!(get_profile))
        .routes(routes!(list_versions))
        .routes(routes!(get_version))
}

/// Every profile with its current version.
#[utoipa::path(get, path = "/profiles", tag = "profiles",
    responses((status = 200, body = Vec<ProfileListItem>)))]
async fn list_profiles(State(state): State<AppState>) -> AppResult<Json<Vec<ProfileListItem>>> {
    let entries = crate::profiles::cached::catalogue(&state).await?;
    Ok(Json(
        entries
            .iter()
            .map(|e| ProfileListItem {
                slug: e.slug.clone(),
                title: e.title.clone(),
                current_version: e.version,
                levels: e.levels.clone(),
            })
            .collect(),
    ))
}

/// The current published version of a profile.
#[utoipa::path(get, path = "/profiles/{slug}", tag = "profiles",
    params(("slug" = String, Path, description = "Profile slug")),
    responses((status = 200, body = VersionDocument), (status = 404, body = ErrorBody)))]
async fn get_profile(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<VersionDocument>> {
    let v = crate::profiles::cached::current(&state, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    version_document(&state, v).await
}

/// Every published or superseded version of a profile, newest first.
#[utoipa::path(get, path = "/profiles/{slug}/versions", tag = "profiles",
    params(("slug" = String, Path, description = "Profile slug")),
    responses((status = 200, body = Vec<VersionInfo>), (status = 404, body = ErrorBody)))]
async fn list_versions(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<Vec<VersionInfo>>> {
    let versions = db::history(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Json(
        versions
            .into_iter()
            .map(|v| VersionInfo {
                version: v.version,
                status: v.status,
                title: v.title,
                change_note: v.change_note,
                published_at: v.published_at,
            })
            .collect(),
    ))
}

/// One published or superseded version of a profile.
#[utoipa::path(get, path = "/profiles/{slug}/versions/{n}", tag = "profiles",
    params(("slug" = String, Path, description = "Profile slug"),
           ("n" = i32, Path, description = "Version number")),
    responses((status = 200, body = VersionDocument), (status = 404, body = ErrorBody)))]
async fn get_version(
    State(state): State<AppState>,
    Path((slug, n)): Path<(String, i32)>,
) -> AppResult<Json<VersionDocument>> {
    let v = db::published_version(&state.db, &slug, n)
        .await?
        .ok_or(AppError::NotFound)?;
    version_document(&state, v).await
}

async fn version_document(
    state: &AppState,
    v: super::model::VersionRef,
) -> AppResult<Json<VersionDocument>> {
    let content = crate::profiles::cached::content(state, &v).await?;
    Ok(Json(VersionDocument {
        document: content.to_document(&v.slug),
        version: v.version,
        status: v.status,
        published_at: v.published_at,
    }))
}

/// The draft of a profile, with the revision to send back when saving.
#[derive(Serialize, ToSchema)]
pub struct DraftDocument {
    #[serde(flatten)]
    document: ProfileDocument,
    version: i32,
    revision: i32,
}

#[derive(serde::Deserialize, ToSchema)]
pub struct PublishBody {
    change_note: String,
    /// When the version takes effect (RFC 3339); default now.
    #[serde(default, with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    effective_at: Option<OffsetDateTime>,
}

#[derive(Serialize, ToSchema)]
pub struct Published {
    version: i32,
    status: VersionStatus,
}

#[derive(Serialize, ToSchema)]
pub struct ChangeDoc {
    kind: super::changes::Kind,
    label: String,
    old: String,
    new: String,
}

#[derive(Serialize, ToSchema)]
pub struct SectionDoc {
    section: String,
    changes: Vec<ChangeDoc>,
}

#[derive(Serialize, ToSchema)]
pub struct DiffDoc {
    from: i32,
    to: i32,
    sections: Vec<SectionDoc>,
}

/// Admin-only draft routes (mounted under `/api/v1`).
pub fn admin_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_draft, put_draft, delete_draft))
        .routes(routes!(publish_draft))
}

/// Public routes besides the catalogue: the diff of two versions.
pub fn diff_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(diff))
}

fn draft_api_error(err: super::drafts::DraftError) -> AppError {
    use super::drafts::DraftError;
    match err {
        DraftError::Stale { current } => {
            AppError::Conflict(Msg::new("editor-stale-revision").arg("revision", current))
        }
        DraftError::Invalid(errors) => AppError::Validation {
            message: Msg::new("error-validation"),
            fields: errors
                .0
                .into_iter()
                .map(|e| {
                    (
                        e.path,
                        Msg::new("document-problem").arg("problem", e.message),
                    )
                })
                .collect(),
        },
        other => crate::admin::editor::draft_error(other),
    }
}

/// The open draft of a profile.
#[utoipa::path(get, path = "/profiles/{slug}/draft", tag = "drafts",
    params(("slug" = String, Path)),
    responses((status = 200, body = DraftDocument), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
async fn get_draft(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<DraftDocument>> {
    let draft = super::drafts::draft_of(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let document = super::drafts::document(&state.db, &draft).await?;
    Ok(Json(DraftDocument {
        document,
        version: draft.version,
        revision: draft.revision,
    }))
}

/// Creates or replaces the draft's content. Send `"revision"` (the one you
/// read) to replace; without it a draft is created (409 when one exists).
#[utoipa::path(put, path = "/profiles/{slug}/draft", tag = "drafts",
    params(("slug" = String, Path)),
    request_body(content = ProfileDocument, description = "A profile document plus \"revision\": the revision read (leave it out to create the draft)"),
    responses((status = 200, body = DraftDocument), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn put_draft(
    State(state): State<AppState>,
    admin: crate::auth::model::CurrentUser,
    client: crate::web::client::Client,
    Path(slug): Path<String>,
    Json(mut body): Json<serde_json::Value>,
) -> AppResult<Json<DraftDocument>> {
    let revision = match body.as_object_mut().and_then(|o| o.remove("revision")) {
        None | Some(serde_json::Value::Null) => None,
        Some(value) => Some(
            value
                .as_i64()
                .and_then(|r| i32::try_from(r).ok())
                .ok_or_else(|| AppError::Validation {
                    message: Msg::new("error-validation"),
                    fields: vec![("revision".into(), Msg::new("form-revision"))],
                })?,
        ),
    };
    if let Some(object) = body.as_object_mut() {
        object
            .entry("slug")
            .or_insert_with(|| serde_json::Value::String(slug.clone()));
    }
    let document = super::document::parse_as(&body.to_string(), super::document::Strictness::Draft)
        .map_err(|e| draft_api_error(super::drafts::DraftError::Invalid(e)))?;
    if document.slug != slug {
        return Err(AppError::Validation {
            message: Msg::new("error-validation"),
            fields: vec![("slug".into(), Msg::new("draft-slug-mismatch"))],
        });
    }
    let mut tx = state.db.begin().await?;
    let existing = super::drafts::draft_of(&mut *tx, &slug).await?;
    let (draft_id, new_revision, action) = match (existing, revision) {
        (Some(draft), Some(revision)) => {
            let new_revision = super::drafts::save(&mut tx, draft.id, revision, &document)
                .await
                .map_err(draft_api_error)?;
            (draft.id, new_revision, "draft.saved")
        }
        (Some(draft), None) => {
            return Err(draft_api_error(super::drafts::DraftError::Stale {
                current: draft.revision,
            }));
        }
        (None, Some(_)) => return Err(AppError::NotFound),
        (None, None) => {
            let profile = sqlx::query_scalar!("select id from profiles where slug = $1", slug)
                .fetch_optional(&mut *tx)
                .await?;
            let id = match profile {
                Some(profile_id) => super::db::insert_draft(&mut tx, profile_id, &document, "")
                    .await
                    .map_err(|e| draft_api_error(e.into()))?,
                None => {
                    let id = super::drafts::new_profile(
                        &mut tx,
                        &state.db,
                        &slug,
                        &document.title,
                        &document.language,
                        None,
                        admin.id,
                    )
                    .await
                    .map_err(draft_api_error)?;
                    super::drafts::save(&mut tx, id, 1, &document)
                        .await
                        .map_err(draft_api_error)?;
                    id
                }
            };
            let revision =
                sqlx::query_scalar!("select revision from profile_versions where id = $1", id)
                    .fetch_one(&mut *tx)
                    .await?;
            (id, revision, "draft.created")
        }
    };
    crate::audit::record(
        &mut tx,
        crate::audit::Entry {
            action,
            subject_type: "profile_version",
            subject_id: draft_id.to_string(),
            details: serde_json::json!({ "slug": slug, "revision": new_revision, "via": "api" }),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    let draft = super::drafts::draft_of(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let document = super::drafts::document(&state.db, &draft).await?;
    Ok(Json(DraftDocument {
        document,
        version: draft.version,
        revision: draft.revision,
    }))
}

/// Discards the open draft.
#[utoipa::path(delete, path = "/profiles/{slug}/draft", tag = "drafts",
    params(("slug" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
async fn delete_draft(
    State(state): State<AppState>,
    admin: crate::auth::model::CurrentUser,
    client: crate::web::client::Client,
    Path(slug): Path<String>,
) -> AppResult<axum::http::StatusCode> {
    let draft = super::drafts::draft_of(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    super::drafts::discard(&mut tx, draft.id, draft.revision)
        .await
        .map_err(draft_api_error)?;
    crate::audit::record(
        &mut tx,
        crate::audit::Entry {
            action: "draft.discarded",
            subject_type: "profile_version",
            subject_id: draft.id.to_string(),
            details: serde_json::json!({ "slug": slug, "via": "api" }),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(axum::http::StatusCode::NO_CONTENT)
}

/// Publishes the draft (now, or scheduled at `effective_at`).
#[utoipa::path(post, path = "/profiles/{slug}/draft/publish", tag = "drafts",
    params(("slug" = String, Path)), request_body = PublishBody,
    responses((status = 200, body = Published), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn publish_draft(
    State(state): State<AppState>,
    admin: crate::auth::model::CurrentUser,
    client: crate::web::client::Client,
    Path(slug): Path<String>,
    Json(body): Json<PublishBody>,
) -> AppResult<Json<Published>> {
    let draft = super::drafts::draft_of(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let note = body.change_note.trim();
    if note.is_empty() || note.chars().count() > 2000 {
        return Err(AppError::Validation {
            message: Msg::new("error-validation"),
            fields: vec![("change_note".into(), Msg::new("editor-note-required"))],
        });
    }
    let mut tx = state.db.begin().await?;
    let published = super::drafts::publish(
        &mut tx,
        &state.db,
        &draft,
        draft.revision,
        note,
        body.effective_at,
        admin.id,
    )
    .await
    .map_err(draft_api_error)?;
    crate::audit::record(&mut tx, crate::audit::Entry {
        action: "profile.published",
        subject_type: "profile_version",
        subject_id: draft.id.to_string(),
        details: serde_json::json!({ "slug": slug, "version": published.version, "scheduled": published.scheduled, "change_note": note, "via": "api" }),
        actor: Some(admin.id),
        client: &client,
    })
    .await?;
    tx.commit().await?;
    Ok(Json(Published {
        version: published.version,
        status: if published.scheduled {
            VersionStatus::Scheduled
        } else {
            VersionStatus::Published
        },
    }))
}

/// What changed between two versions, section by section.
#[utoipa::path(get, path = "/profiles/{slug}/diff", tag = "profiles",
    params(("slug" = String, Path), ("from" = Option<i32>, Query), ("to" = Option<i32>, Query)),
    responses((status = 200, body = DiffDoc), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn diff(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    lang: axum::Extension<crate::web::i18n::Lang>,
    axum::extract::Query(query): axum::extract::Query<super::history::DiffQuery>,
) -> AppResult<Json<DiffDoc>> {
    let (from, to) = super::history::numbers(&query)?;
    let (from, old, to, new) = super::history::pair(&state, &slug, from, to).await?;
    let sections = super::changes::between(&old, &new)
        .into_iter()
        .map(|s| SectionDoc {
            section: lang.0.t(s.key),
            changes: s
                .items
                .into_iter()
                .map(|i| ChangeDoc {
                    kind: i.kind,
                    label: i.label,
                    old: i.old,
                    new: i.new,
                })
                .collect(),
        })
        .collect();
    Ok(Json(DiffDoc { from, to, sections }))
}
