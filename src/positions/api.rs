//! The JSON API of positions under `/api/v1/positions` (bearer token, or a
//! session with `X-CSRF-Token`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::actions::{self, DecisionInput};
use super::input::{Field, Placement, PositionInput, Problems};
use super::proposal::Flag;
use super::queue::{self, QueueQuery};
use super::view::{HrPlacement, PositionView};
use super::workflow::Status;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody, Msg};
use crate::profiles::model::Content;
use crate::web::client::Client;
use crate::web::i18n::Lang;

/// A result area the position covers, by title, with its share in %.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AreaShare {
    pub title: String,
    pub share: i32,
}

/// A placement of a criterion (by name) at a level (by code).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlacementDoc {
    pub criterion: String,
    pub level: Option<String>,
    #[serde(default)]
    pub evidence: String,
}

/// HR's placement of a criterion.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HrPlacementDoc {
    pub criterion: String,
    pub level: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// The content of a position as the API takes it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionBody {
    /// Profile slug (creation only; ignored on update).
    #[serde(default)]
    pub profile: Option<String>,
    /// The revision read (update only).
    #[serde(default)]
    pub revision: Option<i32>,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub tasks: Vec<String>,
    #[serde(default)]
    pub result_areas: Vec<AreaShare>,
    #[serde(default)]
    pub placements: Vec<PlacementDoc>,
}

#[derive(Serialize, ToSchema)]
pub struct ProposalDoc {
    level: Option<String>,
    flags: Vec<Flag>,
    trace: String,
}

#[derive(Serialize, ToSchema)]
pub struct DecisionDoc {
    level: String,
    rationale: String,
    decided_by: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    decided_at: time::OffsetDateTime,
}

#[derive(Serialize, ToSchema)]
pub struct CommentDoc {
    author: String,
    kind: String,
    body: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    created_at: time::OffsetDateTime,
}

/// A position.
#[derive(Serialize, ToSchema)]
pub struct PositionDoc {
    id: i64,
    status: Status,
    revision: i32,
    profile: String,
    profile_version: i32,
    title: String,
    unit: String,
    purpose: String,
    tasks: Vec<String>,
    result_areas: Vec<AreaShare>,
    placements: Vec<PlacementDoc>,
    /// HR's own placements (HR and admins; everyone once decided).
    hr_placements: Vec<HrPlacementDoc>,
    proposal: ProposalDoc,
    decision: Option<DecisionDoc>,
    comments: Vec<CommentDoc>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    submitted_at: Option<time::OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    updated_at: time::OffsetDateTime,
}

/// A line of the position list.
#[derive(Serialize, ToSchema)]
pub struct PositionLine {
    id: i64,
    title: String,
    unit: String,
    status: Status,
    profile: String,
    profile_version: i32,
    proposed_level: Option<String>,
    decided_level: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PositionList {
    items: Vec<PositionLine>,
    page: i64,
    /// Another page follows.
    more: bool,
}

#[derive(Deserialize, ToSchema)]
pub struct RevisionBody {
    pub revision: Option<i32>,
}

#[derive(Deserialize, ToSchema)]
pub struct MessageBody {
    pub message: String,
}

#[derive(Deserialize, ToSchema)]
pub struct CommentBody {
    pub body: String,
}

#[derive(Deserialize, ToSchema)]
pub struct DecisionBody {
    pub level: String,
    pub rationale: String,
    #[serde(default)]
    pub hr_placements: Vec<HrPlacementDoc>,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(submit))
        .routes(routes!(withdraw))
        .routes(routes!(claim))
        .routes(routes!(send_back))
        .routes(routes!(decide))
        .routes(routes!(comment))
}

/// The position as it is now, for the response of an action.
async fn answer(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    lang: Lang,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(state, user, id).await?;
    Ok(Json(to_doc(&v, lang)))
}

