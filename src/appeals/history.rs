//! A position's decisions in order: the first, and the appeal's when it
//! was decided. The record, the pages and the API all tell it from here.

use time::OffsetDateTime;

use super::model::AppealRow;
use crate::positions::db::Head;

/// One decision of a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// `decision`, or `appeal` for the appeal's decision.
    pub kind: &'static str,
    /// `upheld` or `changed` (appeals only).
    pub outcome: Option<String>,
    pub level: String,
    pub rationale: String,
    pub decided_by: String,
    pub decided_at: OffsetDateTime,
}

/// Every decision of the position, oldest first (empty before the first).
pub fn steps(head: &Head, appeal: Option<&AppealRow>) -> Vec<Step> {
    let (Some(level), Some(rationale), Some(by), Some(at)) = (
        &head.decided_level,
        &head.rationale,
        &head.decided_by_name,
        head.decided_at,
    ) else {
        return Vec::new();
    };
    let mut steps = vec![Step {
        kind: "decision",
        outcome: None,
        // An appeal that changed the level moved the position's level in
        // force; the first decision's stays with the appeal.
        level: appeal.map_or_else(|| level.clone(), |a| a.original_level.clone()),
        rationale: rationale.clone(),
        decided_by: by.clone(),
        decided_at: at,
    }];
    if let Some(a) = appeal
        && let (Some(outcome), Some(level), Some(rationale), Some(by), Some(at)) = (
            &a.outcome,
            &a.level,
            &a.rationale,
            &a.decided_by_name,
            a.decided_at,
        )
    {
        steps.push(Step {
            kind: "appeal",
            outcome: Some(outcome.clone()),
            level: level.clone(),
            rationale: rationale.clone(),
            decided_by: by.clone(),
            decided_at: at,
        });
    }
    steps
}
