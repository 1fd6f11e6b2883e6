//! What the portal reads in a position (`assessment`), as the position
//! and review pages show it: each task's best result area with the words
//! it rests on, the fit, declared and implied shares, what each evidence
//! text reads like, the flags with their reasons and, for HR, precedents.

use std::sync::Arc;

use crate::app::AppState;
use crate::assessment::index::ProfileIndex;
use crate::assessment::position::{Assessment, Written};
use crate::assessment::{self};
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::positions::view::PositionView;

pub struct TaskRow {
    pub text: String,
    /// The best area's title, when the task matches the profile.
    pub area: Option<String>,
    /// Percent.
    pub score: u32,
    pub terms: String,
}

pub struct ShareRow {
    pub title: String,
    pub declared: String,
    pub implied: i32,
}

pub struct EvidenceRow {
    pub criterion: String,
    /// The level it reads like, with the levels of the same descriptor
    /// ("C = B"); empty when no level leads.
    pub reads_like: String,
    pub terms: String,
}

pub struct PrecedentRow {
    pub id: i64,
    pub title: String,
    pub level: String,
    pub decided_at: String,
    /// Percent.
    pub similarity: u32,
}

/// The reading as pages show it.
pub struct ReadingView {
    pub tasks: Vec<TaskRow>,
    pub matching: usize,
    pub shares: Vec<ShareRow>,
    pub evidence: Vec<EvidenceRow>,
    /// (flag, reason).
    pub flags: Vec<(&'static str, String)>,
    pub precedents: Option<Vec<PrecedentRow>>,
    /// Where to ask for precedents, when they were not looked for.
    pub precedents_link: Option<String>,
    /// Flags that depend on the manager's placements are left out.
    pub blind: bool,
}

/// Reads `v`. `blind`: for HR's independent placement, nothing may depend
/// on the manager's placements (no evidence readings next to a placement,
/// no flags built on them, precedents by tasks only). `precedents`: HR's
/// view (managers never see other positions).
pub async fn read(
    state: &AppState,
    v: &PositionView,
    lang: Lang,
    precedents: bool,
    blind: bool,
) -> AppResult<ReadingView> {
    let (index, a) = assess(state, v, precedents, blind).await?;
    Ok(view(&index, v, a, lang, blind))
}

/// The assessment of `v` against its version's analysis (see `read`).
pub async fn assess(
    state: &AppState,
    v: &PositionView,
    precedents: bool,
    blind: bool,
) -> AppResult<(Arc<ProfileIndex>, Assessment)> {
    let version_id = v.head().profile_version_id;
    let index = assessment::cached::index(state, version_id).await?;
    let placed: Vec<(String, String)> = if blind {
        Vec::new()
    } else {
        v.content
            .criteria
            .iter()
            .zip(&v.input.placements)
            .filter_map(|(c, p)| {
                let level = p.level.and_then(|l| v.content.levels.get(l))?;
                Some((c.name.clone(), level.code.clone()))
            })
            .collect()
    };
    let found = if precedents {
        let decided = assessment::precedents::decided(&state.db, version_id, v.head().id).await?;
        Some(assessment::precedents::closest(
            &index,
            &v.input.tasks,
            &placed,
            decided,
        ))
    } else {
        None
    };
    let proposal = if blind {
        None
    } else {
        v.proposal.code.as_deref()
    };
    let a = assessment::position::assess(&index, &v.content, &written(v), proposal, found);
    Ok((index, a))
}

/// What the manager wrote, as the reading takes it.
pub fn written(v: &PositionView) -> Written<'_> {
    Written {
        tasks: &v.input.tasks,
        shares: &v.input.shares,
        placements: v
            .input
            .placements
            .iter()
            .map(|p| (p.level, p.evidence.as_str()))
            .collect(),
    }
}

fn view(
    index: &ProfileIndex,
    v: &PositionView,
    a: Assessment,
    lang: Lang,
    blind: bool,
) -> ReadingView {
    let tasks = a
        .matches
        .iter()
        .map(|m| TaskRow {
            text: m.text.clone(),
            area: m
                .matches()
                .then(|| m.areas.first().map(|(i, _)| index.areas[*i].title.clone()))
                .flatten(),
            score: percent(m.best()),
            terms: m.terms.join(", "),
        })
        .collect();
    let shares = a
        .shares
        .iter()
        .map(|s| ShareRow {
            title: v.content.result_areas[s.area].title.clone(),
            declared: s.declared.map(|d| format!("{d} %")).unwrap_or_default(),
            implied: s.implied,
        })
        .collect();
    let evidence = a
        .evidence
        .iter()
        .map(|e| {
            let r = &e.reading;
            let reads_like = r.suggested.as_ref().map_or_else(String::new, |s| {
                std::iter::once(s.clone())
                    .chain(r.identical.iter().cloned())
                    .collect::<Vec<_>>()
                    .join(" = ")
            });
            EvidenceRow {
                criterion: r.criterion.clone(),
                reads_like,
                terms: r.terms.join(", "),
            }
        })
        .collect();
    let flags = a
        .flags
        .iter()
        .filter(|(flag, _)| !(blind && flag.reveals_placements()))
        .map(|(flag, msg)| (flag.as_str(), msg.render(lang)))
        .collect();
    let precedents = a.precedents.map(|found| {
        found
            .into_iter()
            .map(|p| PrecedentRow {
                id: p.decided.id,
                title: p.decided.title,
                level: p.decided.level,
                decided_at: crate::clock::date(&p.decided.decided_at),
                similarity: percent(p.similarity),
            })
            .collect()
    });
    ReadingView {
        tasks,
        matching: a.fit.matching,
        shares,
        evidence: if blind { Vec::new() } else { evidence },
        flags,
        precedents,
        precedents_link: None,
        blind,
    }
}

fn percent(score: f32) -> u32 {
    // Scores are between 0 and 1.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let p = (score.clamp(0.0, 1.0) * 100.0).round() as u32;
    p
}
