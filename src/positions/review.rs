//! HR's pages: the queue, a position under review (claim, own placements,
//! return with a question, decide).

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::actions::{self, DecisionInput};
use super::handlers::{form_id, page_errors};
use super::input::{Field, Problems};
use super::queue::{self, Listing, PAGE_SIZE, QueueQuery};
use super::reading::ReadingView;
use super::view::{HrPlacement, PositionView};
use super::workflow::Status;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::languages::{self, InLanguage};
use crate::profiles::model::CatalogueEntry;
use crate::web::client::Client;
use crate::web::forms::Errors;
use crate::web::{AsIndex, Layout, flash, render};

#[derive(Template)]
#[template(path = "review/queue.html")]
struct QueuePage {
    l: Layout,
    listing: std::sync::Arc<Listing>,
    page: i64,
    query: QueueQuery,
    /// The catalogue as cached (shared, not copied).
    profiles: std::sync::Arc<Vec<CatalogueEntry>>,
}

impl QueuePage {
    fn status_chosen(&self, status: &Status) -> bool {
        self.query
            .status
            .iter()
            .flat_map(|s| s.split(','))
            .any(|s| s.trim() == status.as_str())
    }
}

/// `GET /review`: submitted, in-review and returned positions, oldest first.
pub async fn queue(
    State(state): State<AppState>,
    l: Layout,
    axum_extra::extract::Query(query): axum_extra::extract::Query<QueueQuery>,
) -> AppResult<Response> {
    let filter = query.filter(&Status::OPEN)?;
    let page = query.page()?;
    let listing = queue::queue(&state, &filter, (page - 1) * PAGE_SIZE, PAGE_SIZE).await?;
    let profiles = crate::profiles::cached::catalogue(&state).await?;
    render(&QueuePage {
        l,
        listing,
        page,
        query,
        profiles,
    })
}

/// The review page.
#[derive(Template)]
#[template(path = "review/position.html")]
struct ReviewPage {
    l: Layout,
    v: PositionView,
    /// Show the manager's placements next to HR's.
    show_manager: bool,
    errors: Errors,
    question: String,
    rationale: String,
    decided_level: String,
    comment: String,
    /// What the portal reads in the position, with precedents (not on a
    /// form shown again with problems).
    reading: Option<ReadingView>,
    /// The profile's texts in the officer's content language.
    r: Arc<InLanguage>,
}

impl ReviewPage {
    fn hr_chosen(&self, criterion: impl AsIndex, level: impl AsIndex) -> bool {
        self.v.hr.get(criterion.index()).and_then(|p| p.level) == Some(level.index())
    }
    fn hr_note(&self, criterion: impl AsIndex) -> &str {
        self.v
            .hr
            .get(criterion.index())
            .map_or("", |p| p.note.as_str())
    }
    fn cell(&self, criterion: impl AsIndex, level: impl AsIndex) -> &str {
        self.v.content.criteria[criterion.index()]
            .cells
            .get(level.index())
            .and_then(|c| c.as_deref())
            .unwrap_or("")
    }
    fn field_id(&self, prefix: &str, i: impl AsIndex) -> String {
        format!("{prefix}-{}", i.index())
    }
}

#[derive(Deserialize)]
pub struct ReviewQuery {
    show: Option<String>,
    /// Also find the closest decided positions (a query over the
    /// profile's decisions: on request, not at every view).
    precedents: Option<String>,
    /// Also name the other profiles that fit the tasks better.
    profiles: Option<String>,
}

/// `GET /review/{id}`.
pub async fn position(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(query): Query<ReviewQuery>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    let show = query.show.as_deref();
    let blind = !shows_manager(&v, show);
    let precedents = query.precedents.is_some();
    let mut reading = super::reading::read(&state, &v, l.lang, precedents, blind).await?;
    let page = review_path(id, &query);
    if !precedents {
        let join = if page.contains('?') { '&' } else { '?' };
        reading.precedents_link = Some(format!("{page}{join}precedents=1#reading-precedents-h"));
    }
    if v.status() != Status::Draft {
        reading.confirming(&state, &v).await?;
    }
    super::reading::offer_others(&mut reading, &state, &v, query.profiles.is_some(), &page).await?;
    let r = in_language(&state, &l, &v).await?;
    let mut page = review_page(l, v, r, show, Errors::none());
    page.reading = Some(reading);
    render(&page)
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    /// 1-based position of the result area in the profile.
    result_area: String,
}

/// `POST /review/{id}/tasks/{n}/confirm`: HR confirms or corrects the
/// result area of task `n`; later matching learns from it.
pub async fn confirm_task(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path((id, n)): Path<(i64, usize)>,
    Form(form): Form<ConfirmForm>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    let area = form
        .result_area
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|a| a.checked_sub(1))
        .filter(|a| *a < v.content.result_areas.len())
        .ok_or_else(|| AppError::BadRequest(Msg::new("confirmation-area-unknown")))?;
    actions::confirmation::confirm(&state, &user, &client, &v, n, area).await?;
    flash::push(&session, Msg::new("review-task-confirmed").arg("n", n)).await;
    Ok(Redirect::to(&format!("/review/{id}#task-{n}")).into_response())
}

