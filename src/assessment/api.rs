//! `POST /api/v1/profiles/{slug}/match`: tasks and evidence read against
//! a profile version. A pure read: nothing is stored, no cache forgotten.
//! (A stored position's reading is `positions::api::assessment`.)

use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::evidence::{self, Reading};
use super::index::ProfileIndex;
use super::matching::{Fit, TaskMatch, match_task};
use crate::app::AppState;
use crate::app::caches::Unchanged;
use crate::error::{AppError, AppResult, ErrorBody, Msg};

/// Most tasks in one request, and longest task or evidence text.
pub const MAX_TASKS: usize = 200;
pub const MAX_EVIDENCE: usize = 200;
pub const MAX_TEXT: usize = 2000;

/// What to read.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatchBody {
    /// Task texts, as a manager writes them.
    #[serde(default)]
    pub tasks: Vec<String>,
    /// Evidence texts per criterion (by name).
    #[serde(default)]
    pub evidence: Vec<EvidenceBody>,
    /// Version number (default: the current one); `2.0` reads as 2.
    #[serde(default, deserialize_with = "crate::web::json::whole_opt")]
    #[schema(minimum = 1)]
    pub version: Option<i32>,
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceBody {
    pub criterion: String,
    pub text: String,
}

/// The reading of tasks and evidence.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchDoc {
    pub profile: String,
    pub version: i32,
    pub tasks: Vec<TaskDoc>,
    pub fit: FitDoc,
    pub criteria: Vec<CriterionDoc>,
}

