//! JSON API of profiles under `/api/v1`: a profile, its versions, and the
//! diff of two versions. (The list and its search: `search::api`.) (The draft API is `drafts::api`.)

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
use crate::error::{AppError, AppResult, ErrorBody};

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
        .routes(routes!(get_profile))
        .routes(routes!(list_versions))
        .routes(routes!(get_version))
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
           ("n" = i32, Path, minimum = 1, description = "Version number")),
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

/// Public routes besides the catalogue: the diff of two versions.
pub fn diff_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(diff))
}

/// What changed between two versions, section by section.
#[utoipa::path(get, path = "/profiles/{slug}/diff", tag = "profiles",
    params(("slug" = String, Path), ("from" = Option<i32>, Query, minimum = 1, description = "Version number (default: the one before `to`)"),
           ("to" = Option<i32>, Query, minimum = 1, description = "Version number (default: the current one)")),
    responses((status = 200, body = DiffDoc), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn diff(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    lang: axum::Extension<crate::i18n::Lang>,
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
