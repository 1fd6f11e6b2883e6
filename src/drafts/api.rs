//! The draft API under `/api/v1` (admins only): read, create or replace,
//! publish and discard the draft of a profile, through the same actions
//! as the editor's pages.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::actions::{self, By, PublishInput, Via};
use super::db;
use super::error::DraftError;
use super::input::MAX_NOTE;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody, Msg};
use crate::profiles::document::{self, ProfileDocument, Strictness};
use crate::profiles::model::VersionStatus;
use crate::web::client::Client;
use crate::web::json::{JsonBody, date_time_opt, whole, whole_opt};

/// The draft of a profile, with the revision to send back when saving.
#[derive(Serialize, ToSchema)]
pub struct DraftDocument {
    #[serde(flatten)]
    document: ProfileDocument,
    version: i32,
    revision: i32,
}

/// A profile document as `PUT …/draft` takes it: as `ProfileDocument`,
/// where `slug` may be left out (it is the path's), plus the `revision`
/// read. The body is read by `document::parse_as`; this only describes it.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct DraftBody {
    /// Always 1.
    #[schema(minimum = 1, maximum = 1)]
    format: u32,
    /// The profile's slug, when given: the one in the path.
    slug: Option<String>,
    title: String,
    /// Language the content is written in: nl, fr, en or de.
    #[schema(pattern = r"^(?:nl|fr|en|de)$")]
    language: String,
    purpose: String,
    footnote: Option<String>,
    /// Lowest level first.
    levels: Vec<document::DocLevel>,
    result_areas: Vec<document::DocResultArea>,
    criteria: Vec<document::DocCriterion>,
    glossary: Option<Vec<document::DocGlossaryTerm>>,
    /// The revision read (`GET …/draft`) to replace the draft; leave it out
    /// to create one.
    #[schema(minimum = 1)]
    revision: Option<i32>,
}

/// A change note: something that is not white space, and no NUL.
pub const NOTE_PATTERN: &str = r"^[^\x00]*[^\s\x00][^\x00]*$";

fn note_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(1, MAX_NOTE, NOTE_PATTERN)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishBody {
    /// What changed, for the version history (trimmed).
    #[schema(schema_with = note_schema)]
    change_note: String,
    /// The draft revision you read (`GET …/draft`): publishing a draft that
    /// changed since answers 409 `stale_revision`.
    #[serde(default, deserialize_with = "whole_opt")]
    #[schema(value_type = i32, required = true, minimum = 1)]
    revision: Option<i32>,
    /// When the version takes effect (RFC 3339); default now.
    #[serde(default, deserialize_with = "date_time_opt")]
    #[schema(value_type = Option<String>, format = DateTime)]
    effective_at: Option<OffsetDateTime>,
}

#[derive(Serialize, ToSchema)]
pub struct Published {
    version: i32,
    status: VersionStatus,
}

/// The draft routes (mounted under `/api/v1` behind the admin guard).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_draft, put_draft, delete_draft))
        .routes(routes!(publish_draft))
}

fn by<'a>(user: &'a CurrentUser, client: &'a Client) -> By<'a> {
    By {
        user,
        client,
        via: Via::Api,
    }
}

/// A 422 naming `revision`.
fn bad_revision() -> AppError {
    AppError::Validation {
        message: Msg::new("error-validation"),
        fields: vec![("revision".into(), Msg::new("api-draft-revision"))],
    }
}