fn to_doc(v: &PositionView, lang: Lang) -> PositionDoc {
    let c = &v.content;
    let head = v.head();
    let show_hr = v.actor.is_hr || v.status() == Status::Decided;
    PositionDoc {
        id: head.id,
        status: head.status,
        revision: head.revision,
        profile: head.slug.clone(),
        profile_version: head.version,
        title: v.input.title.clone(),
        unit: v.input.unit.clone(),
        purpose: v.input.purpose.clone(),
        tasks: v.input.tasks.clone(),
        result_areas: c
            .result_areas
            .iter()
            .zip(&v.input.shares)
            .filter_map(|(a, s)| {
                s.map(|share| AreaShare {
                    title: a.title.clone(),
                    share,
                })
            })
            .collect(),
        placements: c
            .criteria
            .iter()
            .zip(&v.input.placements)
            .map(|(crit, p)| PlacementDoc {
                criterion: crit.name.clone(),
                level: p.level.map(|l| c.levels[l].code.clone()),
                evidence: p.evidence.clone(),
            })
            .collect(),
        hr_placements: if show_hr {
            c.criteria
                .iter()
                .zip(&v.hr)
                .filter(|(_, p)| p.level.is_some() || !p.note.is_empty())
                .map(|(crit, p)| HrPlacementDoc {
                    criterion: crit.name.clone(),
                    level: p.level.map(|l| c.levels[l].code.clone()),
                    note: p.note.clone(),
                })
                .collect()
        } else {
            Vec::new()
        },
        proposal: ProposalDoc {
            level: v.proposal.code.clone(),
            flags: v.proposal.flags.clone(),
            trace: v.proposal.trace(lang),
        },
        decision: match (
            &head.decided_level,
            &head.rationale,
            &head.decided_by_name,
            head.decided_at,
        ) {
            (Some(level), Some(rationale), Some(by), Some(at)) => Some(DecisionDoc {
                level: level.clone(),
                rationale: rationale.clone(),
                decided_by: by.clone(),
                decided_at: at,
            }),
            _ => None,
        },
        comments: v
            .full
            .comments
            .iter()
            .map(|cm| CommentDoc {
                author: cm.author_name.clone(),
                kind: cm.kind.clone(),
                body: cm.body.clone(),
                created_at: cm.created_at,
            })
            .collect(),
        submitted_at: head.submitted_at,
        updated_at: head.updated_at,
    }
}

/// Reads the API body into the input aligned with the profile; unknown
/// names are field errors at their JSON path.
fn read_body(
    body: &PositionBody,
    content: &Content,
) -> Result<(PositionInput, Vec<(String, Msg)>), AppError> {
    let mut errors: Vec<(String, Msg)> = Vec::new();
    let mut input = PositionInput {
        title: body.title.clone(),
        unit: body.unit.clone(),
        purpose: body.purpose.clone(),
        tasks: body.tasks.clone(),
        shares: vec![None; content.result_areas.len()],
        placements: vec![Placement::default(); content.criteria.len()],
    };
    for (j, area) in body.result_areas.iter().enumerate() {
        match content
            .result_areas
            .iter()
            .position(|a| a.title.eq_ignore_ascii_case(area.title.trim()))
        {
            Some(i) if input.shares[i].is_none() => input.shares[i] = Some(area.share),
            Some(_) => errors.push((
                format!("result_areas[{j}].title"),
                Msg::new("api-duplicate"),
            )),
            None => errors.push((
                format!("result_areas[{j}].title"),
                Msg::new("api-unknown-area"),
            )),
        }
    }
    let mut seen = vec![false; content.criteria.len()];
    for (k, p) in body.placements.iter().enumerate() {
        let Some(ci) = content
            .criteria
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(p.criterion.trim()))
        else {
            errors.push((
                format!("placements[{k}].criterion"),
                Msg::new("api-unknown-criterion"),
            ));
            continue;
        };
        if seen[ci] {
            errors.push((
                format!("placements[{k}].criterion"),
                Msg::new("api-duplicate"),
            ));
            continue;
        }
        seen[ci] = true;
        let level = match p.level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
            None => None,
            Some(code) => match content.level_index(code) {
                Some(l) => Some(l),
                None => {
                    errors.push((format!("placements[{k}].level"), Msg::new("level-unknown")));
                    None
                }
            },
        };
        input.placements[ci] = Placement {
            level,
            evidence: p.evidence.clone(),
        };
    }
    Ok((input, errors))
}

