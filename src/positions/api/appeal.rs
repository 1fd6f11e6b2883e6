//! The appeal routes of the positions API: lodging an appeal against a
//! decision and deciding it. Criteria are named as in the profile, levels
//! by their codes; problems are named at their JSON paths.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use utoipa::ToSchema;

use super::response::PositionDoc;
use super::{finish, invalid};
use crate::app::AppState;
use crate::appeals::actions::{self as appeal, Person};
use crate::appeals::input::{
    DecisionField, DecisionInput, GroundsEntry, LodgeField, LodgeInput, MAX_TEXT, MIN_GROUNDS,
    PlacementEntry,
};
use crate::auth::model::CurrentUser;
use crate::error::{AppResult, ErrorBody, Msg};
use crate::i18n::Lang;
use crate::positions::actions;
use crate::profiles::model::Content;
use crate::web::client::Client;
use crate::web::idempotency::{self, IdempotencyKey};
use crate::web::json::{JsonBody, RawJson};

/// Grounds: at least `MIN_GROUNDS` characters that say something.
const GROUNDS_PATTERN: &str = r"^\s*[^\s\x00][^\x00]{48,}[^\s\x00]\s*$";

fn grounds_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(MIN_GROUNDS, MAX_TEXT, GROUNDS_PATTERN)
}

fn note_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(0, MAX_TEXT, r"^[^\x00]*$")
}

fn rationale_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(
        crate::positions::actions::MIN_RATIONALE,
        crate::positions::actions::MAX_RATIONALE,
        super::request::RATIONALE_PATTERN,
    )
}

/// The grounds against one criterion.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionGrounds {
    /// The criterion's name in the profile ("Kennis").
    #[schema(min_length = 1)]
    pub criterion: String,
    #[schema(schema_with = grounds_schema)]
    pub grounds: String,
}

/// An appeal: the contested criteria with grounds, and/or grounds against
/// the profile fit.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppealBody {
    #[serde(default)]
    #[schema(max_items = 50)]
    pub criteria: Vec<CriterionGrounds>,
    #[serde(default)]
    #[schema(schema_with = grounds_schema)]
    pub fit: Option<String>,
}

/// A placement an appeal's decision makes.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppealPlacementBody {
    #[schema(min_length = 1)]
    pub criterion: String,
    /// A level code of the position's profile version.
    #[schema(min_length = 1)]
    pub level: String,
    #[serde(default)]
    #[schema(schema_with = note_schema)]
    pub note: String,
}

/// Upheld or changed.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Upheld,
    Changed,
}

/// An appeal's decision: `changed` needs a new level and new placements
/// for the appealed criteria; both need a rationale.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AppealDecisionBody {
    pub outcome: Outcome,
    #[serde(default)]
    #[schema(max_items = 50)]
    pub placements: Option<Vec<AppealPlacementBody>>,
    /// The new level's code (changed), or the level decided (upheld).
    #[serde(default)]
    pub level: Option<String>,
    #[schema(schema_with = rationale_schema)]
    pub rationale: String,
}

/// The index of the criterion named `name` (as in the profile, any case).
fn criterion_named(content: &Content, name: &str) -> Option<usize> {
    let name = name.trim().to_lowercase();
    content
        .criteria
        .iter()
        .position(|c| c.name.trim().to_lowercase() == name)
}

fn lodge_path(field: LodgeField) -> String {
    match field {
        LodgeField::Nothing => "criteria".into(),
        LodgeField::Criterion(k) => format!("criteria[{k}].criterion"),
        LodgeField::Grounds(k) => format!("criteria[{k}].grounds"),
        LodgeField::Fit => "fit".into(),
        LodgeField::Name => "name".into(),
        LodgeField::Email => "email".into(),
    }
}

fn decision_path(field: DecisionField) -> String {
    match field {
        DecisionField::Outcome => "outcome".into(),
        DecisionField::Placements => "placements".into(),
        DecisionField::Criterion(k) => format!("placements[{k}].criterion"),
        DecisionField::Level(k) => format!("placements[{k}].level"),
        DecisionField::Note(k) => format!("placements[{k}].note"),
        DecisionField::NewLevel => "level".into(),
        DecisionField::Rationale => "rationale".into(),
    }
}

