//! The assessment of a stored position: its tasks and evidence read
//! against its pinned profile version, the result-area shares its tasks
//! imply, and the flags, each with a one-line reason.

use super::evidence::{self, Reading};
use super::index::ProfileIndex;
use super::matching::{Fit, TaskMatch, match_task};
use super::precedents::{self, Precedent};
use crate::error::Msg;
use crate::profiles::model::Content;

/// What a manager wrote for a position, aligned with its profile version:
/// tasks, a declared share per result area, and per criterion the placed
/// level (index) and its evidence.
pub struct Written<'a> {
    pub tasks: &'a [String],
    pub shares: &'a [Option<i32>],
    pub placements: Vec<(Option<usize>, &'a str)>,
}

/// Most points a declared share may differ from the implied one.
pub const SHARES_GAP: i32 = 25;

/// What the reading of a position finds worth a look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flag {
    /// Fewer than 80 % of the tasks match the profile.
    PoorFit,
    /// A declared result-area share differs from what the tasks imply.
    SharesMismatch,
    /// A placement differs from the level its evidence reads like.
    EvidenceDisagrees,
    /// The proposal differs from the level most close precedents got.
    PrecedentDiffers,
}

impl Flag {
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::PoorFit => "poor_fit",
            Flag::SharesMismatch => "shares_mismatch",
            Flag::EvidenceDisagrees => "evidence_disagrees",
            Flag::PrecedentDiffers => "precedent_differs",
        }
    }

    /// Whether the flag depends on the manager's placements (and so stays
    /// hidden from HR's blind second placement).
    pub fn reveals_placements(self) -> bool {
        matches!(self, Flag::EvidenceDisagrees | Flag::PrecedentDiffers)
    }
}

/// A result area's share: declared by the manager, implied by the tasks.
#[derive(Debug, Clone)]
pub struct Share {
    /// 0-based index of the area.
    pub area: usize,
    pub declared: Option<i32>,
    pub implied: i32,
}

/// A criterion's evidence as read, with the manager's placement.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub reading: Reading,
    pub placed: Option<String>,
}

/// The assessment of one position.
pub struct Assessment {
    pub matches: Vec<TaskMatch>,
    pub fit: Fit,
    pub evidence: Vec<Evidence>,
    pub shares: Vec<Share>,
    pub flags: Vec<(Flag, Msg)>,
    /// For HR and admins only.
    pub precedents: Option<Vec<Precedent>>,
}

/// Reads what was `written` against `index` (its version's analysis); `proposal` is
/// the proposed level's code; `precedents`, when given, the closest
/// decisions (`precedents::closest`).
pub fn assess(
    index: &ProfileIndex,
    content: &Content,
    written: &Written<'_>,
    proposal: Option<&str>,
    precedents: Option<Vec<Precedent>>,
) -> Assessment {
    super::text::reading(|| assess_now(index, content, written, proposal, precedents))
}

fn assess_now(
    index: &ProfileIndex,
    content: &Content,
    written: &Written<'_>,
    proposal: Option<&str>,
    precedents: Option<Vec<Precedent>>,
) -> Assessment {
    let matches: Vec<TaskMatch> = written.tasks.iter().map(|t| match_task(index, t)).collect();
    let fit = Fit::of(&matches);
    let mut flags = Vec::new();
    if fit.is_poor() {
        flags.push((
            Flag::PoorFit,
            Msg::new("assessment-poor-fit")
                .arg("matching", fit.matching)
                .arg("tasks", fit.tasks),
        ));
    }

    let shares = implied_shares(content, written.shares, &matches);
    let worst = shares
        .iter()
        .filter_map(|s| s.declared.map(|d| (s, (d - s.implied).abs())))
        .max_by_key(|(_, gap)| *gap);
    let worst = worst.filter(|(_, gap)| fit.matching > 0 && *gap > SHARES_GAP);
    if let Some((share, gap)) = worst {
        flags.push((
            Flag::SharesMismatch,
            Msg::new("assessment-shares-mismatch")
                .arg("area", content.result_areas[share.area].title.clone())
                .arg("declared", share.declared.unwrap_or(0))
                .arg("implied", share.implied)
                .arg("gap", gap),
        ));
    }

    let mut read = Vec::new();
    for (criterion, (level, evidence_text)) in content.criteria.iter().zip(&written.placements) {
        if evidence_text.trim().is_empty() {
            continue;
        }
        let Some(text) = index.criterion(&criterion.name) else {
            continue;
        };
        let reading = evidence::read(index, text, evidence_text);
        let placed = level
            .and_then(|l| content.levels.get(l))
            .map(|l| l.code.clone());
        read.push(Evidence { reading, placed });
    }
    let disagreeing: Vec<&Evidence> = read
        .iter()
        .filter(|e| e.placed.as_deref().is_some_and(|p| e.reading.disagrees(p)))
        .collect();
    if !disagreeing.is_empty() {
        let list = disagreeing
            .iter()
            .map(|e| {
                format!(
                    "{} ({} → {})",
                    e.reading.criterion,
                    e.placed.as_deref().unwrap_or(""),
                    e.reading.suggested.as_deref().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        flags.push((
            Flag::EvidenceDisagrees,
            Msg::new("assessment-evidence-disagrees").arg("criteria", list),
        ));
    }

    if let (Some(proposal), Some(found)) = (proposal, precedents.as_deref())
        && let Some((level, n, close)) = precedents::usual_level(found)
        && level != proposal
    {
        flags.push((
            Flag::PrecedentDiffers,
            Msg::new("assessment-precedent-differs")
                .arg("level", level)
                .arg("count", n)
                .arg("close", close)
                .arg("proposal", proposal),
        ));
    }
    Assessment {
        matches,
        fit,
        evidence: read,
        shares,
        flags,
        precedents,
    }
}

/// Each area's share as declared and as the matching tasks imply (each
/// matching task counts for its best area).
fn implied_shares(
    content: &Content,
    declared: &[Option<i32>],
    matches: &[TaskMatch],
) -> Vec<Share> {
    let matching: Vec<&TaskMatch> = matches.iter().filter(|m| m.matches()).collect();
    content
        .result_areas
        .iter()
        .enumerate()
        .map(|(area, _)| {
            let count = matching
                .iter()
                .filter(|m| m.areas.first().is_some_and(|(a, _)| *a == area))
                .count();
            let implied = if matching.is_empty() {
                0
            } else {
                i32::try_from((100 * count + matching.len() / 2) / matching.len()).unwrap_or(100)
            };
            Share {
                area,
                declared: declared.get(area).copied().flatten(),
                implied,
            }
        })
        .collect()
}
