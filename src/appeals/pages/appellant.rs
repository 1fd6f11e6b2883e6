//! The appellant's page: lodging an appeal, following it, answering the
//! officer's question; for the manager under the position, for the
//! employee under the share link.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use time::OffsetDateTime;
use tower_sessions::Session;

use crate::app::AppState;
use crate::appeals::actions::{self, Person};
use crate::appeals::input::{GroundsEntry, LodgeField, LodgeInput};
use crate::appeals::workflow::AppealAction;
use crate::auth::model::CurrentUser;
use crate::error::{AppResult, Msg};
use crate::positions::record::{private, shared_view};
use crate::positions::view::PositionView;
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{AsIndex, Layout, flash, render};

use super::{TextForm, one_error, unprocessable};

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