/// `POST /review/{id}/tasks/{n}/undo`: takes a task's confirmation back.
pub async fn undo_task(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path((id, n)): Path<(i64, usize)>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    actions::confirmation::undo(&state, &user, &client, &v, n).await?;
    flash::push(&session, Msg::new("review-task-undone").arg("n", n)).await;
    Ok(Redirect::to(&format!("/review/{id}#task-{n}")).into_response())
}

/// The review page's path with the query that shapes it (which
/// placements show, precedents).
fn review_path(id: i64, query: &ReviewQuery) -> String {
    let mut kept = form_urlencoded::Serializer::new(String::new());
    for (key, value) in [("show", &query.show), ("precedents", &query.precedents)] {
        if let Some(value) = value {
            kept.append_pair(key, value);
        }
    }
    let kept = kept.finish();
    if kept.is_empty() {
        format!("/review/{id}")
    } else {
        format!("/review/{id}?{kept}")
    }
}

/// The manager's choice stays hidden until HR has placed every
/// criterion, unless HR asks to see it.
fn shows_manager(v: &PositionView, show: Option<&str>) -> bool {
    match show {
        Some("manager") => true,
        Some("hidden") => false,
        _ => v.hr_complete() || v.status() == Status::Decided,
    }
}

/// The profile version of `v` in the content language `l` asks for.
pub async fn in_language(
    state: &AppState,
    l: &Layout,
    v: &PositionView,
) -> AppResult<Arc<InLanguage>> {
    let wanted = l.content_language()?;
    Ok(languages::read_frozen(state, v.head().profile_version_id, wanted).await?)
}

fn review_page(
    l: Layout,
    mut v: PositionView,
    r: Arc<InLanguage>,
    show: Option<&str>,
    errors: Errors,
) -> ReviewPage {
    // Everything read from the profile's texts is read by now: from here
    // on they are only shown.
    v.content = r.content.clone();
    let show_manager = shows_manager(&v, show);
    // The proposal is the manager's placements summed up: it stays
    // hidden with them, and does not preselect the decision.
    let decided_level = if show_manager {
        v.proposal.code.clone().unwrap_or_default()
    } else {
        String::new()
    };
    ReviewPage {
        l,
        v,
        show_manager,
        errors,
        question: String::new(),
        rationale: String::new(),
        decided_level,
        comment: String::new(),
        reading: None,
        r,
    }
}

fn again(page: ReviewPage) -> AppResult<Response> {
    render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
}

/// `POST /review/{id}/claim`.
pub async fn claim(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    actions::claim(&state, &user, &client, &v).await?;
    flash::push(&session, Msg::new("review-claimed")).await;
    Ok(Redirect::to(&format!("/review/{id}")).into_response())
}

/// `POST /review/{id}/placements`: HR's own placement of each criterion.
pub async fn place(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut v = actions::load(&state, &user, id).await?;
    let value = |name: String| {
        fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut placements = Vec::new();
    let mut problems = Problems::new();
    for i in 0..v.content.criteria.len() {
        let code = value(form_id(Field::HrLevel(i)));
        let level = if code.is_empty() {
            None
        } else {
            v.content.level_index(&code)
        };
        if !code.is_empty() && level.is_none() {
            problems.push((Field::HrLevel(i), Msg::new("level-unknown")));
        }
        placements.push(HrPlacement {
            level,
            note: value(form_id(Field::HrNote(i))),
        });
    }
    if problems.is_empty() {
        match actions::place(&state, &user, &client, &v, &placements).await? {
            Ok(()) => {
                flash::push(&session, Msg::new("review-placed")).await;
                return Ok(Redirect::to(&format!("/review/{id}#agreement")).into_response());
            }
            Err(found) => problems = found,
        }
    }
    let errors = page_errors(&problems, &l);
    v.hr = placements;
    let r = in_language(&state, &l, &v).await?;
    again(review_page(l, v, r, None, errors))
}

#[derive(Deserialize)]
pub struct ReturnForm {
    #[serde(default)]
    question: String,
}

/// `POST /review/{id}/return`: back to the manager with a question.
pub async fn send_back(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<ReturnForm>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    match actions::send_back(&state, &user, &client, &v, &form.question).await? {
        Ok(()) => {
            flash::push(&session, Msg::new("review-returned")).await;
            Ok(Redirect::to("/review").into_response())
        }
        Err(problems) => {
            let errors = page_errors(&problems, &l);
            let r = in_language(&state, &l, &v).await?;
            let mut page = review_page(l, v, r, None, errors);
            page.question = form.question;
            again(page)
        }
    }
}

#[derive(Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    level: String,
    #[serde(default)]
    rationale: String,
}

/// `POST /review/{id}/decide`.
pub async fn decide(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<DecideForm>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    // HR's placements are saved with their own form.
    let decision = DecisionInput {
        level: form.level.clone(),
        rationale: form.rationale.clone(),
        placements: None,
    };
    // The decision is made in the language the officer reads the profile in.
    let r = in_language(&state, &l, &v).await?;
    let language = r.content.language.clone();
    match actions::decide(&state, &user, &client, &v, &decision, Some(&language)).await? {
        Ok(()) => {
            flash::push(&session, Msg::new("review-decided")).await;
            Ok(Redirect::to(&format!("/positions/{id}/record")).into_response())
        }
        Err(problems) => {
            let errors = page_errors(&problems, &l);
            let mut page = review_page(l, v, r, None, errors);
            page.rationale = form.rationale;
            page.decided_level = form.level;
            again(page)
        }
    }
}
