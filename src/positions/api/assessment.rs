//! `GET /api/v1/positions/{id}/assessment`: what the portal reads in a
//! stored position (`assessment`), with its flags and, for HR and admins,
//! precedents.

use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use utoipa::ToSchema;

use crate::app::AppState;
use crate::assessment::api::{MatchDoc, reading_doc, round};
use crate::assessment::evidence::Reading;
use crate::auth::model::CurrentUser;
use crate::error::{AppResult, ErrorBody};
use crate::i18n::Lang;
use crate::positions::actions;

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
