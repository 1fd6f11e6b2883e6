//! The appeal pages: the appellant's page (lodge, follow, answer), for the
//! manager under the position and for the employee under the share link;
//! HR's appeals queue and the appeal's review.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use time::OffsetDateTime;
use tower_sessions::Session;

use super::actions::{self, Person};
use super::db;
use super::input::{
    DecisionField, DecisionInput, GroundsEntry, LodgeField, LodgeInput, PlacementEntry,
};
use super::workflow::AppealAction;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::positions::reading::ReadingView;
use crate::positions::record::{private, shared_view};
use crate::positions::view::PositionView;
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{AsIndex, Layout, flash, render};

/// A page shown again with its input's problems.
fn unprocessable(page: &impl Template) -> AppResult<Response> {
    render(page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
}

/// The one problem of a single-field form, at `field`.
fn one_error(field: &str, msg: Msg, l: &Layout) -> Errors {
    let mut errors = FieldErrors::default();
    errors.add(field.to_string(), msg);
    errors.render(l.lang)
}

/// The appellant's page.
#[derive(Template)]
#[template(path = "appeals/appellant.html")]
struct AppellantPage {
    l: Layout,
    v: PositionView,
    /// Where the forms post: `/positions/{id}/appeal` or `/shared/{token}/appeal`.
    action: String,
    /// Through a share link (asks for a name and an address).
    shared: bool,
    deadline: Option<OffsetDateTime>,
    can_lodge: bool,
    can_answer: bool,
    window_closed: bool,
    errors: Errors,
    /// The grounds typed, per criterion.
    grounds: Vec<String>,
    fit: String,
    name: String,
    email: String,
    answer: String,
}

impl AppellantPage {
    fn grounds_of(&self, i: impl AsIndex) -> &str {
        self.grounds.get(i.index()).map_or("", |g| g.as_str())
    }
    fn field_id(&self, prefix: &str, i: impl AsIndex) -> String {
        format!("{prefix}-{}", i.index())
    }
    /// The appeal's grounds against criterion `i`.
    fn appealed(&self, i: impl AsIndex) -> Option<&str> {
        let id = self.v.content.criteria.get(i.index())?.id;
        self.v.full.appeal.as_ref()?.grounds_of(id)
    }
}

fn appellant_page(
    state: &AppState,
    l: Layout,
    v: PositionView,
    person: Person<'_>,
    action: String,
) -> AppellantPage {
    let situation = actions::situation(state, &v);
    let criteria = v.content.criteria.len();
    AppellantPage {
        deadline: actions::deadline(state, &v),
        can_lodge: actions::can(state, &v, person, AppealAction::Lodge),
        can_answer: actions::can(state, &v, person, AppealAction::Answer),
        window_closed: situation.decided && situation.appeal.is_none() && !situation.window_open,
        shared: matches!(person, Person::Link(_)),
        l,
        v,
        action,
        errors: Errors::none(),
        grounds: vec![String::new(); criteria],
        fit: String::new(),
        name: String::new(),
        email: String::new(),
        answer: String::new(),
    }
}

/// `GET /positions/{id}/appeal`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let v = crate::positions::actions::load(&state, &user, id).await?;
    let page = appellant_page(
        &state,
        l,
        v,
        Person::User(&user),
        format!("/positions/{id}/appeal"),
    );
    render(&page)
}

/// `GET /shared/{token}/appeal`.
pub async fn show_shared(
    State(state): State<AppState>,
    l: Layout,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let (link, v) = shared_view(&state, &token).await?;
    let page = appellant_page(
        &state,
        l,
        v,
        Person::Link(link),
        format!("/shared/{token}/appeal"),
    );
    render(&page).map(private)
}

/// The appeal form's fields: `grounds-{i}` per criterion, `fit`, and
/// (share link) `name` and `email`.
fn lodge_input(
    v: &PositionView,
    fields: &[(String, String)],
    shared: bool,
) -> (LodgeInput, Vec<String>) {
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let typed: Vec<String> = (0..v.content.criteria.len())
        .map(|i| value(&format!("grounds-{i}")))
        .collect();
    let criteria = typed
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.trim().is_empty())
        .map(|(i, g)| GroundsEntry {
            criterion: Some(i),
            given: v.content.criteria[i].name.clone(),
            grounds: g.clone(),
        })
        .collect();
    let input = LodgeInput {
        criteria,
        fit: value("fit"),
        appellant: shared.then(|| (value("name"), value("email"))),
    };
    (input, typed)
}

