//! The pay-transparency pages (HR officers and admins): the reporting
//! years with the staff upload, a year's report with its charts and the
//! justifications of flagged categories, its exports, and the view of one
//! category for a worker's Art. 7 request. Every view and export is
//! audited (`pay::audit`), never with a figure.

use askama::Template;
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::db::{self, Period};
use super::justification::{self, MAX_JUSTIFICATION, Refusal};
use super::model::{Category, CategoryGap};
use super::report::{self, YearReport};
use super::{audit, export, staff, upload};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, flash, render};

/// A figure as a page shows it: one decimal and `%`, or "—".
pub fn pct(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.1} %"))
}

/// An amount per hour, or "—".
pub fn money(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("€ {v:.2}"))
}

/// The reporting years and the upload form.
#[derive(Template)]
#[template(path = "pay/index.html")]
struct IndexPage {
    l: Layout,
    periods: Vec<Period>,
    year: String,
    /// The refused file's problems, as messages.
    problems: Vec<String>,
    errors: Errors,
}

impl IndexPage {
    fn refused(self) -> AppResult<Response> {
        render(&self).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
    }
}

/// `GET /pay`.
pub async fn index(State(state): State<AppState>, l: Layout) -> AppResult<Response> {
    let periods = db::periods(&state.db).await?;
    render(&IndexPage {
        l,
        periods,
        year: String::new(),
        problems: Vec::new(),
        errors: Errors::none(),
    })
}

/// `POST /pay` (multipart: `year`, `file`): stores the year's staff file,
/// or shows the form again with every problem of the file.
pub async fn upload(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let unreadable = |_| AppError::BadRequest(Msg::new("pay-upload-unreadable"));
    let (mut year_text, mut file) = (String::new(), Bytes::new());
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name() {
            Some("year") => year_text = field.text().await.map_err(unreadable)?,
            Some("file") => file = field.bytes().await.map_err(unreadable)?,
            _ => {}
        }
    }
    let year_text = year_text.trim().to_string();
    let mut errors = FieldErrors::default();
    let year = match year_text.parse::<i32>() {
        Ok(year) if (1900..=2999).contains(&year) => Some(year),
        _ => {
            errors.add("year", Msg::new("pay-year-invalid"));
            None
        }
    };
    if file.is_empty() {
        errors.add("file", Msg::new("pay-upload-empty"));
    }
    let page = |l: Layout, periods, problems, errors: &FieldErrors| IndexPage {
        errors: errors.render(l.lang),
        l,
        periods,
        year: year_text.clone(),
        problems,
    };
    let Some(year) = year.filter(|_| errors.is_empty()) else {
        let periods = db::periods(&state.db).await?;
        return page(l, periods, Vec::new(), &errors).refused();
    };
    match upload::store(
        &state,
        &user,
        &client,
        year,
        (file.clone(), staff::Format::sniff(&file)),
        "page",
    )
    .await?
    {
        Ok(rows) => {
            flash::push(&session, Msg::new("pay-upload-done").arg("rows", rows)).await;
            Ok(Redirect::to(&format!("/pay/{year}")).into_response())
        }
        Err(problems) => {
            let messages = problems
                .iter()
                .map(|p| upload::problem_message(p, l.lang))
                .collect();
            let periods = db::periods(&state.db).await?;
            errors.add("file", Msg::new("pay-file-invalid"));
            page(l, periods, messages, &errors).refused()
        }
    }
}

/// One band of the quartile chart: where each part of its bar lies.
pub struct BandView {
    pub quartile: u8,
    pub workers: usize,
    pub female: String,
    pub male: String,
    pub other: String,
    pub shown: bool,
    /// x and width of the women's, men's and others' parts (of 300).
    pub parts: [(f64, f64); 3],
}

/// One category row of the report page.
pub struct CategoryView {
    pub gap: CategoryGap,
    pub base: String,
    pub variable: String,
    pub justification: String,
    pub link: String,
    /// The gap bar: x and width around the middle (200), and which side.
    pub bar: Option<(f64, f64, bool)>,
}

