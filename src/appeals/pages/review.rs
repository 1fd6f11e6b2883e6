//! HR's appeal pages: the queue, and an appeal's review (claim, assign,
//! ask, decide).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::app::AppState;
use crate::appeals::actions::{self, Person};
use crate::appeals::db;
use crate::appeals::input::{DecisionField, DecisionInput, PlacementEntry};
use crate::appeals::workflow::AppealAction;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::positions::reading::ReadingView;
use crate::positions::view::PositionView;
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{AsIndex, Layout, flash, render};

use super::{TextForm, one_error, unprocessable};
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