/// One task: every result area best first, the nearest example tasks,
/// and the words that matched the best area.
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskDoc {
    pub text: String,
    pub result_areas: Vec<AreaScore>,
    pub examples: Vec<ExampleDoc>,
    pub terms: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AreaScore {
    /// 1-based order of the area in the profile.
    pub position: usize,
    pub title: String,
    pub score: f64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ExampleDoc {
    pub text: String,
    /// Position of the example's result area.
    pub result_area: usize,
    pub score: f64,
}

/// How many tasks match the profile above the threshold.
#[derive(Debug, Serialize, ToSchema)]
pub struct FitDoc {
    pub matching_tasks: usize,
    pub tasks: usize,
    pub share: f64,
}

/// One criterion's evidence: every level best first, the suggestion
/// (`null`: no clear level), the words that matched it, and the levels
/// whose descriptor is the suggested one's (no text can tell them apart).
#[derive(Debug, Serialize, ToSchema)]
pub struct CriterionDoc {
    pub criterion: String,
    pub levels: Vec<LevelScore>,
    pub suggested: Option<String>,
    pub terms: Vec<String>,
    pub identical: Vec<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LevelScore {
    pub level: String,
    pub score: f64,
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(match_profile))
}

/// Reads tasks and evidence against a profile version: the result area
/// and nearest examples of each task, the fit, and the level each
/// evidence text reads like, with the words each rests on. Texts written
/// in another language than the profile's (French tasks for a Dutch
/// profile) are read against the version's translation into it, when it
/// has one; criteria may be named in either. Stores nothing.
#[utoipa::path(post, path = "/profiles/{slug}/match", tag = "assessment",
    params(("slug" = String, Path, description = "Profile slug")),
    request_body = MatchBody,
    responses((status = 200, body = MatchDoc), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
async fn match_profile(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Json(body): Json<MatchBody>,
) -> AppResult<(Unchanged, Json<MatchDoc>)> {
    let current = crate::profiles::cached::current(&state, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut fields = check(&body);
    let version = match body.version {
        None => Some(current),
        Some(n) if Some(n) == current.current_version => Some(current),
        Some(n) => crate::profiles::db::published_version(&state.db, &slug, n).await?,
    };
    let Some(version) = version else {
        fields.push(("$.version".into(), Msg::new("match-version-unknown")));
        return Err(invalid(fields));
    };
    let texts: Vec<&str> = body
        .tasks
        .iter()
        .map(String::as_str)
        .chain(body.evidence.iter().map(|e| e.text.as_str()))
        .collect();
    let index = super::cached::index_for(&state, version.id, &texts).await?;
    for (i, e) in body.evidence.iter().enumerate() {
        if index.criterion(&e.criterion).is_none() {
            fields.push((
                format!("$.evidence[{i}].criterion"),
                Msg::new("api-unknown-criterion"),
            ));
        }
    }
    if !fields.is_empty() {
        return Err(invalid(fields));
    }
    Ok((Unchanged, Json(analyse(&index, &body))))
}

fn invalid(fields: Vec<(String, Msg)>) -> AppError {
    AppError::Validation {
        message: Msg::new("error-validation"),
        fields,
    }
}

/// Problems of the body that do not need the profile.
fn check(body: &MatchBody) -> Vec<(String, Msg)> {
    let mut fields = Vec::new();
    if body.tasks.is_empty() && body.evidence.is_empty() {
        fields.push(("$.tasks".into(), Msg::new("match-nothing")));
    }
    if body.tasks.len() > MAX_TASKS {
        fields.push((
            "$.tasks".into(),
            Msg::new("tasks-too-many").arg("max", MAX_TASKS),
        ));
    }
    if body.evidence.len() > MAX_EVIDENCE {
        fields.push((
            "$.evidence".into(),
            Msg::new("evidence-too-many").arg("max", MAX_EVIDENCE),
        ));
    }
    let too_long = || Msg::new("text-too-long").arg("max", MAX_TEXT);
    for (i, task) in body.tasks.iter().enumerate() {
        if task.chars().count() > MAX_TEXT {
            fields.push((format!("$.tasks[{i}]"), too_long()));
        }
    }
    for (i, e) in body.evidence.iter().enumerate() {
        if e.text.chars().count() > MAX_TEXT {
            fields.push((format!("$.evidence[{i}].text"), too_long()));
        }
    }
    fields
}

/// The whole reading of a valid body.
pub fn analyse(index: &ProfileIndex, body: &MatchBody) -> MatchDoc {
    super::text::reading(|| analyse_now(index, body))
}

fn analyse_now(index: &ProfileIndex, body: &MatchBody) -> MatchDoc {
    let matches: Vec<TaskMatch> = body.tasks.iter().map(|t| match_task(index, t)).collect();
    let readings: Vec<Reading> = body
        .evidence
        .iter()
        .filter_map(|e| {
            let criterion = index.criterion(&e.criterion)?;
            Some(evidence::read(index, criterion, &e.text))
        })
        .collect();
    reading_doc(index, &matches, &readings)
}

/// The reading of tasks and evidence as the API shows it.
pub fn reading_doc(index: &ProfileIndex, matches: &[TaskMatch], readings: &[Reading]) -> MatchDoc {
    let fit = Fit::of(matches);
    MatchDoc {
        profile: index.slug.clone(),
        version: index.version,
        tasks: matches.iter().map(|m| task_doc(index, m)).collect(),
        fit: FitDoc {
            matching_tasks: fit.matching,
            tasks: fit.tasks,
            share: round(fit.share()),
        },
        criteria: readings.iter().map(criterion_doc).collect(),
    }
}

/// A score as reported: three decimals.
pub fn round(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

fn task_doc(index: &ProfileIndex, m: &TaskMatch) -> TaskDoc {
    TaskDoc {
        text: m.text.clone(),
        result_areas: m
            .areas
            .iter()
            .map(|(a, score)| AreaScore {
                position: index.areas[*a].position,
                title: index.areas[*a].title.clone(),
                score: round(*score),
            })
            .collect(),
        examples: m
            .examples
            .iter()
            .map(|(e, score)| {
                let example = &index.examples[*e];
                ExampleDoc {
                    text: example.text.clone(),
                    result_area: index.areas[example.area].position,
                    score: round(*score),
                }
            })
            .collect(),
        terms: m.terms.clone(),
    }
}

fn criterion_doc(r: &Reading) -> CriterionDoc {
    CriterionDoc {
        criterion: r.criterion.clone(),
        levels: r
            .levels
            .iter()
            .map(|(level, score)| LevelScore {
                level: level.clone(),
                score: round(*score),
            })
            .collect(),
        suggested: r.suggested.clone(),
        terms: r.terms.clone(),
        identical: r.identical.clone(),
    }
}