/// Problems of the shared check as JSON paths of the request body.
fn api_fields(
    problems: Problems,
    body: Option<&PositionBody>,
    content: &Content,
) -> Vec<(String, Msg)> {
    // Paths point into the request body; without one (submit), into the
    // position as GET returns it, in profile order.
    let area_index = |i: usize| match body {
        Some(body) => body.result_areas.iter().position(|a| {
            a.title
                .trim()
                .eq_ignore_ascii_case(&content.result_areas[i].title)
        }),
        None => Some(i),
    };
    let criterion_index = |i: usize| match body {
        Some(body) => body.placements.iter().position(|p| {
            p.criterion
                .trim()
                .eq_ignore_ascii_case(&content.criteria[i].name)
        }),
        None => Some(i),
    };
    problems
        .into_iter()
        .map(|(field, msg)| {
            let path = match field {
                Field::Title => "title".into(),
                Field::Unit => "unit".into(),
                Field::Purpose => "purpose".into(),
                Field::Tasks => "tasks".into(),
                Field::Task(i) => format!("tasks[{i}]"),
                Field::Shares => "result_areas".into(),
                Field::Share(i) => area_index(i).map_or("result_areas".into(), |j| {
                    format!("result_areas[{j}].share")
                }),
                Field::Level(i) => criterion_index(i)
                    .map_or("placements".into(), |k| format!("placements[{k}].level")),
                Field::Evidence(i) => criterion_index(i)
                    .map_or("placements".into(), |k| format!("placements[{k}].evidence")),
            };
            (path, msg)
        })
        .collect()
}

fn invalid(fields: Vec<(String, Msg)>) -> AppError {
    AppError::Validation {
        message: Msg::new("error-validation"),
        fields,
    }
}