/// The draft of `slug` as the API shows it.
async fn draft_document(state: &AppState, slug: &str) -> AppResult<Json<DraftDocument>> {
    let draft = db::draft_of(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let document = db::document(&state.db, &draft).await?;
    Ok(Json(DraftDocument {
        document,
        version: draft.version,
        revision: draft.revision,
    }))
}

/// The open draft of a profile.
#[utoipa::path(get, path = "/profiles/{slug}/draft", tag = "drafts",
    params(("slug" = String, Path)),
    responses((status = 200, body = DraftDocument), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
async fn get_draft(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Json<DraftDocument>> {
    draft_document(&state, &slug).await
}

/// Creates or replaces the draft's content.
///
/// Send `"revision"` (the one you read) to replace: 409 `stale_revision` (with the current revision) when
/// the draft changed since, 409 `no_draft` when there is none. Without it a
/// draft is created from the document (a new profile when the slug is
/// new); 409 `stale_revision` when the profile has a draft already.
#[utoipa::path(put, path = "/profiles/{slug}/draft", tag = "drafts",
    params(("slug" = String, Path)),
    request_body(content = DraftBody, description = "A profile document plus \"revision\": the revision read (leave it out to create the draft)"),
    responses((status = 200, body = DraftDocument),
        (status = 409, body = ErrorBody, description = "`stale_revision`: the draft changed since the revision sent, or exists already (`error.revision` is the current one); `no_draft`: a revision was sent and there is no draft"),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn put_draft(
    State(state): State<AppState>,
    admin: CurrentUser,
    client: Client,
    Path(slug): Path<String>,
    JsonBody(mut body): JsonBody<Value>,
) -> AppResult<Json<DraftDocument>> {
    let revision = match body.as_object_mut().and_then(|o| o.remove("revision")) {
        None | Some(Value::Null) => None,
        // A whole number, also when written `3.0`.
        Some(value) => Some(whole::<_, i32>(value).map_err(|_| bad_revision())?),
    };
    if let Some(object) = body.as_object_mut() {
        object
            .entry("slug")
            .or_insert_with(|| Value::String(slug.clone()));
    }
    let document = match document::read_as(&body.to_string(), Strictness::Draft) {
        Ok(document) => document,
        // Not a document's shape: said in the caller's language, at its
        // path from the root, as every body error of the API.
        Err(document::ReadError::Unreadable { path, error }) => {
            let (field, msg) = crate::web::json::problem(&path, &error);
            let field = if field == "$" {
                field
            } else {
                format!("$.{field}")
            };
            return Err(AppError::Validation {
                message: Msg::new("body-invalid"),
                fields: vec![(field, msg)],
            });
        }
        Err(document::ReadError::Invalid(errors)) => return Err(DraftError::Invalid(errors).into()),
    };
    if document.slug != slug {
        return Err(AppError::Validation {
            message: Msg::new("error-validation"),
            fields: vec![("slug".into(), Msg::new("draft-slug-mismatch"))],
        });
    }
    let by = by(&admin, &client);
    match revision {
        Some(revision) => {
            actions::replace(&state.db, &by, &slug, revision, &document).await?;
        }
        None => {
            actions::import(&state.db, &by, &document).await?;
        }
    }
    draft_document(&state, &slug).await
}

/// Discards the open draft.
#[utoipa::path(delete, path = "/profiles/{slug}/draft", tag = "drafts",
    params(("slug" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
async fn delete_draft(
    State(state): State<AppState>,
    admin: CurrentUser,
    client: Client,
    Path(slug): Path<String>,
) -> AppResult<StatusCode> {
    actions::discard(&state.db, &by(&admin, &client), &slug, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Publishes the draft at the revision read.
///
/// The version takes effect now, or at `effective_at` when that is later.
/// 409 `stale_revision` (with the current revision) when
/// the draft changed since: nothing is published.
#[utoipa::path(post, path = "/profiles/{slug}/draft/publish", tag = "drafts",
    params(("slug" = String, Path)), request_body = PublishBody,
    responses((status = 200, body = Published), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody, description = "`stale_revision`: the draft changed since the revision sent (`error.revision` is the current one); nothing was published"),
        (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
async fn publish_draft(
    State(state): State<AppState>,
    admin: CurrentUser,
    client: Client,
    Path(slug): Path<String>,
    JsonBody(body): JsonBody<PublishBody>,
) -> AppResult<Json<Published>> {
    let input = PublishInput {
        revision: body.revision.ok_or_else(bad_revision)?,
        change_note: body.change_note,
        effective_at: body.effective_at,
    };
    let published = actions::publish(&state.db, &by(&admin, &client), &slug, &input).await?;
    Ok(Json(Published {
        version: published.version,
        status: if published.scheduled {
            VersionStatus::Scheduled
        } else {
            VersionStatus::Published
        },
    }))
}