/// The form ids of an appeal's problems.
fn lodge_errors(input: &LodgeInput, problems: Vec<(LodgeField, Msg)>, l: &Layout) -> Errors {
    let mut errors = FieldErrors::default();
    for (field, msg) in problems {
        let criterion = |k: usize| input.criteria.get(k).and_then(|c| c.criterion).unwrap_or(0);
        let id = match field {
            LodgeField::Nothing => "grounds-0".to_string(),
            LodgeField::Criterion(k) | LodgeField::Grounds(k) => {
                format!("grounds-{}", criterion(k))
            }
            LodgeField::Fit => "fit".into(),
            LodgeField::Name => "name".into(),
            LodgeField::Email => "email".into(),
        };
        errors.add(id, msg);
    }
    errors.render(l.lang)
}

#[allow(clippy::too_many_arguments)]
async fn lodge_as(
    state: &AppState,
    l: Layout,
    session: &Session,
    client: &Client,
    v: PositionView,
    person: Person<'_>,
    action: String,
    done: String,
    fields: &[(String, String)],
) -> AppResult<Response> {
    let shared = matches!(person, Person::Link(_));
    let (input, typed) = lodge_input(&v, fields, shared);
    match actions::lodge(state, client, &v, person, l.lang.code(), &input).await? {
        Ok(_) => {
            flash::push(session, Msg::new("appeal-lodged")).await;
            Ok(Redirect::to(&done).into_response())
        }
        Err(problems) => {
            let errors = lodge_errors(&input, problems, &l);
            let mut page = appellant_page(state, l, v, person, action);
            page.errors = errors;
            page.grounds = typed;
            page.fit.clone_from(&input.fit);
            if let Some((name, email)) = input.appellant {
                page.name = name;
                page.email = email;
            }
            unprocessable(&page)
        }
    }
}

/// `POST /positions/{id}/appeal`: the manager lodges an appeal.
pub async fn lodge(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let v = crate::positions::actions::load(&state, &user, id).await?;
    let action = format!("/positions/{id}/appeal");
    lodge_as(
        &state,
        l,
        &session,
        &client,
        v,
        Person::User(&user),
        action.clone(),
        action,
        &fields,
    )
    .await
}

/// `POST /shared/{token}/appeal`: the employee lodges an appeal.
pub async fn lodge_shared(
    State(state): State<AppState>,
    l: Layout,
    session: Session,
    client: Client,
    Path(token): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (link, v) = shared_view(&state, &token).await?;
    let action = format!("/shared/{token}/appeal");
    let response = lodge_as(
        &state,
        l,
        &session,
        &client,
        v,
        Person::Link(link),
        action.clone(),
        action,
        &fields,
    )
    .await?;
    Ok(private(response))
}

#[derive(serde::Deserialize)]
pub struct TextForm {
    #[serde(default)]
    text: String,
}

#[allow(clippy::too_many_arguments)]
async fn answer_as(
    state: &AppState,
    l: Layout,
    session: &Session,
    client: &Client,
    v: PositionView,
    person: Person<'_>,
    action: String,
    text: &str,
) -> AppResult<Response> {
    match actions::answer(state, client, &v, person, text).await? {
        Ok(()) => {
            flash::push(session, Msg::new("appeal-answered")).await;
            Ok(Redirect::to(&action).into_response())
        }
        Err(msg) => {
            let errors = one_error("answer", msg, &l);
            let mut page = appellant_page(state, l, v, person, action);
            page.errors = errors;
            page.answer = text.to_string();
            unprocessable(&page)
        }
    }
}

/// `POST /positions/{id}/appeal/answer`: the manager answers the officer.
pub async fn answer(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<TextForm>,
) -> AppResult<Response> {
    let v = crate::positions::actions::load(&state, &user, id).await?;
    let action = format!("/positions/{id}/appeal");
    answer_as(
        &state,
        l,
        &session,
        &client,
        v,
        Person::User(&user),
        action,
        &form.text,
    )
    .await
}

/// `POST /shared/{token}/appeal/answer`: the employee answers the officer.
pub async fn answer_shared(
    State(state): State<AppState>,
    l: Layout,
    session: Session,
    client: Client,
    Path(token): Path<String>,
    Form(form): Form<TextForm>,
) -> AppResult<Response> {
    let (link, v) = shared_view(&state, &token).await?;
    let action = format!("/shared/{token}/appeal");
    let response = answer_as(
        &state,
        l,
        &session,
        &client,
        v,
        Person::Link(link),
        action,
        &form.text,
    )
    .await?;
    Ok(private(response))
}

