//! What the positions API answers: the position document, built from a
//! `PositionView`, and the list.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::ToSchema;

use crate::appeals::history;
use crate::appeals::workflow::AppealStatus;
use crate::i18n::Lang;
use crate::positions::db::Line;
use crate::positions::proposal::Flag;
use crate::positions::queue::Listing;
use crate::positions::view::PositionView;
use crate::positions::workflow::Status;

/// A result area the position covers, by title, with its share in %.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AreaShare {
    pub title: String,
    /// Share of the work in %, a whole number (`1.0` too).
    #[serde(deserialize_with = "crate::web::json::whole")]
    #[schema(minimum = 0, maximum = 100)]
    pub share: i32,
}

/// A placement of a criterion (by name) at a level (by code).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PlacementDoc {
    pub criterion: String,
    pub level: Option<String>,
    #[serde(default)]
    #[schema(schema_with = evidence_schema)]
    pub evidence: String,
}

/// Evidence: at most `MAX_EVIDENCE` characters, no control characters.
fn evidence_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(
        0,
        crate::positions::input::MAX_EVIDENCE,
        super::request::TEXT_PATTERN,
    )
}

/// HR's note: at most `MAX_EVIDENCE` characters.
fn note_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(0, crate::positions::input::MAX_EVIDENCE, r"^[^\x00]*$")
}

/// HR's placement of a criterion.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HrPlacementDoc {
    pub criterion: String,
    pub level: Option<String>,
    #[serde(default)]
    #[schema(schema_with = note_schema)]
    pub note: String,
}

/// The level the portal proposes, with its flags and how it got there.
#[derive(Serialize, ToSchema)]
pub struct ProposalDoc {
    level: Option<String>,
    flags: Vec<Flag>,
    trace: String,
}

/// A decision: the first (`decision`) or an appeal's (`appeal`).
#[derive(Serialize, ToSchema)]
pub struct DecisionDoc {
    #[schema(value_type = String, pattern = "^(decision|appeal)$")]
    kind: &'static str,
    /// `upheld` or `changed` (an appeal's decision).
    outcome: Option<String>,
    level: String,
    rationale: String,
    decided_by: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    decided_at: OffsetDateTime,
}

/// Grounds against one criterion.
#[derive(Serialize, ToSchema)]
pub struct GroundsDoc {
    criterion: String,
    grounds: String,
}

/// A question of the appeal's officer or the appellant's answer.
#[derive(Serialize, ToSchema)]
pub struct AppealMessageDoc {
    kind: String,
    body: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    created_at: OffsetDateTime,
}

/// The appeal against the decision.
#[derive(Serialize, ToSchema)]
pub struct AppealDoc {
    /// `open`, `waiting` (for the appellant's answer) or `decided`.
    status: AppealStatus,
    /// `upheld` or `changed` once decided.
    outcome: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    lodged_at: OffsetDateTime,
    criteria: Vec<GroundsDoc>,
    /// Grounds against the profile fit.
    fit: Option<String>,
    messages: Vec<AppealMessageDoc>,
}