impl CategoryView {
    fn new(y: &YearReport, gap: &CategoryGap) -> Self {
        let c = &gap.category;
        // 4 px per percent, at most 45 % either way.
        let bar = gap.base_gap_pct.map(|g| {
            let width = g.abs().min(45.0) * 4.0;
            if g >= 0.0 {
                (200.0, width, false)
            } else {
                (200.0 - width, width, true)
            }
        });
        CategoryView {
            base: pct(gap.base_gap_pct),
            variable: pct(gap.variable_gap_pct),
            justification: y.justification(c).unwrap_or_default().to_string(),
            link: format!(
                "/pay/{}/categories/{}/{}",
                y.year,
                urlencode(&c.profile),
                urlencode(&c.level)
            ),
            bar,
            gap: gap.clone(),
        }
    }
}

fn urlencode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// A year's report.
#[derive(Template)]
#[template(path = "pay/report.html")]
struct ReportPage {
    l: Layout,
    y: YearReport,
    mean_gap: String,
    median_gap: String,
    variable_mean_gap: String,
    variable_median_gap: String,
    female_receiving: String,
    male_receiving: String,
    bands: Vec<BandView>,
    categories: Vec<CategoryView>,
    /// (profile, version, unassessed factors' message keys).
    warnings: Vec<(String, i32, Vec<String>)>,
    errors: Errors,
}

impl ReportPage {
    fn new(l: Layout, y: YearReport, errors: Errors) -> Self {
        let r = &y.report;
        let bands = r
            .quartiles
            .iter()
            .map(|q| {
                let shown = q.female_pct.is_some();
                let (f, m, o) = (
                    q.female_pct.unwrap_or(0.0) * 3.0,
                    q.male_pct.unwrap_or(0.0) * 3.0,
                    q.other_pct.unwrap_or(0.0) * 3.0,
                );
                BandView {
                    quartile: q.quartile,
                    workers: q.workers,
                    female: pct(q.female_pct),
                    male: pct(q.male_pct),
                    other: pct(q.other_pct),
                    shown,
                    parts: [(100.0, f), (100.0 + f, m), (100.0 + f + m, o)],
                }
            })
            .collect();
        let categories = r
            .categories
            .iter()
            .map(|c| CategoryView::new(&y, c))
            .collect();
        let warnings = y
            .factors
            .iter()
            .filter(|(_, f)| !f.unassessed.is_empty())
            .map(|(slug, f)| {
                (
                    slug.clone(),
                    f.version,
                    f.unassessed.iter().map(|name| factor_key(name)).collect(),
                )
            })
            .collect();
        ReportPage {
            mean_gap: pct(r.mean_gap_pct),
            median_gap: pct(r.median_gap_pct),
            variable_mean_gap: pct(r.variable.mean_gap_pct),
            variable_median_gap: pct(r.variable.median_gap_pct),
            female_receiving: pct(r.variable.female_receiving_pct),
            male_receiving: pct(r.variable.male_receiving_pct),
            bands,
            categories,
            warnings,
            errors,
            l,
            y,
        }
    }

    /// Whether any figure of the page is withheld.
    fn any_withheld(&self) -> bool {
        let r = &self.y.report;
        r.mean_gap_pct.is_none()
            || r.variable.mean_gap_pct.is_none()
            || r.categories.iter().any(|c| c.suppressed)
    }

    fn chart_height(&self) -> usize {
        self.categories.len() * 28 + 8
    }
}

/// `GET /pay/{year}`: the report, audited.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    client: Client,
    Path(year): Path<i32>,
) -> AppResult<Response> {
    let y = report::load(&state.db, year, state.config.pay_min_group).await?;
    audit::read(&state, &user, &client, "pay.report_viewed", year, "page").await?;
    render(&ReportPage::new(l, y, Errors::none()))
}

#[derive(serde::Deserialize)]
pub struct JustificationForm {
    #[serde(default)]
    profile: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    text: String,
}

