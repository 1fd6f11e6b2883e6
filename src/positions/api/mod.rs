//! The JSON API of positions under `/api/v1/positions` (bearer token, or a
//! session with `X-CSRF-Token`): the router and its handlers. What it
//! answers is in `response`, what it takes in `request`.

pub mod appeal;
pub mod assessment;
pub mod request;
pub mod response;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use self::request::{
    CommentBody, DecisionBody, Fields, MessageBody, NewPositionBody, Paths, PositionBody,
    RevisionBody, read_decision, read_position,
};
use self::response::{PositionDoc, PositionList};
use super::actions;
use super::input::{Check, Problems, check, normalise};
use super::queue::{self, QueueQuery};
use super::workflow::Status;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody, Msg};
use crate::i18n::Lang;
use crate::web::client::Client;
use crate::web::idempotency::{self, IdempotencyKey};
use crate::web::json::{JsonBody, RawJson};

/// The routes under `/api/v1/positions`, with their OpenAPI description.
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
        .routes(routes!(appeal::lodge))
        .routes(routes!(appeal::decide))
        .routes(routes!(assessment::position_assessment))
        .routes(routes!(
            assessment::confirm_task,
            assessment::undo_confirmation
        ))
}

/// The position as it is now, for the response of an action.
async fn answer(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
    lang: Lang,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(state, user, id).await?;
    Ok(Json(PositionDoc::new(&v, lang)))
}

/// A 422 naming the fields at their JSON paths.
fn invalid(fields: Fields) -> AppError {
    AppError::Validation {
        message: Msg::new("error-validation"),
        fields,
    }
}

/// A 422 for `problems`, named at `paths`.
fn refused(problems: Problems, paths: &Paths) -> AppError {
    invalid(paths.fields(problems))
}

/// Describes the `from` and `to` filters of `GET /positions` as the server
/// reads them: a date (`yyyy-mm-dd`), or empty for none.
pub struct DateFilters;

impl utoipa::Modify for DateFilters {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::schema::{
            AnyOfBuilder, KnownFormat, ObjectBuilder, SchemaFormat, Type,
        };
        let Some(list) = openapi
            .paths
            .paths
            .get_mut("/api/v1/positions")
            .and_then(|item| item.get.as_mut())
        else {
            return;
        };
        for parameter in list.parameters.iter_mut().flatten() {
            let utoipa::openapi::RefOr::T(parameter) = parameter else {
                continue;
            };
            if parameter.name == "from" || parameter.name == "to" {
                let date = ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)));
                let empty = ObjectBuilder::new()
                    .schema_type(Type::String)
                    .max_length(Some(0));
                parameter.schema = Some(AnyOfBuilder::new().item(date).item(empty).into());
            }
        }
    }
}

/// Positions: a manager's own; for HR and admins all, with the queue filters.
#[utoipa::path(get, path = "/positions", tag = "positions",
    params(("status" = Option<String>, Query, pattern = r"^\s*(?:(?:draft|submitted|in_review|returned|decided|withdrawn)?\s*,\s*)*(?:draft|submitted|in_review|returned|decided|withdrawn)?\s*$",
                description = "Statuses, comma-separated (default: the open ones for HR, all for managers)"),
           ("unit" = Option<String>, Query, pattern = r"^[^\x00]*$"),
           ("profile" = Option<String>, Query, pattern = r"^[^\x00]*$", description = "Profile slug"),
           ("version" = Option<i32>, Query, minimum = 1, description = "Profile version number (with `profile`)"),
           ("from" = Option<String>, Query, description = "Submitted on or after (yyyy-mm-dd; empty: no limit)"),
           ("to" = Option<String>, Query, description = "Submitted on or before (yyyy-mm-dd; empty: no limit)"),
           ("level" = Option<String>, Query, pattern = r"^\s*(?:[A-Z][A-Z0-9+-]{0,7})?\s*$", description = "Proposed level (a level code)"),
           ("page" = Option<i64>, Query, minimum = 1, maximum = 1_000_000)),
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
    let listing = queue::queue(&state, &filter, (page - 1) * size, size).await?;
    Ok(Json(PositionList::new(&listing, page)))
}

