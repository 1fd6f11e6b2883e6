//! `GET /api/v1/profiles`: every profile, or those a search finds, as the
//! catalogue page finds them.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::query::{self, Part, Request};
use crate::app::AppState;
use crate::error::{AppError, AppResult, ErrorBody};

/// A line of `GET /profiles`.
#[derive(Serialize, ToSchema)]
pub struct ProfileListItem {
    slug: String,
    /// The current title (in searches: in the language that matched).
    title: String,
    /// Number of the current published version.
    current_version: i32,
    /// Level codes, lowest first.
    levels: Vec<String>,
    /// Searches only: the language of `title` and `snippet`, the one that
    /// matched (the profile's source language or a translation's).
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    /// Searches only: a former title that matched (the current one did not).
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_title: Option<String>,
    /// Searches only: text of the current version around the matches, in
    /// parts; the parts with `mark` matched. Absent when only a title matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<Vec<Part>>,
}

/// A search of the catalogue; without any, every profile.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProfileSearch {
    /// Words to look for in the titles (current and former), texts and
    /// translations of profiles, each in its language; a typo is read as
    /// the word it is like, thesaurus synonyms count; `"…"` keeps a phrase.
    #[param(max_length = 200, pattern = r"^[^\x00]*$")]
    q: Option<String>,
    /// Only profiles whose current version has this level (a level code).
    #[param(pattern = r"^\s*(?:[A-Za-z][A-Za-z0-9+-]{0,7})?\s*$")]
    level: Option<String>,
    /// Only profiles readable in this language (their source language or a
    /// translation), their texts in it: `nl`, `fr`, `en` or `de`.
    #[param(pattern = r"^\s*(?:nl|fr|en|de)?\s*$")]
    language: Option<String>,
}

/// The list route (mounted under `/api/v1` with the catalogue's).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_profiles))
}

/// Every profile with its current version; or those a search finds, best
/// first (as the catalogue page finds them).
#[utoipa::path(get, path = "/profiles", tag = "profiles", params(ProfileSearch),
    responses((status = 200, body = Vec<ProfileListItem>), (status = 400, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "`unknown_level`: no profile has the level asked for")))]
async fn list_profiles(
    State(state): State<AppState>,
    lang: axum::Extension<crate::i18n::Lang>,
    axum::extract::Query(query): axum::extract::Query<ProfileSearch>,
) -> AppResult<Json<Vec<ProfileListItem>>> {
    let all = crate::profiles::cached::catalogue(&state).await?;
    let request = Request::read(
        query.q.as_deref(),
        query.level.as_deref(),
        query.language.as_deref(),
        &query::known_levels(&all),
    )
    .map_err(|msg| match msg.key {
        // A well-formed level code no profile has: nothing to filter by,
        // as a level missing elsewhere in the API (404, not a bad request).
        "search-unknown-level" => AppError::Refused {
            status: axum::http::StatusCode::NOT_FOUND,
            code: "unknown_level",
            message: msg,
        },
        _ => AppError::BadRequest(msg),
    })?;
    let searched = !request.is_plain();
    let outcome = query::run(&state, &request, lang.0.code()).await?;
    Ok(Json(
        outcome
            .hits
            .into_iter()
            .map(|h| ProfileListItem {
                slug: h.slug,
                title: h.title,
                current_version: h.version,
                levels: h.levels,
                language: h.language.filter(|_| searched),
                previous_title: h.previously,
                snippet: (!h.snippet.is_empty()).then_some(h.snippet),
            })
            .collect(),
    ))
}
