//! The pay-transparency API under `/api/v1/pay` (HR officers and admins):
//! a year's staff file in (`PUT …/staff`, `text/csv`), its report out,
//! and a year deleted (admins). Each call is audited; no pay figure or
//! employee reference is logged.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::justification::{self, MAX_JUSTIFICATION, Refusal};
use super::model::Category;
use super::model::Counts;
use super::report::{self, YearReport};
use super::{audit, staff, upload};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody, Msg};
use crate::i18n::Lang;
use crate::web::client::Client;
use crate::web::json::RawJson;

/// The routes under `/api/v1/pay`, with their OpenAPI description.
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(put_staff))
        .routes(routes!(get_report))
        .routes(routes!(delete_period))
        .routes(routes!(put_justification))
}

/// A reporting year as the path names it: outside 1900–2999 there is none.
fn checked_year(year: i32) -> AppResult<i32> {
    if (1900..=2999).contains(&year) {
        Ok(year)
    } else {
        Err(AppError::NotFound)
    }
}

/// What a stored file gave.
#[derive(Debug, Serialize, ToSchema)]
pub struct StaffStored {
    pub year: i32,
    /// Staff rows stored (they replace the year's earlier rows).
    pub rows: usize,
}

/// One problem of a refused staff file.
#[derive(Debug, Serialize, ToSchema)]
pub struct FileProblem {
    /// Line of the file, the header being line 1.
    pub line: usize,
    /// The column (`gender`, …), or empty for the line as a whole.
    pub column: String,
    /// `missing_column`, `unknown_column`, `malformed`, `required`,
    /// `too_long`, `duplicate`, `not_a_number`, `negative`,
    /// `not_positive`, `too_large`, `bad_gender`, `unknown_position`,
    /// `undecided_position`, `empty`, `not_utf8`.
    pub code: String,
    /// What is wrong, in the request's language.
    pub message: String,
}

/// The detail of a refused staff file.
#[derive(Debug, Serialize, ToSchema)]
pub struct FileErrorDetail {
    /// `invalid_file`.
    pub code: String,
    pub message: String,
    pub fields: Vec<FileProblem>,
}

/// A refused staff file: every problem, nothing stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct FileError {
    pub error: FileErrorDetail,
}

impl FileError {
    pub fn new(problems: &[staff::Problem], lang: Lang) -> Self {
        FileError {
            error: FileErrorDetail {
                code: "invalid_file".into(),
                message: lang.t("pay-file-invalid"),
                fields: problems
                    .iter()
                    .map(|p| FileProblem {
                        line: p.line,
                        column: p.column.clone(),
                        code: p.code.into(),
                        message: upload::problem_message(p, lang),
                    })
                    .collect(),
            },
        }
    }
}

/// Stores a year's staff file, replacing what the year held. The file is
/// checked whole first: one problem and nothing is stored.
#[utoipa::path(put, path = "/pay/periods/{year}/staff", tag = "pay",
    params(("year" = i32, Path, minimum = 1900, maximum = 2999, description = "Reporting year")),
    request_body(content(
            (String = "text/csv"),
            (String = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")),
        description = "Header `employee,position,gender,annual_hours,base_pay,variable_pay` \
                       (any order; `;` also separates), then one worker a line: a pseudonymous \
                       reference, a decided position's id, `F`, `M` or `X`, hours paid in the \
                       year, gross base pay and gross variable components of the year. As XLSX: \
                       the first sheet, its first row the header, a row per worker."),
    responses((status = 200, body = StaffStored),
              (status = 403, body = ErrorBody),
              (status = 415, body = ErrorBody, description = "The body is neither `text/csv` nor XLSX."),
              (status = 422, body = FileError, description = "The file has problems; each is named by its line and column, and nothing was stored.")),
    security(("bearer" = [])))]
async fn put_staff(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(year): Path<i32>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult<Response> {
    if !user.is_hr() {
        return Err(AppError::Forbidden);
    }
    let year = checked_year(year)?;
    let Some(format) = format_of(&headers) else {
        return Err(AppError::Refused {
            status: StatusCode::UNSUPPORTED_MEDIA_TYPE,
            code: "unsupported_media_type",
            message: Msg::new("pay-file-not-csv"),
        });
    };
    match upload::store(&state, &user, &client, year, (body, format), "api").await? {
        Ok(rows) => Ok(Json(StaffStored { year, rows }).into_response()),
        Err(problems) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(FileError::new(&problems, lang.0)),
        )
            .into_response()),
    }
}