/// Appeals a decision (the position's manager), within the appeal window.
/// With an `Idempotency-Key`, a retry of the same request lodges nothing new.
#[utoipa::path(post, path = "/positions/{id}/appeal", tag = "positions",
    params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647),
           ("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION,
            min_length = 1, max_length = 255, pattern = r"^[\x21-\x7E](?:[\x20-\x7E]{0,253}[\x21-\x7E])?$")),
    request_body = AppealBody,
    responses((status = 201, body = PositionDoc), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody, description = "`not_decided`, `appeal_exists` or `appeal_window_closed`"),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn lodge(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    key: IdempotencyKey,
    raw: RawJson,
) -> AppResult<Response> {
    let attempt = match key
        .start(
            &state.db,
            user.id,
            &format!("/api/v1/positions/{id}/appeal"),
            raw.bytes(),
        )
        .await?
    {
        Ok(attempt) => attempt,
        Err(replay) => return Ok(replay),
    };
    let body: AppealBody = raw.read()?;
    let v = actions::load(&state, &user, id).await?;
    let given = LodgeInput {
        criteria: body
            .criteria
            .iter()
            .map(|c| GroundsEntry {
                criterion: criterion_named(&v.content, &c.criterion),
                given: c.criterion.clone(),
                grounds: c.grounds.clone(),
            })
            .collect(),
        fit: body.fit.clone().unwrap_or_default(),
        appellant: None,
    };
    let mut tx = state.db.begin().await?;
    let lodged = appeal::lodge_in(
        &mut tx,
        &state,
        &client,
        &v,
        Person::User(&user),
        lang.0.code(),
        &given,
    )
    .await?;
    if let Err(problems) = lodged {
        return Err(invalid(
            problems
                .into_iter()
                .map(|(f, m)| (lodge_path(f), m))
                .collect(),
        ));
    }
    let v = actions::load_in(&mut *tx, &state, &user, id).await?;
    let doc = PositionDoc::new(&v, lang.0);
    finish(tx, attempt.as_ref(), StatusCode::CREATED, doc).await
}

/// Decides the open appeal of a position (HR; not the officer who took
/// the decision). No claim step is needed; an appeal another officer
/// claimed on the web is theirs (409 `appeal_claimed`).
#[utoipa::path(post, path = "/positions/{id}/appeal/decision", tag = "positions",
    params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647)),
    request_body = AppealDecisionBody,
    responses((status = 200, body = PositionDoc), (status = 400, body = ErrorBody),
              (status = 403, body = ErrorBody, description = "Not HR, or the officer who took the decision (`four_eyes`)"),
              (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody, description = "`no_open_appeal`, `appeal_claimed`"),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub(super) async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<AppealDecisionBody>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    let content = &v.content;
    let given = DecisionInput {
        outcome: match body.outcome {
            Outcome::Upheld => "upheld".into(),
            Outcome::Changed => "changed".into(),
        },
        placements: body
            .placements
            .iter()
            .flatten()
            .map(|p| PlacementEntry {
                criterion: criterion_named(content, &p.criterion),
                given_criterion: p.criterion.clone(),
                level: content.levels.iter().position(|l| l.code == p.level.trim()),
                given_level: p.level.clone(),
                note: p.note.clone(),
            })
            .collect(),
        level: body.level.clone().unwrap_or_default(),
        rationale: body.rationale.clone(),
    };
    if let Err(problems) = appeal::decide(&state, &user, &client, &v, &given).await? {
        return Err(invalid(
            problems
                .into_iter()
                .map(|(f, m)| (decision_path(f), m))
                .collect::<Vec<(String, Msg)>>(),
        ));
    }
    let v = actions::load(&state, &user, id).await?;
    Ok(Json(PositionDoc::new(&v, lang.0)))
}
