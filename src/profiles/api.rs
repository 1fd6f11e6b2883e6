//! JSON API of profiles under `/api/v1`: a profile, its versions, and the
//! diff of two versions. (The list and its search: `search::api`.) (The draft API is `drafts::api`.)

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
    factors: FactorsInfo,
}

/// The evaluation factors of Art. 4(4) of Directive (EU) 2023/970 that
/// the version's grid assesses (each criterion's `factor`).
#[derive(Serialize, ToSchema)]
pub struct FactorsInfo {
    /// Of `skills`, `effort`, `responsibility`, `working_conditions`: the
    /// ones no criterion assesses (a warning: the evaluation is incomplete).
    unassessed: Vec<String>,
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
        .routes(routes!(get_profile))
        .routes(routes!(list_versions))
        .routes(routes!(get_version))
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
    lang.content_lang
        .as_deref()
        .map(crate::web::i18n::content_language)
        .transpose()
        .map_err(AppError::BadRequest)
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
        factors: FactorsInfo {
            unassessed: source
                .unassessed_factors()
                .into_iter()
                .map(str::to_string)
                .collect(),
        },
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

/// A profile compared across profiles.
#[derive(Serialize, ToSchema)]
pub struct CrossProfileDoc {
    slug: String,
    title: String,
    /// Number of the current published version compared.
    version: i32,
    /// Language of the content.
    language: String,
    /// The level's code and name in this profile.
    level: String,
    level_name: String,
}

/// How a profile's cell stands against the row's first text.
#[derive(Serialize, ToSchema, Clone, Copy)]
#[serde(rename_all = "snake_case")]
pub enum CrossCellStatus {
    /// The row's first text (the first profile's, when it has one).
    Text,
    /// Word for word the text of `compared_with`.
    Same,
    /// Differs from the text of `compared_with`: see `pieces`.
    Changed,
    /// The profile has the criterion, but no text at this level.
    NoText,
    /// The profile has no criterion of this name.
    Absent,
}

/// Whether a run is in both texts, only in this one, or only in the one
/// compared with.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum CrossChange {
    Same,
    Added,
    Removed,
}

impl From<super::diff::Change> for CrossChange {
    fn from(change: super::diff::Change) -> Self {
        match change {
            super::diff::Change::Same => CrossChange::Same,
            super::diff::Change::Added => CrossChange::Added,
            super::diff::Change::Removed => CrossChange::Removed,
        }
    }
}

/// A run of a changed cell.
#[derive(Serialize, ToSchema)]
pub struct CrossPieceDoc {
    change: CrossChange,
    text: String,
}

/// One profile's cell of a criterion.
#[derive(Serialize, ToSchema)]
pub struct CrossCellDoc {
    /// The profile's slug.
    profile: String,
    status: CrossCellStatus,
    /// The profile's own text (empty when `no_text` or `absent`).
    text: String,
    /// The slug of the profile compared with (`same` and `changed`).
    #[serde(skip_serializing_if = "Option::is_none")]
    compared_with: Option<String>,
    /// The word runs of a `changed` cell: with `diff=full` also the
    /// words of `compared_with` that this text drops (`removed`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pieces: Vec<CrossPieceDoc>,
}

/// A criterion across the profiles.
#[derive(Serialize, ToSchema)]
pub struct CrossRowDoc {
    /// The name as the first profile that has it writes it.
    criterion: String,
    /// Slugs of the profiles without this criterion (empty in `matched`).
    missing_from: Vec<String>,
    cells: Vec<CrossCellDoc>,
}

/// One level of several profiles, criterion by criterion.
#[derive(Serialize, ToSchema)]
pub struct CrossCompareDoc {
    /// The level's code, as the first profile writes it.
    level: String,
    /// `new` (each text whole, what differs marked) or `full`.
    diff: String,
    profiles: Vec<CrossProfileDoc>,
    /// Criteria every profile has, in the first profile's order.
    matched: Vec<CrossRowDoc>,
    /// Criteria only some profiles have.
    unmatched: Vec<CrossRowDoc>,
}

/// Public routes besides the catalogue: compare across profiles.
pub fn cross_router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(cross_compare))
}

/// One level of two to four profiles side by side: criteria matched by
/// name (case and spacing aside), each profile's text compared word by
/// word with the first profile's. `profiles` may also be one
/// comma-separated value.
#[utoipa::path(get, path = "/compare", tag = "profiles",
    params(("profiles" = Vec<String>, Query, description = "Two to four profile slugs, the first compared with the others"),
           ("level" = String, Query, description = "Level code (any case); every profile must have it"),
           ("diff" = Option<String>, Query, description = "`full`: dropped words too; default `new`"),
           ("content_lang" = Option<String>, Query, pattern = r"^(?:nl|fr|en|de)$", description = "Read each profile in this language where it has a translation (else its source); default: each profile's source")),
    responses((status = 200, body = CrossCompareDoc), (status = 400, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "A profile (`unknown_profile`) or the level in a profile (`unknown_level`) does not exist")))]
