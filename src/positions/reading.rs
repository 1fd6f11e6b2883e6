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
    /// The best area (0-based), matching or not: the area HR's
    /// confirmation form proposes.
    pub best: Option<usize>,
    /// The area HR confirmed for this task (its title), if any.
    pub confirmed: Option<String>,
    /// Percent.
    pub score: u32,
    pub terms: String,
}

impl TaskRow {
    /// Whether area `i` (0-based) is the task's best.
    pub fn is_best(&self, i: impl crate::web::AsIndex) -> bool {
        self.best == Some(i.index())
    }
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
    /// The start of the decision's rationale.
    pub rationale: String,
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
    /// HR's controls to confirm or correct each task's result area.
    pub confirming: Option<Confirming>,
    /// Where to ask for profiles that fit the tasks better, when the
    /// position fits its own poorly and they were not looked for.
    pub others_link: Option<String>,
    /// Other profiles of the catalogue by how well they fit the tasks,
    /// when asked for.
    pub others: Option<Vec<OtherProfile>>,
}

/// Another profile of the catalogue, with how many of the position's
/// tasks match it.
pub struct OtherProfile {
    pub slug: String,
    pub title: String,
    pub matching: usize,
    pub tasks: usize,
}

/// How many other profiles are named.
const OTHERS: usize = 3;

/// What HR's confirmation forms need.
pub struct Confirming {
    /// The forms post to `{base}/{n}/confirm` and `{base}/{n}/undo`.
    pub base: String,
    /// The result areas' titles, in profile order.
    pub areas: Vec<String>,
}

/// How long a rationale excerpt is, in characters.
const EXCERPT: usize = 200;

impl ReadingView {
    /// Adds HR's confirmation controls, with the live confirmations of
    /// `v`'s tasks (a confirmation of a text the manager changed since
    /// no longer holds for the task).
    pub async fn confirming(&mut self, state: &AppState, v: &PositionView) -> AppResult<()> {
        let id = v.head().id;
        let live = assessment::learning::of_position(&state.db, id).await?;
        for (n, task) in self.tasks.iter_mut().enumerate() {
            task.confirmed = live
                .iter()
                .find(|(number, text, _)| {
                    usize::try_from(*number).ok() == Some(n + 1) && *text == task.text
                })
                .and_then(|(_, _, area)| v.content.result_areas.iter().find(|a| a.id == *area))
                .map(|a| a.title.clone());
        }
        self.confirming = Some(Confirming {
            base: format!("/review/{id}/tasks"),
            areas: v
                .content
                .result_areas
                .iter()
                .map(|a| a.title.clone())
                .collect(),
        });
        Ok(())
    }
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
    let index = assessment::cached::index_for(state, version_id, &written_texts(v)).await?;
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

/// The texts the manager wrote (tasks and evidence): what tells the
/// language they are read in.
fn written_texts(v: &PositionView) -> Vec<&str> {
    v.input
        .tasks
        .iter()
        .map(String::as_str)
        .chain(v.input.placements.iter().map(|p| p.evidence.as_str()))
        .collect()
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
            best: m.areas.first().map(|(i, _)| *i),
            confirmed: None,
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
                rationale: excerpt(&p.decided.rationale),
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
        confirming: None,
        others_link: None,
        others: None,
    }
}

/// Whether `v` fits its profile poorly (fewer than 80 % of its tasks match).
pub fn fits_poorly(reading: &ReadingView) -> bool {
    let poor_fit = assessment::position::Flag::PoorFit.as_str();
    reading.flags.iter().any(|(flag, _)| *flag == poor_fit)
}

/// The current profiles of the catalogue other than `v`'s, that match
/// at least one of its tasks, best fitting first (most matching tasks,
/// then the higher mean score): at most `OTHERS`. Each profile's
/// analysis comes from the cache, so a catalogue is read once per
/// instance, not per request.
pub async fn other_profiles(state: &AppState, v: &PositionView) -> AppResult<Vec<OtherProfile>> {
    let catalogue = crate::profiles::cached::catalogue(state).await?;
    let own = &v.head().slug;
    let mut found: Vec<(OtherProfile, f32)> = Vec::new();
    for entry in catalogue.iter().filter(|e| e.slug != *own) {
        let Some(version) = crate::profiles::cached::current(state, &entry.slug).await? else {
            continue;
        };
        let index = assessment::cached::index_for(state, version.id, &written_texts(v)).await?;
        let matches: Vec<_> = v
            .input
            .tasks
            .iter()
            .map(|t| assessment::matching::match_task(&index, t))
            .collect();
        let fit = assessment::matching::Fit::of(&matches);
        if fit.matching == 0 {
            continue;
        }
        let mean = matches
            .iter()
            .map(assessment::matching::TaskMatch::best)
            .sum::<f32>()
            / matches.len() as f32;
        found.push((
            OtherProfile {
                slug: entry.slug.clone(),
                title: entry.title.clone(),
                matching: fit.matching,
                tasks: fit.tasks,
            },
            mean,
        ));
    }
    found.sort_by(|a, b| {
        b.0.matching
            .cmp(&a.0.matching)
            .then(b.1.total_cmp(&a.1))
            .then(a.0.slug.cmp(&b.0.slug))
    });
    Ok(found.into_iter().take(OTHERS).map(|(o, _)| o).collect())
}

/// Names the other profiles that fit `v`'s tasks when `asked`, else a
/// link to ask for them (`page` is the page's path and query so far);
/// only when the position fits its own profile poorly.
pub async fn offer_others(
    reading: &mut ReadingView,
    state: &AppState,
    v: &PositionView,
    asked: bool,
    page: &str,
) -> AppResult<()> {
    if !fits_poorly(reading) {
        return Ok(());
    }
    if asked {
        reading.others = Some(other_profiles(state, v).await?);
    } else {
        let join = if page.contains('?') { '&' } else { '?' };
        reading.others_link = Some(format!("{page}{join}profiles=1#reading-others-h"));
    }
    Ok(())
}

/// The first words of `text`, at most `EXCERPT` characters, cut at a word.
fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    let at = cut.rfind(char::is_whitespace).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end())
}

fn percent(score: f32) -> u32 {
    // Scores are between 0 and 1.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let p = (score.clamp(0.0, 1.0) * 100.0).round() as u32;
    p
}