/// Creates a draft against the profile's current version. With an
/// `Idempotency-Key`, a retry of the same request creates nothing new.
#[utoipa::path(post, path = "/positions", tag = "positions", request_body = NewPositionBody,
    params(("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION,
            min_length = 1, max_length = 255, pattern = r"^[\x21-\x7E](?:[\x20-\x7E]{0,253}[\x21-\x7E])?$")),
    responses((status = 201, body = PositionDoc), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn create(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    key: IdempotencyKey,
    raw: RawJson,
) -> AppResult<Response> {
    // The role first: a refusal says nothing about the body.
    if !user.is_manager() {
        return Err(AppError::Forbidden);
    }
    let attempt = match key
        .start(&state.db, user.id, "/api/v1/positions", raw.bytes())
        .await?
    {
        Ok(attempt) => attempt,
        Err(replay) => return Ok(replay),
    };
    let body: PositionBody = raw.read::<NewPositionBody>()?.into();
    let slug = body.profile.clone().unwrap_or_default();
    // A name that cannot be a slug names no profile (and never reaches the
    // database, which refuses a NUL with an error of its own).
    let known = if crate::profiles::document::is_slug(slug.trim()) {
        crate::profiles::cached::current(&state, slug.trim()).await?
    } else {
        None
    };
    let version = known.map(|v| v.id).ok_or_else(|| {
        invalid(vec![(
            "profile".into(),
            Msg::new("profile-unknown").arg("value", slug.chars().take(80).collect::<String>()),
        )])
    })?;
    let content = crate::profiles::cached::frozen(&state, version).await?;
    let read = read_position(&body, &content);
    // Every problem at once: the names the profile lacks and the check.
    let problems = check(&normalise(read.value.clone()), &content, Check::Draft);
    let mut fields = read.errors;
    fields.extend(read.paths.fields(problems));
    if !fields.is_empty() {
        return Err(invalid(fields));
    }
    // One transaction: a failure leaves no empty draft behind, and the
    // key is kept with its answer or not at all.
    let mut tx = state.db.begin().await?;
    let created = actions::create_with_content_in(
        &mut tx,
        &user,
        &client,
        slug.trim(),
        version,
        &content,
        read.value,
    )
    .await?;
    let id = created.map_err(|problems| refused(problems, &read.paths))?;
    let v = actions::load_in(&mut *tx, &state, &user, id).await?;
    let doc = PositionDoc::new(&v, lang.0);
    finish(tx, attempt.as_ref(), StatusCode::CREATED, doc).await
}

/// Commits a creation and answers `status` with `doc`; with a key, keeps
/// the key and the answer in the same transaction first (or, when a
/// concurrent request with the key committed first, answers what it
/// answered and drops this transaction: nothing is created twice).
async fn finish(
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    attempt: Option<&idempotency::Attempt>,
    status: StatusCode,
    doc: PositionDoc,
) -> AppResult<Response> {
    if let Some(attempt) = attempt
        && let Some(replay) = idempotency::keep(&mut tx, attempt, status, &doc).await?
    {
        return Ok(replay);
    }
    tx.commit().await?;
    Ok((status, Json(doc)).into_response())
}

/// One position (yours, or any for HR).
#[utoipa::path(get, path = "/positions/{id}", tag = "positions", params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647)),
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
#[utoipa::path(put, path = "/positions/{id}", tag = "positions", params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647)), request_body = PositionBody,
    responses((status = 200, body = PositionDoc), (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn update(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<PositionBody>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    let revision = body.revision;
    let read = read_position(&body, &v.content);
    if !read.errors.is_empty() {
        return Err(invalid(read.errors));
    }
    if let Err(problems) =
        actions::save(&state, &user, &client, &v, revision, read.value, false).await?
    {
        return Err(refused(problems, &read.paths));
    }
    answer(&state, &user, id, lang.0).await
}

/// Submits a complete draft or returned position for assessment.
#[utoipa::path(post, path = "/positions/{id}/submit", tag = "positions", params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647)),
    request_body(content = Option<RevisionBody>, description = "Optional (no body, or `null`): the revision read"),
    responses((status = 200, body = PositionDoc), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    body: Option<JsonBody<Option<RevisionBody>>>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    let revision = body
        .and_then(|b| b.0)
        .and_then(|b| b.revision)
        .unwrap_or(v.head().revision);
    let mut v = v;
    match actions::submit_as_is(&state, &user, &client, &v, revision).await? {
        Err(problems) => return Err(refused(problems, &Paths::profile_order())),
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
    Ok(Json(PositionDoc::new(&v, lang.0)))
}

/// Withdraws a draft or submitted position.
#[utoipa::path(post, path = "/positions/{id}/withdraw", tag = "positions", params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647)),
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
#[utoipa::path(post, path = "/positions/{id}/claim", tag = "positions", params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647)),
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
#[utoipa::path(post, path = "/positions/{id}/return", tag = "positions", params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647)), request_body = MessageBody,
    responses((status = 200, body = PositionDoc), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn send_back(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<MessageBody>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    if let Err(problems) = actions::send_back(&state, &user, &client, &v, &body.message).await? {
        return Err(refused(problems, &Paths::profile_order()));
    }
    answer(&state, &user, id, lang.0).await
}

/// HR decides: the final level, a rationale, and optionally its own
/// placements, saved with the decision or not at all.
#[utoipa::path(post, path = "/positions/{id}/decision", tag = "positions", params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647)), request_body = DecisionBody,
    responses((status = 200, body = PositionDoc), (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn decide(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
    JsonBody(body): JsonBody<DecisionBody>,
) -> AppResult<Json<PositionDoc>> {
    let v = actions::load(&state, &user, id).await?;
    let read = read_decision(body, &v.content);
    if !read.errors.is_empty() {
        // Every problem at once: the names the profile lacks and the check.
        let mut fields = read.errors;
        fields.extend(read.paths.fields(actions::check_decision(&v, &read.value)));
        return Err(invalid(fields));
    }
    if let Err(problems) = actions::decide(&state, &user, &client, &v, &read.value, None).await? {
        return Err(refused(problems, &read.paths));
    }
    answer(&state, &user, id, lang.0).await
}

/// Adds a comment to the position's thread. With an `Idempotency-Key`, a
/// retry of the same request adds nothing new.
#[utoipa::path(post, path = "/positions/{id}/comments", tag = "positions",
    params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647),
           ("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION,
            min_length = 1, max_length = 255, pattern = r"^[\x21-\x7E](?:[\x20-\x7E]{0,253}[\x21-\x7E])?$")),
    request_body = CommentBody,
    responses((status = 201, body = PositionDoc), (status = 400, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn comment(
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
            &format!("/api/v1/positions/{id}/comments"),
            raw.bytes(),
        )
        .await?
    {
        Ok(attempt) => attempt,
        Err(replay) => return Ok(replay),
    };
    let body: CommentBody = raw.read()?;
    let v = actions::load(&state, &user, id).await?;
    let mut tx = state.db.begin().await?;
    if let Err(problems) = actions::comment_in(&mut tx, &user, &client, &v, &body.body).await? {
        return Err(refused(problems, &Paths::profile_order()));
    }
    let v = actions::load_in(&mut *tx, &state, &user, id).await?;
    let doc = PositionDoc::new(&v, lang.0);
    finish(tx, attempt.as_ref(), StatusCode::CREATED, doc).await
}
