//! JSON API of the catalogue under `/api/v1`: profiles, their versions,
//! and the diff of two versions. (The draft API is `drafts::api`.)

use axum::Json;
use axum::extract::{Path, Query, State};
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
/// Its `language` is the language of the content given: the source's, or
/// the translation's asked for with `content_lang`.
#[derive(Serialize, ToSchema)]
pub struct VersionDocument {
    #[serde(flatten)]
    document: ProfileDocument,
    /// The language the version was written in.
    source_language: String,
    /// Every language the version can be read in, the source first.
    available_languages: Vec<String>,
    translation: TranslationInfo,
    version: i32,
    status: VersionStatus,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    published_at: Option<OffsetDateTime>,
}

/// How the content given relates to the source.
#[derive(Serialize, ToSchema)]
pub struct TranslationInfo {
    status: super::translation::Status,
    /// Keys of texts not translated (given in the source language).
    missing: Vec<String>,
    /// Keys of texts whose source changed after they were translated.
    outdated: Vec<String>,
    /// An unofficial translation (only the source is authoritative).
    unofficial: bool,
}

/// `?content_lang=`: the language to read the content in.
#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ContentLang {
    /// nl, fr, en or de; default: the source language. A language the
    /// version has no translation in answers 404 `no_translation`.
    #[param(pattern = r"^(?:nl|fr|en|de)$")]
    content_lang: Option<String>,
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
    params(("slug" = String, Path, description = "Profile slug"), ContentLang),
    responses((status = 200, body = VersionDocument), (status = 400, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
async fn get_profile(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(lang): Query<ContentLang>,
) -> AppResult<Json<VersionDocument>> {
    let wanted = wanted_language(&lang)?;
    let v = crate::profiles::cached::current(&state, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    version_document(&state, v, wanted).await
}

/// The language `?content_lang=` asks for (None: the source), or 400
/// naming the languages there are.
fn wanted_language(lang: &ContentLang) -> AppResult<Option<&'static str>> {
    match lang.content_lang.as_deref() {
        None => Ok(None),
        Some(code) => match crate::web::i18n::known_content_language(code) {
            Some(known) => Ok(Some(known)),
            None => Err(AppError::BadRequest(
                crate::error::Msg::new("translation-unknown-language")
                    .arg("value", code.chars().take(40).collect::<String>())
                    .arg("known", super::document::LANGUAGES.join(", ")),
            )),
        },
    }
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
           ("n" = i32, Path, minimum = 1, description = "Version number"), ContentLang),
    responses((status = 200, body = VersionDocument), (status = 400, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
async fn get_version(
    State(state): State<AppState>,
    Path((slug, n)): Path<(String, i32)>,
    Query(lang): Query<ContentLang>,
) -> AppResult<Json<VersionDocument>> {
    let wanted = wanted_language(&lang)?;
    let v = db::published_version(&state.db, &slug, n)
        .await?
        .ok_or(AppError::NotFound)?;
    version_document(&state, v, wanted).await
}

async fn version_document(
    state: &AppState,
    v: super::model::VersionRef,
    wanted: Option<&'static str>,
) -> AppResult<Json<VersionDocument>> {
    let source = crate::profiles::cached::content(state, &v).await?;
    let in_source = crate::web::i18n::known_content_language(&source.language).unwrap_or("nl");
    let r = super::languages::read(state, &v, wanted.unwrap_or(in_source)).await?;
    if wanted.is_some() && r.missing() {
        return Err(AppError::Refused {
            status: axum::http::StatusCode::NOT_FOUND,
            code: "no_translation",
            message: crate::error::Msg::new("no-translation")
                .arg("available", r.codes().join(", ")),
        });
    }
    Ok(Json(VersionDocument {
        document: r.content.to_document(&v.slug),
        source_language: source.language.clone(),
        available_languages: r.codes().into_iter().map(str::to_string).collect(),
        translation: TranslationInfo {
            status: r.report.status,
            missing: r.report.missing.clone(),
            outdated: r.report.outdated.clone(),
            unofficial: r.unofficial,
        },
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