/// HR's appeals queue.
#[derive(Template)]
#[template(path = "appeals/queue.html")]
struct QueuePage {
    l: Layout,
    lines: Vec<db::QueueLine>,
    /// The viewer (their own decisions are marked: not theirs to handle).
    user_id: i64,
}

/// Appeals shown in the queue at most.
const QUEUE_SIZE: i64 = 500;

/// `GET /review/appeals`: open and waiting appeals, oldest first.
pub async fn queue(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
) -> AppResult<Response> {
    let lines = db::queue(&state.db, QUEUE_SIZE).await?;
    render(&QueuePage {
        l,
        lines,
        user_id: user.id,
    })
}

/// The review of an appeal.
#[derive(Template)]
#[template(path = "appeals/review.html")]
struct ReviewPage {
    l: Layout,
    v: PositionView,
    can_claim: bool,
    can_assign: bool,
    can_ask: bool,
    can_decide: bool,
    /// The viewer took the decision: not theirs to handle.
    four_eyes: bool,
    officers: Vec<(i64, String)>,
    /// Indexes of the appealed criteria.
    appealed: Vec<usize>,
    reading: Option<ReadingView>,
    errors: Errors,
    outcome: String,
    level: String,
    rationale: String,
    question: String,
    /// Level code and note typed per criterion.
    placed: Vec<(String, String)>,
}

impl ReviewPage {
    fn grounds(&self, i: impl AsIndex) -> &str {
        let Some(c) = self.v.content.criteria.get(i.index()) else {
            return "";
        };
        self.v
            .full
            .appeal
            .as_ref()
            .and_then(|a| a.grounds_of(c.id))
            .unwrap_or("")
    }
    fn placed_level(&self, i: impl AsIndex) -> &str {
        self.placed.get(i.index()).map_or("", |p| p.0.as_str())
    }
    fn placed_note(&self, i: impl AsIndex) -> &str {
        self.placed.get(i.index()).map_or("", |p| p.1.as_str())
    }
    fn field_id(&self, prefix: &str, i: impl AsIndex) -> String {
        format!("{prefix}-{}", i.index())
    }
    fn is_appealed(&self, i: impl AsIndex) -> bool {
        self.appealed.contains(&i.index())
    }
}

async fn review_page(
    state: &AppState,
    l: Layout,
    user: &CurrentUser,
    v: PositionView,
) -> AppResult<ReviewPage> {
    let appeal = v.full.appeal.as_ref().ok_or(AppError::NotFound)?;
    let appealed = actions::appealed(&v, appeal);
    let four_eyes = appeal.original_decided_by == user.id;
    let person = Person::User(user);
    let reading = crate::positions::reading::read(state, &v, l.lang, true, false).await?;
    let officers = if user.is_admin() {
        let decider = appeal.original_decided_by;
        let owner = v.head().owner_id;
        db::officers(&state.db)
            .await?
            .into_iter()
            .filter(|(id, _)| *id != decider && *id != owner)
            .collect()
    } else {
        Vec::new()
    };
    let criteria = v.content.criteria.len();
    Ok(ReviewPage {
        can_claim: actions::can(state, &v, person, AppealAction::Claim)
            && appeal.reviewer_id != Some(user.id),
        can_assign: actions::can(state, &v, person, AppealAction::Assign),
        can_ask: actions::can(state, &v, person, AppealAction::Ask),
        can_decide: actions::can(state, &v, person, AppealAction::Decide),
        four_eyes,
        officers,
        appealed,
        reading: Some(reading),
        errors: Errors::none(),
        outcome: String::new(),
        level: String::new(),
        rationale: String::new(),
        question: String::new(),
        placed: vec![(String::new(), String::new()); criteria],
        l,
        v,
    })
}

/// Loads the position of an appeal for HR (404 without an appeal).
async fn load(state: &AppState, user: &CurrentUser, id: i64) -> AppResult<PositionView> {
    let v = crate::positions::actions::load(state, user, id).await?;
    if v.full.appeal.is_none() {
        return Err(AppError::NotFound);
    }
    Ok(v)
}

/// `GET /review/appeals/{id}` (the position's id).
pub async fn review(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let v = load(&state, &user, id).await?;
    render(&review_page(&state, l, &user, v).await?)
}

