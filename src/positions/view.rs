//! A position read together with its profile version: the manager's input
//! aligned with the criteria, HR's placements, the proposal, agreement, and
//! what the viewer may do. Pages, the record and the API all build on it.

use std::sync::Arc;

use super::db::{Full, Head};
use super::input::{Placement, PositionInput};
use super::proposal::{Proposal, propose};
use super::workflow::{Action, Actor, Status, transition};
use crate::auth::model::CurrentUser;
use crate::profiles::model::Content;
use crate::web::AsIndex;

/// Who may see a position: its owner and HR (and admins). Everyone else
/// gets a 404, so a position's existence is not revealed. This is the one
/// object-level check for positions.
pub fn access(user: &CurrentUser, head: &Head) -> Option<Actor> {
    let is_owner = head.owner_id == user.id;
    (is_owner || user.is_hr()).then_some(Actor {
        is_owner,
        is_hr: user.is_hr(),
    })
}

/// HR's placement of one criterion.
#[derive(Debug, Clone, Default)]
pub struct HrPlacement {
    pub level: Option<usize>,
    pub note: String,
}

/// A position as pages show it.
pub struct PositionView {
    pub full: Full,
    pub content: Arc<Content>,
    pub input: PositionInput,
    pub hr: Vec<HrPlacement>,
    pub proposal: Proposal,
    pub actor: Actor,
}

impl PositionView {
    pub fn new(full: Full, content: Arc<Content>, actor: Actor) -> Self {
        let input = input_of(&full, &content);
        let hr = content
            .criteria
            .iter()
            .map(|c| {
                full.hr
                    .iter()
                    .find(|p| p.criterion_id == c.id)
                    .map(|p| HrPlacement {
                        level: p.level_id.and_then(|id| content.level_index_of_id(id)),
                        note: p.evidence.clone(),
                    })
                    .unwrap_or_default()
            })
            .collect();
        let proposal = proposal_of(&input, &content);
        PositionView {
            full,
            content,
            input,
            hr,
            proposal,
            actor,
        }
    }

    pub fn head(&self) -> &Head {
        &self.full.head
    }

    pub fn status(&self) -> Status {
        self.full.head.status
    }

    /// Whether the viewer may do `action` now.
    pub fn can(&self, action: Action) -> bool {
        transition(self.actor, self.status(), action).is_ok()
    }

    /// The position's decisions in order (the first, the appeal's).
    pub fn decisions(&self) -> Vec<crate::appeals::history::Step> {
        crate::appeals::history::steps(self.head(), self.full.appeal.as_ref())
    }

    /// Criteria where HR and the manager chose the same level, of those HR placed.
    pub fn agreement(&self) -> (usize, usize) {
        self.agreement_with(&self.hr)
    }

    /// The agreement with HR placements `hr` (aligned with the criteria).
    pub fn agreement_with(&self, hr: &[HrPlacement]) -> (usize, usize) {
        let placed: Vec<(Option<usize>, Option<usize>)> = self
            .input
            .placements
            .iter()
            .zip(hr)
            .filter(|(_, hr)| hr.level.is_some())
            .map(|(m, hr)| (m.level, hr.level))
            .collect();
        (placed.iter().filter(|(m, h)| m == h).count(), placed.len())
    }

    /// Whether HR placed every criterion.
    pub fn hr_complete(&self) -> bool {
        self.hr.iter().all(|p| p.level.is_some())
    }

    /// Code of a level by index.
    pub fn code(&self, level: Option<usize>) -> String {
        level
            .and_then(|l| self.content.levels.get(l))
            .map(|l| l.code.clone())
            .unwrap_or_default()
    }

    /// The manager's level code for criterion `i`.
    pub fn manager_code(&self, i: impl AsIndex) -> String {
        self.code(self.input.placements.get(i.index()).and_then(|p| p.level))
    }

    /// The manager's evidence for criterion `i`.
    pub fn evidence(&self, i: impl AsIndex) -> &str {
        self.input
            .placements
            .get(i.index())
            .map_or("", |p| p.evidence.as_str())
    }

    /// HR's level code for criterion `i`.
    pub fn hr_code(&self, i: impl AsIndex) -> String {
        self.code(self.hr.get(i.index()).and_then(|p| p.level))
    }

    /// HR's note for criterion `i`.
    pub fn hr_note(&self, i: impl AsIndex) -> &str {
        self.hr.get(i.index()).map_or("", |p| p.note.as_str())
    }

    /// The profile text of criterion `i` at the level HR chose (else the
    /// manager's): the words the decision rests on, from the pinned version.
    pub fn placed_text(&self, i: impl AsIndex) -> &str {
        let i = i.index();
        self.placed_level(i)
            .and_then(|l| self.content.criteria.get(i)?.cells.get(l)?.as_deref())
            .unwrap_or("")
    }

    /// The level criterion `i` stands at: HR's placement, else the
    /// manager's.
    pub fn placed_level(&self, i: impl AsIndex) -> Option<usize> {
        let i = i.index();
        self.hr
            .get(i)
            .and_then(|p| p.level)
            .or_else(|| self.input.placements.get(i).and_then(|p| p.level))
    }

    /// Whether HR placed criterion `i` where the manager did.
    pub fn agrees(&self, i: impl AsIndex) -> bool {
        let i = i.index();
        let hr = self.hr.get(i).and_then(|p| p.level);
        hr.is_some() && hr == self.input.placements.get(i).and_then(|p| p.level)
    }

    /// Share of a result area (by index), 0 when not covered.
    pub fn share(&self, area: impl AsIndex) -> i32 {
        self.input
            .shares
            .get(area.index())
            .copied()
            .flatten()
            .unwrap_or(0)
    }
}

/// The manager's input as stored, aligned with the profile's criteria.
pub fn input_of(full: &Full, content: &Content) -> PositionInput {
    PositionInput {
        title: full.head.title.clone(),
        unit: full.head.unit.clone(),
        purpose: full.head.purpose.clone(),
        tasks: full.tasks.clone(),
        shares: content
            .result_areas
            .iter()
            .map(|a| {
                full.shares
                    .iter()
                    .find(|(id, _)| *id == a.id)
                    .map(|(_, s)| *s)
            })
            .collect(),
        placements: content
            .criteria
            .iter()
            .map(|c| {
                full.manager
                    .iter()
                    .find(|p| p.criterion_id == c.id)
                    .map(|p| Placement {
                        level: p.level_id.and_then(|id| content.level_index_of_id(id)),
                        evidence: p.evidence.clone(),
                    })
                    .unwrap_or_default()
            })
            .collect(),
    }
}

/// The proposal for an input.
pub fn proposal_of(input: &PositionInput, content: &Content) -> Proposal {
    let levels = content.level_codes();
    let placements: Vec<(String, Option<usize>)> = content
        .criteria
        .iter()
        .enumerate()
        .map(|(i, c)| {
            (
                c.name.clone(),
                input.placements.get(i).and_then(|p| p.level),
            )
        })
        .collect();
    propose(&levels, &placements)
}