/// Positions: a manager's own; for HR and admins all, with the queue filters.
#[utoipa::path(get, path = "/positions", tag = "positions",
    params(("status" = Option<String>, Query, description = "Statuses, comma-separated"),
           ("unit" = Option<String>, Query), ("profile" = Option<String>, Query),
           ("from" = Option<String>, Query, description = "Submitted on or after (yyyy-mm-dd)"),
           ("to" = Option<String>, Query, description = "Submitted on or before (yyyy-mm-dd)"),
           ("level" = Option<String>, Query, description = "Proposed level"),
           ("page" = Option<i64>, Query)),
    responses((status = 200, body = PositionList), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
async fn list(
    State(state): State<AppState>,
    user: CurrentUser,
    axum_extra::extract::Query(query): axum_extra::extract::Query<QueueQuery>,
) -> AppResult<Json<PositionList>> {
    let mut filter = if user.is_hr() {
        query.filter(&Status::OPEN)?
    } else {
        query.filter(&Status::ALL)?
    };
    if !user.is_hr() {
        filter.owner = Some(user.id);
    }
    let page = query.page()?;
    let size = 100;
    let listing = queue::queue(
        &state.db,
        &state.profiles,
        &state.queue_pages,
        &filter,
        (page - 1) * size,
        size,
    )
    .await?;
    Ok(Json(PositionList {
        items: listing
            .lines
            .iter()
            .map(|l| PositionLine {
                id: l.id,
                title: l.title.clone(),
                unit: l.unit.clone(),
                status: l.status,
                profile: l.slug.clone(),
                profile_version: l.version,
                proposed_level: l.proposed_level.clone(),
                decided_level: l.decided_level.clone(),
            })
            .collect(),
        page,
        more: listing.more,
    }))
}

/// Creates a draft against the profile's current version.
#[utoipa::path(post, path = "/positions", tag = "positions", request_body = PositionBody,
    responses((status = 201, body = PositionDoc), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Json(body): Json<PositionBody>,
) -> AppResult<(StatusCode, Json<PositionDoc>)> {
    let slug = body.profile.clone().unwrap_or_default();
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    let version = state
        .directory
        .current(&state.db, slug.trim())
        .await?
        .map(|v| v.id)
        .ok_or_else(|| {
            invalid(vec![(
                "profile".into(),
                Msg::new("profile-unknown").arg("value", slug.chars().take(80).collect::<String>()),
            )])
        })?;
    let content = state.profiles.frozen(&state.db, version).await?;
    let (input, errors) = read_body(&body, &content)?;
    let problems = super::input::check(
        &super::input::normalise(input.clone()),
        &content,
        super::input::Check::Draft,
    );
    let mut fields = errors;
    fields.extend(api_fields(problems, Some(&body), &content));
    if !fields.is_empty() {
        return Err(invalid(fields));
    }
    // One transaction: a failure leaves no empty draft behind.
    let created = actions::create_with_content(
        &state,
        &user,
        &client,
        slug.trim(),
        version,
        &content,
        input,
    )
    .await?;
    let id = created.map_err(|problems| invalid(api_fields(problems, Some(&body), &content)))?;
    let v = actions::load(&state, &user, id).await?;
    Ok((StatusCode::CREATED, Json(to_doc(&v, lang.0))))
}

/// One position (yours, or any for HR).
#[utoipa::path(get, path = "/positions/{id}", tag = "positions", params(("id" = i64, Path)),
    responses((status = 200, body = PositionDoc), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
async fn get_one(
    State(state): State<AppState>,
    user: CurrentUser,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
) -> AppResult<Json<PositionDoc>> {
    answer(&state, &user, id, lang.0).await
}

/// Replaces the content of a draft or returned position; send the revision you read.
#[utoipa::path(put, path = "/positions/{id}", tag = "positions", params(("id" = i64, Path)), request_body = PositionBody,
    responses((status = 200, body = PositionDoc), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    Json(body): Json<PositionBody>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    let revision = body
        .revision
        .ok_or_else(|| invalid(vec![("revision".into(), Msg::new("field-required"))]))?;
    let (input, errors) = read_body(&body, &v.content)?;
    if !errors.is_empty() {
        return Err(invalid(errors));
    }
    if let Err(problems) = actions::save(&state, &user, &client, &v, revision, input, false).await?
    {
        return Err(invalid(api_fields(problems, Some(&body), &v.content)));
    }
    answer(&state, &user, id, lang.0).await
}

/// Submits a complete draft or returned position for assessment.
#[utoipa::path(post, path = "/positions/{id}/submit", tag = "positions", params(("id" = i64, Path)),
    request_body(content = RevisionBody, description = "Optional: the revision read"),
    responses((status = 200, body = PositionDoc), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    body: Option<Json<RevisionBody>>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    let revision = body.and_then(|b| b.revision).unwrap_or(v.head().revision);
    let mut v = v;
    match actions::submit_as_is(&state, &user, &client, &v, revision).await? {
        Err(problems) => return Err(invalid(api_fields(problems, None, &v.content))),
        // Answer from what we know rather than reading everything again.
        Ok(new_revision) => {
            let now = time::OffsetDateTime::now_utc();
            let head = &mut v.full.head;
            head.status = Status::Submitted;
            head.revision = new_revision;
            head.submitted_at = Some(now);
            head.updated_at = now;
        }
    }
    Ok(Json(to_doc(&v, lang.0)))
}

/// Withdraws a draft or submitted position.
#[utoipa::path(post, path = "/positions/{id}/withdraw", tag = "positions", params(("id" = i64, Path)),
    responses((status = 200, body = PositionDoc), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
async fn withdraw(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    actions::withdraw(&state, &user, &client, &v).await?;
    answer(&state, &user, id, lang.0).await
}

/// HR claims a submitted position for review.
#[utoipa::path(post, path = "/positions/{id}/claim", tag = "positions", params(("id" = i64, Path)),
    responses((status = 200, body = PositionDoc), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
async fn claim(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    actions::claim(&state, &user, &client, &v).await?;
    answer(&state, &user, id, lang.0).await
}

/// HR returns a position to its manager with a question.
#[utoipa::path(post, path = "/positions/{id}/return", tag = "positions", params(("id" = i64, Path)), request_body = MessageBody,
    responses((status = 200, body = PositionDoc), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn send_back(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    Json(body): Json<MessageBody>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    if let Err(msg) = actions::send_back(&state, &user, &client, &v, &body.message).await? {
        return Err(invalid(vec![("message".into(), msg)]));
    }
    answer(&state, &user, id, lang.0).await
}

/// HR decides: the final level, a rationale, and optionally its own placements.
#[utoipa::path(post, path = "/positions/{id}/decision", tag = "positions", params(("id" = i64, Path)), request_body = DecisionBody,
    responses((status = 200, body = PositionDoc), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    Json(body): Json<DecisionBody>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    if !body.hr_placements.is_empty() {
        let mut placements = vec![HrPlacement::default(); v.content.criteria.len()];
        let mut fields = Vec::new();
        for (k, p) in body.hr_placements.iter().enumerate() {
            let Some(ci) = v
                .content
                .criteria
                .iter()
                .position(|c| c.name.eq_ignore_ascii_case(p.criterion.trim()))
            else {
                fields.push((
                    format!("hr_placements[{k}].criterion"),
                    Msg::new("api-unknown-criterion"),
                ));
                continue;
            };
            let level = match p.level.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
                None => None,
                Some(code) => {
                    let found = v.content.level_index(code);
                    if found.is_none() {
                        fields.push((
                            format!("hr_placements[{k}].level"),
                            Msg::new("level-unknown"),
                        ));
                    }
                    found
                }
            };
            placements[ci] = HrPlacement {
                level,
                note: p.note.clone(),
            };
        }
        if !fields.is_empty() {
            return Err(invalid(fields));
        }
        if let Err(problems) = actions::place(&state, &user, &client, &v, &placements).await? {
            let fields = problems
                .into_iter()
                .map(|(f, m)| (f.html_id().replace("evidence-", "hr_placements."), m))
                .collect();
            return Err(invalid(fields));
        }
    }
    let v = actions::load(&state, &user, id).await?;
    let decision = DecisionInput {
        level: body.level,
        rationale: body.rationale,
    };
    if let Err(problems) = actions::decide(&state, &user, &client, &v, &decision).await? {
        return Err(invalid(
            problems
                .into_iter()
                .map(|(f, m)| (f.to_string(), m))
                .collect(),
        ));
    }
    answer(&state, &user, id, lang.0).await
}

/// Adds a comment to the position's thread.
#[utoipa::path(post, path = "/positions/{id}/comments", tag = "positions", params(("id" = i64, Path)), request_body = CommentBody,
    responses((status = 201, body = PositionDoc), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn comment(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    Json(body): Json<CommentBody>,
) -> AppResult<(StatusCode, Json<PositionDoc>)> {
    let v = actions::load(&state, &user, id).await?;
    if let Err(msg) = actions::comment(&state, &user, &client, &v, &body.body).await? {
        return Err(invalid(vec![("body".into(), msg)]));
    }
    let v = actions::load(&state, &user, id).await?;
    Ok((StatusCode::CREATED, Json(to_doc(&v, lang.0))))
}
