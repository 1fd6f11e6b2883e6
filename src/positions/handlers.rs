//! The manager's pages: my positions, a new position, the position form,
//! and the read-only view with its thread and decision.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::actions;
use super::db::{self, Line};
use super::input::{Field, Problems, from_form};
use super::reading::ReadingView;
use super::view::PositionView;
use super::workflow::Action;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::model::CatalogueEntry;
use crate::web::client::Client;
use crate::web::forms::Errors;
use crate::web::{AsIndex, Layout, flash, render};

#[derive(Template)]
#[template(path = "positions/list.html")]
struct ListPage {
    l: Layout,
    lines: Vec<Line>,
    page: i64,
    /// Another page follows.
    more: bool,
}

/// Positions per page of a manager's list.
const LIST_PAGE: i64 = 50;

#[derive(Deserialize)]
pub struct ListQuery {
    page: Option<String>,
}

/// `GET /positions`: the manager's own positions, a page at a time.
pub async fn list(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let page = super::queue::page_number(query.page.as_deref())?;
    let (lines, more) = db::owned_by(&state.db, user.id, (page - 1) * LIST_PAGE, LIST_PAGE).await?;
    render(&ListPage {
        l,
        lines,
        page,
        more,
    })
}

#[derive(Template)]
#[template(path = "positions/new.html")]
struct NewPage {
    l: Layout,
    profiles: Vec<CatalogueEntry>,
}

/// `GET /positions/new`: choose the profile.
pub async fn new_form(State(state): State<AppState>, l: Layout) -> AppResult<Response> {
    let profiles = crate::profiles::cached::catalogue(&state)
        .await?
        .as_ref()
        .clone();
    render(&NewPage { l, profiles })
}

#[derive(Deserialize)]
pub struct NewForm {
    #[serde(default)]
    profile: String,
}

/// `POST /positions/new`: a draft pinned to the profile's current version.
pub async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    Form(form): Form<NewForm>,
) -> AppResult<Response> {
    let id = actions::create(&state, &user, &client, form.profile.trim()).await?;
    Ok(Redirect::to(&format!("/positions/{id}")).into_response())
}

/// The position form.
#[derive(Template)]
#[template(path = "positions/edit.html")]
pub struct EditPage {
    pub l: Layout,
    pub v: PositionView,
    pub revision: i32,
    pub errors: Errors,
    /// Extra empty task lines to show.
    pub blank_tasks: usize,
    /// What the portal reads in the saved position (not on a form shown
    /// again with problems).
    pub reading: Option<ReadingView>,
}

impl EditPage {
    fn chosen(&self, criterion: impl AsIndex, level: impl AsIndex) -> bool {
        self.v
            .input
            .placements
            .get(criterion.index())
            .and_then(|p| p.level)
            == Some(level.index())
    }
    fn evidence(&self, criterion: impl AsIndex) -> &str {
        self.v
            .input
            .placements
            .get(criterion.index())
            .map_or("", |p| p.evidence.as_str())
    }
    fn share_text(&self, area: impl AsIndex) -> String {
        self.v
            .input
            .shares
            .get(area.index())
            .copied()
            .flatten()
            .map(|s| s.to_string())
            .unwrap_or_default()
    }
    fn cell(&self, criterion: impl AsIndex, level: impl AsIndex) -> &str {
        self.v.content.criteria[criterion.index()]
            .cells
            .get(level.index())
            .and_then(|c| c.as_deref())
            .unwrap_or("")
    }
    fn blank_lines(&self) -> Vec<usize> {
        (0..self.blank_tasks)
            .map(|i| self.v.input.tasks.len() + i + 1)
            .collect()
    }
    fn field_id(&self, prefix: &str, i: impl AsIndex) -> String {
        format!("{prefix}-{}", i.index())
    }
}

/// The read-only view of a position.
#[derive(Template)]
#[template(path = "positions/show.html")]
struct ShowPage {
    l: Layout,
    v: PositionView,
    errors: Errors,
    comment: String,
    reading: Option<ReadingView>,
}

#[derive(Deserialize)]
pub struct ShowQuery {
    /// Also name the other profiles that fit the tasks (when the position
    /// fits its own poorly): a pass over the catalogue, on request.
    profiles: Option<String>,
}

/// `GET /positions/{id}`: the form while the owner may edit, else the view.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    Path(id): Path<i64>,
    Query(query): Query<ShowQuery>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    // The owner checks before submitting; HR sees precedents on the
    // review page, not here.
    let mut reading = super::reading::read(&state, &v, l.lang, false, false).await?;
    let page = format!("/positions/{id}");
    super::reading::offer_others(&mut reading, &state, &v, query.profiles.is_some(), &page).await?;
    let reading = Some(reading);
    if v.can(Action::Edit) {
        let revision = v.head().revision;
        let blank_tasks = if v.input.tasks.is_empty() { 3 } else { 1 };
        return render(&EditPage {
            l,
            v,
            revision,
            errors: Errors::none(),
            blank_tasks,
            reading,
        });
    }
    render(&ShowPage {
        l,
        v,
        errors: Errors::none(),
        comment: String::new(),
        reading,
    })
}

/// The reading section alone (`reading_preview`).
#[derive(Template)]
#[template(path = "positions/reading_live.html")]
struct ReadingFragment {
    l: Layout,
    reading: ReadingView,
}