async fn cross_compare(
    State(state): State<AppState>,
    axum_extra::extract::Query(params): axum_extra::extract::Query<super::cross_page::CrossParams>,
) -> AppResult<Json<CrossCompareDoc>> {
    use super::compare::Mode;
    use super::cross::{self, Cell, Row};
    let slugs = cross::slugs(&params.profiles);
    let level = cross::level(&params.level).map_err(AppError::BadRequest)?;
    let mode = Mode::parse(params.diff.as_deref()).map_err(AppError::BadRequest)?;
    let wanted = wanted_language(&ContentLang {
        content_lang: params.content_lang.clone(),
    })?;
    let chosen = super::cross_page::resolve(&state, &slugs, level.as_deref(), wanted).await?;
    let table = chosen.table(mode);
    let slug = |c: usize| chosen.profiles[c].version.slug.clone();
    let row = |row: Row| CrossRowDoc {
        criterion: row.name,
        missing_from: row.lacking.iter().map(|&c| slug(c)).collect(),
        cells: row
            .cells
            .into_iter()
            .enumerate()
            .map(|(c, cell)| {
                let (status, text, compared_with, pieces) = match cell {
                    Cell::Absent => (CrossCellStatus::Absent, String::new(), None, Vec::new()),
                    Cell::NoText => (CrossCellStatus::NoText, String::new(), None, Vec::new()),
                    Cell::Text(parts) => (CrossCellStatus::Text, plain(&parts), None, Vec::new()),
                    Cell::Same { as_profile, text } => (
                        CrossCellStatus::Same,
                        plain(&text),
                        Some(slug(as_profile)),
                        Vec::new(),
                    ),
                    Cell::Changed {
                        from_profile,
                        pieces,
                    } => {
                        let own: String = pieces
                            .iter()
                            .filter(|p| !p.is_removed())
                            .map(|p| plain(&p.parts))
                            .collect();
                        let pieces = pieces
                            .iter()
                            .map(|p| CrossPieceDoc {
                                change: p.change.into(),
                                text: plain(&p.parts),
                            })
                            .collect();
                        (
                            CrossCellStatus::Changed,
                            own,
                            Some(slug(from_profile)),
                            pieces,
                        )
                    }
                };
                CrossCellDoc {
                    profile: slug(c),
                    status,
                    text,
                    compared_with,
                    pieces,
                }
            })
            .collect(),
    };
    let profiles = chosen
        .profiles
        .iter()
        .zip(&chosen.levels)
        .map(|(p, &li)| CrossProfileDoc {
            slug: p.version.slug.clone(),
            title: p.content.title.clone(),
            version: p.version.version,
            language: p.content.language.clone(),
            level: p.content.levels[li].code.clone(),
            level_name: p.content.levels[li].name.clone(),
        })
        .collect();
    let level = chosen.level_code().to_string();
    let matched = table.matched.into_iter().map(&row).collect();
    let unmatched = table.partial.into_iter().map(&row).collect();
    Ok(Json(CrossCompareDoc {
        level,
        diff: match mode {
            Mode::New => "new".into(),
            Mode::Full => "full".into(),
        },
        profiles,
        matched,
        unmatched,
    }))
}

/// A text again from its parts (glossary terms with their star).
fn plain(parts: &[super::model::TextPart]) -> String {
    parts
        .iter()
        .map(|p| match p {
            super::model::TextPart::Plain(t) | super::model::TextPart::Term { text: t, .. } => {
                t.as_str()
            }
        })
        .collect()
}

/// The parameters of `GET /compare` as the server reads them: two to four
/// distinct slugs, and a level code.
pub struct CrossParamsDoc;

impl utoipa::Modify for CrossParamsDoc {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use crate::web::schema::text;
        use utoipa::openapi::schema::ArrayBuilder;
        let Some(get) = openapi
            .paths
            .paths
            .get_mut("/api/v1/compare")
            .and_then(|item| item.get.as_mut())
        else {
            return;
        };
        for parameter in get.parameters.iter_mut().flatten() {
            let utoipa::openapi::RefOr::T(parameter) = parameter else {
                continue;
            };
            match parameter.name.as_str() {
                "profiles" => {
                    parameter.required = utoipa::openapi::Required::True;
                    parameter.schema = Some(
                        ArrayBuilder::new()
                            .items(text(1, 80, r"^[a-z0-9]+(?:-[a-z0-9]+)*$"))
                            .min_items(Some(super::cross::MIN_PROFILES))
                            .max_items(Some(super::cross::MAX_PROFILES))
                            .unique_items(true)
                            .into(),
                    );
                }
                "level" => {
                    parameter.schema = Some(text(1, 8, r"^[A-Za-z][A-Za-z0-9+-]{0,7}$").into());
                }
                "diff" => {
                    parameter.schema = Some(
                        utoipa::openapi::schema::ObjectBuilder::new()
                            .schema_type(utoipa::openapi::schema::Type::String)
                            .enum_values(Some(["new", "full"]))
                            .into(),
                    );
                }
                _ => {}
            }
        }
    }
}