/// `POST /review/appeals/{id}/claim`.
pub async fn claim(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let v = load(&state, &user, id).await?;
    actions::claim(&state, &user, &client, &v).await?;
    flash::push(&session, Msg::new("appeal-claimed-done")).await;
    Ok(Redirect::to(&format!("/review/appeals/{id}")).into_response())
}

#[derive(serde::Deserialize)]
pub struct AssignForm {
    #[serde(default)]
    officer: String,
}

/// `POST /review/appeals/{id}/assign` (admins).
pub async fn assign(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<AssignForm>,
) -> AppResult<Response> {
    let v = load(&state, &user, id).await?;
    let officer = form.officer.trim().parse::<i64>().unwrap_or(0);
    match actions::assign(&state, &user, &client, &v, officer).await? {
        Ok(()) => {
            flash::push(&session, Msg::new("appeal-assigned")).await;
            Ok(Redirect::to(&format!("/review/appeals/{id}")).into_response())
        }
        Err(msg) => {
            let errors = one_error("officer", msg, &l);
            let mut page = review_page(&state, l, &user, v).await?;
            page.errors = errors;
            unprocessable(&page)
        }
    }
}

/// `POST /review/appeals/{id}/ask`: a question to the appellant.
pub async fn ask(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<TextForm>,
) -> AppResult<Response> {
    let v = load(&state, &user, id).await?;
    match actions::ask(&state, &user, &client, &v, &form.text).await? {
        Ok(()) => {
            flash::push(&session, Msg::new("appeal-asked")).await;
            Ok(Redirect::to(&format!("/review/appeals/{id}")).into_response())
        }
        Err(msg) => {
            let errors = one_error("question", msg, &l);
            let mut page = review_page(&state, l, &user, v).await?;
            page.errors = errors;
            page.question = form.text;
            unprocessable(&page)
        }
    }
}

/// `POST /review/appeals/{id}/decide`: `outcome`, `level`, `rationale`,
/// and per appealed criterion `level-{i}` and `note-{i}`.
pub async fn decide(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let v = load(&state, &user, id).await?;
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let outcome = value("outcome");
    let criteria = v.content.criteria.len();
    let placed: Vec<(String, String)> = (0..criteria)
        .map(|i| (value(&format!("level-{i}")), value(&format!("note-{i}"))))
        .collect();
    // Placements count for a changed outcome only; the form shows them
    // for the appealed criteria.
    let rows: Vec<usize> = if outcome == "changed" {
        (0..criteria)
            .filter(|i| !placed[*i].0.trim().is_empty() || !placed[*i].1.trim().is_empty())
            .collect()
    } else {
        Vec::new()
    };
    let given = DecisionInput {
        outcome: outcome.clone(),
        placements: rows
            .iter()
            .map(|i| PlacementEntry {
                criterion: Some(*i),
                given_criterion: v.content.criteria[*i].name.clone(),
                level: v
                    .content
                    .levels
                    .iter()
                    .position(|l| l.code == placed[*i].0.trim()),
                given_level: placed[*i].0.clone(),
                note: placed[*i].1.clone(),
            })
            .collect(),
        level: value("level"),
        rationale: value("rationale"),
    };
    match actions::decide(&state, &user, &client, &v, &given).await? {
        Ok(()) => {
            flash::push(&session, Msg::new("appeal-decided")).await;
            Ok(Redirect::to(&format!("/positions/{id}/record")).into_response())
        }
        Err(problems) => {
            let mut errors = FieldErrors::default();
            for (field, msg) in problems {
                let id = match field {
                    DecisionField::Outcome => "outcome-upheld".to_string(),
                    DecisionField::Placements => {
                        format!(
                            "level-{}",
                            actions::appealed(
                                &v,
                                v.full.appeal.as_ref().ok_or(AppError::NotFound)?
                            )
                            .first()
                            .copied()
                            .unwrap_or(0)
                        )
                    }
                    DecisionField::Criterion(k) | DecisionField::Level(k) => {
                        format!("level-{}", rows.get(k).copied().unwrap_or(0))
                    }
                    DecisionField::Note(k) => format!("note-{}", rows.get(k).copied().unwrap_or(0)),
                    DecisionField::NewLevel => "appeal-level".into(),
                    DecisionField::Rationale => "rationale".into(),
                };
                errors.add(id, msg);
            }
            let errors = errors.render(l.lang);
            let mut page = review_page(&state, l, &user, v).await?;
            page.errors = errors;
            page.outcome = outcome;
            page.level = given.level;
            page.rationale = given.rationale;
            page.placed = placed;
            unprocessable(&page)
        }
    }
}