/// `POST /positions/{id}/reading`: what the portal reads in the form as
/// it stands, saved or not: the reading section alone, which the form's
/// script swaps in as the manager types (progressive enhancement; without
/// scripts the reading follows each save). A pure read: stores nothing.
pub async fn reading_preview(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut v = actions::load(&state, &user, id).await?;
    if !v.can(Action::Edit) {
        return Err(AppError::Forbidden);
    }
    // Problems of the form are for saving; the reading takes what it can.
    let (mut input, _) = from_form(&fields, &v.content).map_err(AppError::BadRequest)?;
    input.tasks.retain(|t| !t.trim().is_empty());
    v.input = input;
    let reading = super::reading::read(&state, &v, l.lang, false, false).await?;
    let mut response = render(&ReadingFragment { l, reading })?;
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// The id of a field on the pages' forms (the position form, the review
/// page and the thread), as the templates name it.
pub fn form_id(field: Field) -> String {
    match field {
        Field::Title => "title".into(),
        Field::Unit => "unit".into(),
        Field::Purpose => "purpose".into(),
        Field::Tasks => "tasks".into(),
        Field::Task(i) => format!("task-{i}"),
        Field::Shares => "shares".into(),
        Field::Share(i) => format!("share-{i}"),
        Field::Level(i) => format!("level-{i}"),
        Field::Evidence(i) => format!("evidence-{i}"),
        Field::HrLevel(i) => format!("hr-level-{i}"),
        Field::HrNote(i) => format!("hr-note-{i}"),
        Field::Comment => "comment".into(),
        Field::Question => "question".into(),
        Field::DecisionLevel => "decide-level".into(),
        Field::Rationale => "rationale".into(),
    }
}

/// Turns problems into page errors (field ids of the form).
pub fn page_errors(problems: &Problems, l: &Layout) -> Errors {
    let mut errors = crate::web::forms::FieldErrors::default();
    for (field, msg) in problems {
        errors.add(form_id(*field), msg.clone());
    }
    errors.render(l.lang)
}

/// `POST /positions/{id}`: save, submit, or add/remove a task line.
pub async fn save(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let mut v = actions::load(&state, &user, id).await?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let revision: i32 = field("revision")
        .parse()
        .map_err(|_| AppError::BadRequest(Msg::new("form-revision")))?;
    let action = field("action").to_string();
    let (mut input, read_problems) =
        from_form(&fields, &v.content).map_err(AppError::BadRequest)?;
    let mut blank_tasks = 0;
    if action == "add-task" {
        blank_tasks = 1;
    } else if let Some(i) = action
        .strip_prefix("remove-task-")
        .and_then(|i| i.parse::<usize>().ok())
    {
        // Empty lines are dropped when saving; count only real ones.
        let mut real: Vec<String> = input
            .tasks
            .iter()
            .filter(|t| !t.trim().is_empty())
            .cloned()
            .collect();
        if i < real.len() {
            real.remove(i);
        }
        input.tasks = real;
    }
    let submit = action == "submit";
    let show_again =
        |v: PositionView, l: Layout, problems: &Problems, revision: i32, blank: usize| {
            let errors = page_errors(problems, &l);
            let page = EditPage {
                l,
                v,
                revision,
                errors,
                blank_tasks: blank,
                reading: None,
            };
            render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
        };
    if !read_problems.is_empty() {
        v.input = input;
        return show_again(v, l, &read_problems, revision, blank_tasks);
    }
    match actions::save(&state, &user, &client, &v, revision, input.clone(), submit).await? {
        Err(problems) => {
            v.input = input;
            v.proposal = super::view::proposal_of(&v.input, &v.content);
            show_again(v, l, &problems, revision, blank_tasks)
        }
        Ok(new_revision) if blank_tasks > 0 => {
            // Stay on the form with one more empty task line.
            let v = actions::load(&state, &user, id).await?;
            render(&EditPage {
                l,
                v,
                revision: new_revision,
                errors: Errors::none(),
                blank_tasks: 1,
                reading: None,
            })
        }
        Ok(_) => {
            let key = if submit {
                "position-submitted"
            } else {
                "position-saved"
            };
            flash::push(&session, Msg::new(key)).await;
            let anchor = if action.starts_with("remove-task-") {
                "#tasks"
            } else {
                ""
            };
            Ok(Redirect::to(&format!("/positions/{id}{anchor}")).into_response())
        }
    }
}

/// `POST /positions/{id}/withdraw`.
pub async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    actions::withdraw(&state, &user, &client, &v).await?;
    flash::push(&session, Msg::new("position-withdrawn")).await;
    Ok(Redirect::to(&format!("/positions/{id}")).into_response())
}

#[derive(Deserialize)]
pub struct CommentForm {
    #[serde(default)]
    body: String,
}

/// `POST /positions/{id}/comments`: a comment or the manager's answer.
pub async fn comment(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    let back = if v.actor.is_owner {
        format!("/positions/{id}")
    } else {
        format!("/review/{id}")
    };
    match actions::comment(&state, &user, &client, &v, &form.body).await? {
        Ok(_) => {
            flash::push(&session, Msg::new("comment-added")).await;
            Ok(Redirect::to(&format!("{back}#thread")).into_response())
        }
        Err(problems) => {
            let errors = page_errors(&problems, &l);
            if v.can(Action::Edit) {
                let revision = v.head().revision;
                let page = EditPage {
                    l,
                    v,
                    revision,
                    errors,
                    blank_tasks: 0,
                    reading: None,
                };
                return render(&page)
                    .map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
            }
            let page = ShowPage {
                l,
                v,
                errors,
                comment: form.body,
                reading: None,
            };
            render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
        }
    }
}