/// The media type of a workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The format the request says its body is in (`text/csv` or XLSX, any
/// parameters), or `None` for any other type.
fn format_of(headers: &HeaderMap) -> Option<staff::Format> {
    let essence = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())?
        .trim();
    if essence.eq_ignore_ascii_case("text/csv") {
        Some(staff::Format::Csv)
    } else if essence.eq_ignore_ascii_case(XLSX) {
        Some(staff::Format::Xlsx)
    } else {
        None
    }
}

/// Women, men and others receiving variable pay, and the gaps among them.
#[derive(Debug, Serialize, ToSchema)]
pub struct VariableDoc {
    /// Art. 9(1)(b): mean gap of hourly variable pay among those who receive any.
    pub mean_gap_pct: Option<f64>,
    /// Art. 9(1)(d): the median gap of the same.
    pub median_gap_pct: Option<f64>,
    /// Art. 9(1)(e): share of women receiving variable components.
    pub female_receiving_pct: Option<f64>,
    /// Art. 9(1)(e): share of men receiving variable components.
    pub male_receiving_pct: Option<f64>,
}

/// Art. 9(1)(f): a quartile pay band, lowest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuartileDoc {
    #[schema(minimum = 1, maximum = 4)]
    pub quartile: u8,
    pub female_pct: Option<f64>,
    pub male_pct: Option<f64>,
    /// Share of workers recorded as `X` (counted, never guessed into F or M).
    pub other_pct: Option<f64>,
}

/// Art. 9(1)(g): a category of workers (profile × decided level).
#[derive(Debug, Serialize, ToSchema)]
pub struct CategoryDoc {
    /// The profile's slug.
    pub profile: String,
    /// The decided level's code.
    pub level: String,
    pub female: usize,
    pub male: usize,
    pub other: usize,
    /// Gap of mean gross hourly base pay, % of men's.
    pub base_gap_pct: Option<f64>,
    /// Gap of mean gross hourly variable pay, % of men's.
    pub variable_gap_pct: Option<f64>,
    /// A gap of 5 % or more either way (Art. 10).
    pub flag: bool,
    /// Fewer women or men than `min_group`: figures withheld.
    pub suppressed: bool,
    /// Why the gap is justified by objective, gender-neutral criteria.
    pub justification: Option<String>,
}

/// The evaluation factors a profile's current version leaves unassessed.
#[derive(Debug, Serialize, ToSchema)]
pub struct FactorsDoc {
    pub version: i32,
    /// Of `skills`, `effort`, `responsibility`, `working_conditions`.
    pub unassessed: Vec<String>,
}

/// A year's pay-transparency report (Art. 9). Gaps are % of men's pay,
/// one decimal; `null` where withheld (fewer than `min_group` women or
/// men) or undefined.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportDoc {
    pub year: i32,
    pub min_group: usize,
    pub workers: Counts,
    /// Art. 9(1)(a): mean gap of gross hourly pay.
    pub mean_gap_pct: Option<f64>,
    /// Art. 9(1)(c): median gap of gross hourly pay.
    pub median_gap_pct: Option<f64>,
    pub variable: VariableDoc,
    pub quartiles: Vec<QuartileDoc>,
    pub categories: Vec<CategoryDoc>,
    /// By profile slug.
    pub factors: BTreeMap<String, FactorsDoc>,
}

impl ReportDoc {
    pub fn new(y: &YearReport) -> Self {
        let r = &y.report;
        ReportDoc {
            year: y.year,
            min_group: r.min_group,
            workers: r.workers,
            mean_gap_pct: r.mean_gap_pct,
            median_gap_pct: r.median_gap_pct,
            variable: VariableDoc {
                mean_gap_pct: r.variable.mean_gap_pct,
                median_gap_pct: r.variable.median_gap_pct,
                female_receiving_pct: r.variable.female_receiving_pct,
                male_receiving_pct: r.variable.male_receiving_pct,
            },
            quartiles: r
                .quartiles
                .iter()
                .map(|q| QuartileDoc {
                    quartile: q.quartile,
                    female_pct: q.female_pct,
                    male_pct: q.male_pct,
                    other_pct: q.other_pct,
                })
                .collect(),
            categories: r
                .categories
                .iter()
                .map(|c| CategoryDoc {
                    profile: c.category.profile.clone(),
                    level: c.category.level.clone(),
                    female: c.counts.female,
                    male: c.counts.male,
                    other: c.counts.other,
                    base_gap_pct: c.base_gap_pct,
                    variable_gap_pct: c.variable_gap_pct,
                    flag: c.flag,
                    suppressed: c.suppressed,
                    justification: y.justification(&c.category).map(str::to_string),
                })
                .collect(),
            factors: y
                .factors
                .iter()
                .map(|(slug, f)| {
                    (
                        slug.clone(),
                        FactorsDoc {
                            version: f.version,
                            unassessed: f.unassessed.iter().map(|s| (*s).to_string()).collect(),
                        },
                    )
                })
                .collect(),
        }
    }
}