/// `POST /pay/{year}/justifications`: writes (or, empty, removes) the
/// justification of a flagged category, audited with its text.
pub async fn justify(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(year): Path<i32>,
    Form(form): Form<JustificationForm>,
) -> AppResult<Response> {
    let y = report::load(&state.db, year, state.config.pay_min_group).await?;
    let category = Category {
        profile: form.profile.trim().to_string(),
        level: form.level.trim().to_string(),
    };
    let text = form.text.trim();
    match justification::check(&y, &category, text) {
        Ok(()) => {}
        Err(Refusal::NoCategory) => return Err(AppError::NotFound),
        Err(Refusal::NotFlagged) => {
            return Err(AppError::Conflict(Msg::new(
                "pay-justification-not-flagged",
            )));
        }
        Err(refusal) => {
            let mut errors = FieldErrors::default();
            errors.add(
                "justification",
                Msg::new(refusal.message_key()).arg("max", MAX_JUSTIFICATION),
            );
            let errors = errors.render(l.lang);
            let page = ReportPage::new(l, y, errors);
            return render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
        }
    }
    justification::save(&state, &user, &client, (year, &category), text, "page").await?;
    flash::push(&session, Msg::new("pay-justification-saved")).await;
    Ok(Redirect::to(&format!("/pay/{year}#categories")).into_response())
}

/// A download with its type and file name.
fn download(bytes: Vec<u8>, content_type: &'static str, name: String) -> Response {
    (
        [
            (CONTENT_TYPE, content_type.to_string()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /pay/{year}/report.csv`, audited.
pub async fn export_csv(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    Path(year): Path<i32>,
) -> AppResult<Response> {
    let y = report::load(&state.db, year, state.config.pay_min_group).await?;
    let bytes = export::csv(&export::rows(&y))?;
    audit::read(&state, &user, &client, "pay.report_exported", year, "csv").await?;
    Ok(download(
        bytes,
        "text/csv; charset=utf-8",
        format!("pay-report-{year}.csv"),
    ))
}

/// `GET /pay/{year}/report.xlsx`, audited.
pub async fn export_xlsx(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    Path(year): Path<i32>,
) -> AppResult<Response> {
    let y = report::load(&state.db, year, state.config.pay_min_group).await?;
    let bytes = export::xlsx(year, &export::rows(&y))?;
    audit::read(&state, &user, &client, "pay.report_exported", year, "xlsx").await?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        format!("pay-report-{year}.xlsx"),
    ))
}

/// The figures of one category, for a worker's Art. 7 request.
#[derive(Template)]
#[template(path = "pay/category.html")]
struct CategoryPage {
    l: Layout,
    year: i32,
    min_group: usize,
    c: CategoryView,
}

impl CategoryPage {
    fn money(&self, value: &Option<f64>) -> String {
        money(*value)
    }
}

/// `GET /pay/{year}/categories/{profile}/{level}`, audited.
pub async fn category(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    client: Client,
    Path((year, profile, level)): Path<(i32, String, String)>,
) -> AppResult<Response> {
    let y = report::load(&state.db, year, state.config.pay_min_group).await?;
    let wanted = Category { profile, level };
    let gap = y
        .report
        .categories
        .iter()
        .find(|c| c.category == wanted)
        .ok_or(AppError::NotFound)?;
    let c = CategoryView::new(&y, gap);
    audit::read(
        &state,
        &user,
        &client,
        "pay.category_viewed",
        year,
        "category",
    )
    .await?;
    render(&CategoryPage {
        l,
        year,
        min_group: y.report.min_group,
        c,
    })
}

/// `POST /pay/{year}/delete` (admins): the year and all stored with it.
pub async fn delete(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(year): Path<i32>,
) -> AppResult<Response> {
    upload::delete(&state, &user, &client, year).await?;
    flash::push(&session, Msg::new("pay-deleted").arg("year", year)).await;
    Ok(Redirect::to("/pay").into_response())
}

/// The message key naming an evaluation factor (`factor-working-conditions`).
pub fn factor_key(factor: &str) -> String {
    format!("factor-{}", factor.replace('_', "-"))
}

/// The columns a staff file has, for the upload form's hint.
pub fn columns() -> String {
    staff::COLUMNS.join(",")
}
