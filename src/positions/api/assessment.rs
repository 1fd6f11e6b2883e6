//! `GET /api/v1/positions/{id}/assessment`: what the portal reads in a
//! stored position (`assessment`), with its flags and, for HR and admins,
//! precedents; and HR's confirmation (or correction) of the result area of
//! a task, which later matching learns from (`assessment::learning`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::app::AppState;
use crate::assessment::api::{MatchDoc, reading_doc, round};
use crate::assessment::evidence::Reading;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, ErrorBody, Msg};
use crate::i18n::Lang;
use crate::positions::actions::{self, confirmation};
use crate::web::client::Client;

/// A stored position's assessment: the reading of its tasks and evidence,
/// the shares its tasks imply, the flags with their reasons, and (for HR
/// and admins) the closest decided positions of the same profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssessmentDoc {
    #[serde(flatten)]
    pub reading: MatchDoc,
    pub shares: Vec<ShareDoc>,
    /// `poor_fit`, `shares_mismatch`, `evidence_disagrees`, `precedent_differs`.
    pub flags: Vec<String>,
    pub reasons: Vec<FlagReason>,
    /// Only for HR officers and admins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precedents: Option<Vec<PrecedentDoc>>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ShareDoc {
    /// Position of the result area.
    pub position: usize,
    pub title: String,
    /// Percent the manager declared (`null`: none).
    pub declared: Option<i32>,
    /// Percent of the matching tasks whose best area this is.
    pub implied: i32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FlagReason {
    pub flag: String,
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PrecedentDoc {
    pub id: i64,
    pub title: String,
    pub level: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub decided_at: time::OffsetDateTime,
    pub similarity: f64,
    /// The rationale's first 200 characters.
    pub rationale: String,
}

/// What the portal reads in a position: task matches, fit, implied shares,
/// evidence readings and flags; for HR and admins also precedents.
#[utoipa::path(get, path = "/positions/{id}/assessment", tag = "assessment",
    params(("id" = i64, Path, description = "Position id")),
    responses((status = 200, body = AssessmentDoc), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn position_assessment(
    State(state): State<AppState>,
    user: CurrentUser,
    lang: axum::Extension<Lang>,
    Path(id): Path<i64>,
) -> AppResult<Json<AssessmentDoc>> {
    let v = actions::load(&state, &user, id).await?;
    let (index, a) = crate::positions::reading::assess(&state, &v, user.is_hr(), false).await?;
    let readings: Vec<Reading> = a.evidence.iter().map(|e| e.reading.clone()).collect();
    Ok(Json(AssessmentDoc {
        reading: reading_doc(&index, &a.matches, &readings),
        shares: a
            .shares
            .iter()
            .map(|s| ShareDoc {
                position: s.area + 1,
                title: v.content.result_areas[s.area].title.clone(),
                declared: s.declared,
                implied: s.implied,
            })
            .collect(),
        flags: a
            .flags
            .iter()
            .map(|(f, _)| f.as_str().to_string())
            .collect(),
        reasons: a
            .flags
            .iter()
            .map(|(f, msg)| FlagReason {
                flag: f.as_str().to_string(),
                reason: msg.render(lang.0),
            })
            .collect(),
        precedents: a.precedents.map(|found| {
            found
                .into_iter()
                .map(|p| PrecedentDoc {
                    id: p.decided.id,
                    title: p.decided.title,
                    level: p.decided.level,
                    decided_at: p.decided.decided_at,
                    similarity: round(p.similarity),
                    rationale: p.decided.rationale.chars().take(200).collect(),
                })
                .collect()
        }),
    }))
}

/// The result area a task is work of.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmationBody {
    /// 1-based position of the result area in the profile (required; read
    /// after the caller's role is checked).
    #[serde(default, deserialize_with = "crate::web::json::whole_opt")]
    #[schema(value_type = usize, minimum = 1, required = true)]
    pub result_area: Option<usize>,
}

/// A confirmed task.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConfirmationDoc {
    /// 1-based number of the task in the position.
    pub task: usize,
    pub text: String,
    pub result_area: usize,
    pub title: String,
}

/// HR confirms or corrects the result area of a task; later matching of
/// the profile takes the task as an example of that area. Replaces an
/// earlier confirmation of the task; audited.
#[utoipa::path(post, path = "/positions/{id}/tasks/{n}/confirmation", tag = "assessment",
    params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647), ("n" = usize, Path, minimum = 1, maximum = 2_147_483_647, description = "1-based task number")),
    request_body = ConfirmationBody,
    responses((status = 200, body = ConfirmationDoc), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
              (status = 422, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn confirm_task(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    Path((id, n)): Path<(i64, usize)>,
    body: crate::web::json::RawJson,
) -> AppResult<Json<ConfirmationDoc>> {
    if !user.is_hr() {
        return Err(AppError::Forbidden);
    }
    let v = actions::load(&state, &user, id).await?;
    // Task and status first: a 422 says nothing about a task that is not there.
    confirmation::task(&v, &user, n)?;
    let body: ConfirmationBody = body.read_rooted()?;
    let chosen = body.result_area.unwrap_or(0);
    let Some(area) = chosen
        .checked_sub(1)
        .filter(|i| *i < v.content.result_areas.len())
    else {
        let problem = if body.result_area.is_none() {
            "field-required"
        } else {
            "confirmation-area-unknown"
        };
        return Err(AppError::Validation {
            message: Msg::new("error-validation"),
            fields: vec![("$.result_area".into(), Msg::new(problem))],
        });
    };
    let text = confirmation::confirm(&state, &user, &client, &v, n, area).await?;
    Ok(Json(ConfirmationDoc {
        task: n,
        text,
        result_area: chosen,
        title: v.content.result_areas[area].title.clone(),
    }))
}

/// HR takes a task's confirmation back (it stays in the record, undone);
/// audited.
#[utoipa::path(delete, path = "/positions/{id}/tasks/{n}/confirmation", tag = "assessment",
    params(("id" = i64, Path, minimum = 1, maximum = 2_147_483_647), ("n" = usize, Path, minimum = 1, maximum = 2_147_483_647, description = "1-based task number")),
    responses((status = 204), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn undo_confirmation(
    State(state): State<AppState>,
    user: CurrentUser,
    client: Client,
    Path((id, n)): Path<(i64, usize)>,
) -> AppResult<StatusCode> {
    if !user.is_hr() {
        return Err(AppError::Forbidden);
    }
    let v = actions::load(&state, &user, id).await?;
    confirmation::undo(&state, &user, &client, &v, n).await?;
    Ok(StatusCode::NO_CONTENT)
}