/// A year's report.
#[utoipa::path(get, path = "/pay/periods/{year}/report", tag = "pay",
    params(("year" = i32, Path, minimum = 1900, maximum = 2999, description = "Reporting year")),
    responses((status = 200, body = ReportDoc), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "No data for this year.")),
    security(("bearer" = [])))]
async fn get_report(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    Path(year): Path<i32>,
) -> AppResult<Json<ReportDoc>> {
    if !user.is_hr() {
        return Err(AppError::Forbidden);
    }
    let year = checked_year(year)?;
    let loaded = report::load(&state.db, year, state.config.pay_min_group).await?;
    audit::read(&state, &user, &client, "pay.report_read", year, "json").await?;
    Ok(Json(ReportDoc::new(&loaded)))
}

/// Deletes a year's staff data, report and justifications (admins).
#[utoipa::path(delete, path = "/pay/periods/{year}", tag = "pay",
    params(("year" = i32, Path, minimum = 1900, maximum = 2999, description = "Reporting year")),
    responses((status = 204, description = "Deleted."), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "No data for this year.")),
    security(("bearer" = [])))]
async fn delete_period(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    Path(year): Path<i32>,
) -> AppResult<StatusCode> {
    if !user.is_admin() {
        return Err(AppError::Forbidden);
    }
    let year = checked_year(year)?;
    upload::delete(&state, &user, &client, year).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn justification_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(
        0,
        MAX_JUSTIFICATION,
        r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$",
    )
}

/// A flagged category's justification as written.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JustificationBody {
    /// The objective, gender-neutral reasons for the gap (Art. 10(1)(c));
    /// empty removes the justification.
    #[schema(schema_with = justification_schema)]
    pub text: String,
}

/// A category's justification as stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct JustificationDoc {
    pub year: i32,
    pub profile: String,
    pub level: String,
    /// `null` once removed.
    pub justification: Option<String>,
}

/// Writes (or, with an empty text, removes) the justification of a
/// flagged category of a year: profile slug and decided level code, as
/// the report's `categories` name them. Audited with its text.
#[utoipa::path(put, path = "/pay/periods/{year}/categories/{profile}/{level}/justification",
    tag = "pay",
    params(("year" = i32, Path, minimum = 1900, maximum = 2999, description = "Reporting year"),
           ("profile" = String, Path, description = "The category's profile slug"),
           ("level" = String, Path, description = "The category's decided level code")),
    request_body = JustificationBody,
    responses((status = 200, body = JustificationDoc),
              (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "No data for this year, or no such category in it."),
              (status = 409, body = ErrorBody, description = "`not_flagged`: the category's gap is under 5 %; only removing is allowed."),
              (status = 422, body = ErrorBody, description = "The text is too long or holds a control character (at `$.text`).")),
    security(("bearer" = [])))]
async fn put_justification(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    Path((year, profile, level)): Path<(i32, String, String)>,
    body: RawJson,
) -> AppResult<Json<JustificationDoc>> {
    if !user.is_hr() {
        return Err(AppError::Forbidden);
    }
    let year = checked_year(year)?;
    let body: JustificationBody = body.read_rooted()?;
    let loaded = report::load(&state.db, year, state.config.pay_min_group).await?;
    let category = Category { profile, level };
    let text = body.text.trim();
    match justification::check(&loaded, &category, text) {
        Ok(()) => {}
        Err(Refusal::NoCategory) => return Err(AppError::NotFound),
        Err(Refusal::NotFlagged) => {
            return Err(AppError::Refused {
                status: StatusCode::CONFLICT,
                code: "not_flagged",
                message: Msg::new(Refusal::NotFlagged.message_key()),
            });
        }
        Err(refusal) => {
            return Err(AppError::Validation {
                message: Msg::new("error-validation"),
                fields: vec![(
                    "$.text".into(),
                    Msg::new(refusal.message_key()).arg("max", MAX_JUSTIFICATION),
                )],
            });
        }
    }
    justification::save(&state, &user, &client, (year, &category), text, "api").await?;
    Ok(Json(JustificationDoc {
        year,
        profile: category.profile,
        level: category.level,
        justification: (!text.is_empty()).then(|| text.to_string()),
    }))
}