/// A message of the thread.
#[derive(Serialize, ToSchema)]
pub struct CommentDoc {
    author: String,
    kind: String,
    body: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    created_at: OffsetDateTime,
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
    /// The level in force (an appeal's when it changed the first).
    level: Option<String>,
    /// The decision in force (the last of `decisions`).
    decision: Option<DecisionDoc>,
    /// Every decision, oldest first.
    decisions: Vec<DecisionDoc>,
    appeal: Option<AppealDoc>,
    comments: Vec<CommentDoc>,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    submitted_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    updated_at: OffsetDateTime,
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

/// A page of the position list.
#[derive(Serialize, ToSchema)]
pub struct PositionList {
    items: Vec<PositionLine>,
    page: i64,
    /// Another page follows.
    more: bool,
}

impl PositionList {
    /// Page `page` of the list.
    pub fn new(listing: &Listing, page: i64) -> Self {
        PositionList {
            items: listing.lines.iter().map(line).collect(),
            page,
            more: listing.more,
        }
    }
}

fn line(l: &Line) -> PositionLine {
    PositionLine {
        id: l.id,
        title: l.title.clone(),
        unit: l.unit.clone(),
        status: l.status,
        profile: l.slug.clone(),
        profile_version: l.version,
        proposed_level: l.proposed_level.clone(),
        decided_level: l.decided_level.clone(),
    }
}

impl PositionDoc {
    /// The document of a position as `v`'s viewer may see it.
    pub fn new(v: &PositionView, lang: Lang) -> Self {
        let head = v.head();
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
            result_areas: area_shares(v),
            placements: placements(v),
            hr_placements: hr_placements(v),
            proposal: ProposalDoc {
                level: v.proposal.code.clone(),
                flags: v.proposal.flags.clone(),
                trace: v.proposal.trace(lang),
            },
            level: head.decided_level.clone(),
            decision: decisions(v).pop(),
            decisions: decisions(v),
            appeal: appeal(v),
            comments: comments(v),
            submitted_at: head.submitted_at,
            updated_at: head.updated_at,
        }
    }
}

/// The result areas given a share, in profile order.
fn area_shares(v: &PositionView) -> Vec<AreaShare> {
    v.content
        .result_areas
        .iter()
        .zip(&v.input.shares)
        .filter_map(|(a, s)| {
            s.map(|share| AreaShare {
                title: a.title.clone(),
                share,
            })
        })
        .collect()
}

/// The manager's placement of every criterion, in profile order.
fn placements(v: &PositionView) -> Vec<PlacementDoc> {
    v.content
        .criteria
        .iter()
        .zip(&v.input.placements)
        .map(|(crit, p)| PlacementDoc {
            criterion: crit.name.clone(),
            level: p.level.map(|l| v.code(Some(l))),
            evidence: p.evidence.clone(),
        })
        .collect()
}

/// HR's placements made, for HR (everyone once decided).
fn hr_placements(v: &PositionView) -> Vec<HrPlacementDoc> {
    if !(v.actor.is_hr || v.status() == Status::Decided) {
        return Vec::new();
    }
    v.content
        .criteria
        .iter()
        .zip(&v.hr)
        .filter(|(_, p)| p.level.is_some() || !p.note.is_empty())
        .map(|(crit, p)| HrPlacementDoc {
            criterion: crit.name.clone(),
            level: p.level.map(|l| v.code(Some(l))),
            note: p.note.clone(),
        })
        .collect()
}

fn decisions(v: &PositionView) -> Vec<DecisionDoc> {
    history::steps(v.head(), v.full.appeal.as_ref())
        .into_iter()
        .map(|s| DecisionDoc {
            kind: s.kind,
            outcome: s.outcome,
            level: s.level,
            rationale: s.rationale,
            decided_by: s.decided_by,
            decided_at: s.decided_at,
        })
        .collect()
}

fn appeal(v: &PositionView) -> Option<AppealDoc> {
    let a = v.full.appeal.as_ref()?;
    Some(AppealDoc {
        status: a.status,
        outcome: a.outcome.clone(),
        lodged_at: a.lodged_at,
        criteria: v
            .content
            .criteria
            .iter()
            .filter_map(|c| {
                a.grounds_of(c.id).map(|g| GroundsDoc {
                    criterion: c.name.clone(),
                    grounds: g.to_string(),
                })
            })
            .collect(),
        fit: a.fit_grounds.clone(),
        messages: a
            .messages
            .iter()
            .map(|m| AppealMessageDoc {
                kind: m.kind.clone(),
                body: m.body.clone(),
                created_at: m.created_at,
            })
            .collect(),
    })
}

fn comments(v: &PositionView) -> Vec<CommentDoc> {
    v.full
        .comments
        .iter()
        .map(|cm| CommentDoc {
            author: cm.author_name.clone(),
            kind: cm.kind.clone(),
            body: cm.body.clone(),
            created_at: cm.created_at,
        })
        .collect()
}
