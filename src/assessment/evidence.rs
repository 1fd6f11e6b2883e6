//! Evidence reading: which level of a criterion the manager's evidence
//! reads like.
//!
//! The levels of one criterion share most of their words; what tells them
//! apart are the words of one level's descriptor that the others lack. A
//! level's score is the weight of its descriptor's telling words (each
//! weighted by how few other levels have it) that the evidence contains,
//! over the square root of the weight of them all, with the profile's
//! general level words and the level cues beside it. Words of a denied
//! clause do not count; a denied level cue points the other way.
//! The suggestion is the best level when it leads the next *different*
//! descriptor by `MARGIN`; levels with identical descriptors cannot be
//! told apart by any text and are reported as such.

use std::collections::HashMap;

use super::index::{CriterionText, LevelText, ProfileIndex};
use super::matching::surfaces;
use super::text::{Feature, Token};

/// Least lead of the best level over the next different descriptor for a
/// suggestion; below it the reading is "no clear level".
pub const MARGIN: f32 = 0.05;
/// Least lead for a disagreement with the manager's placement to be
/// flagged (`evidence_disagrees`). Measured on the evaluation sets with
/// the starter level examples: 238 confident readings of 315, 3 of them
/// wrong (0.4: 270 with 8 wrong; before the examples weighed more, 213
/// with 7). A wrong flag costs HR a second look for nothing.
pub const CONFIDENT: f32 = 0.6;

/// The reading of one criterion's evidence.
#[derive(Debug, Clone)]
pub struct Reading {
    pub criterion: String,
    /// Every level, best first: (code, score).
    pub levels: Vec<(String, f32)>,
    /// The suggested level, when one leads by `MARGIN`.
    pub suggested: Option<String>,
    /// Its lead over the next different descriptor.
    pub lead: f32,
    /// Levels whose descriptor is the suggested one's.
    pub identical: Vec<String>,
    /// Words of the evidence found in the suggested level's descriptor.
    pub terms: Vec<String>,
}

impl Reading {
    /// Whether a placement at `level` disagrees with the reading, with
    /// enough confidence to say so.
    pub fn disagrees(&self, level: &str) -> bool {
        match &self.suggested {
            Some(s) => {
                s != level && !self.identical.iter().any(|c| c == level) && self.lead >= CONFIDENT
            }
            None => false,
        }
    }
}

/// Weight of the profile's general level words (all criteria's
/// descriptors of a level) beside the criterion's own descriptor.
pub const GENERAL: f32 = 0.5;
/// Weight of each level cue word (`cues`) found in the evidence.
pub const CUE: f32 = 0.15;
/// Weight of the likeness to decided evidence of a level.
pub const LEARNED: f32 = 1.0;
/// Weight of the likeness to an admin's level example: examples are
/// written to be typical of their level, a decided text is one manager's
/// wording of a whole position (measured in docs/ASSESSMENT.md).
pub const EXAMPLE: f32 = 4.0;
/// How many of a level's decided texts and examples most like the evidence
/// its likeness is the mean of.
const CLOSEST: usize = 2;
/// How far a level's share of telling words is normalised by the weight
/// of its descriptor: by its square root, so that a long descriptor is not
/// out of reach and a short one not reached by a single word.
const LENGTH: f32 = 0.5;

/// For each feature of a text, the token that has it most strongly. Words
/// in a denied clause ("geen eigen teksten schrijven", "mag er niet van
/// afwijken") do not count: the text says the work is not that.
type Found = HashMap<Feature, (usize, f32)>;

fn found(tokens: &[Token]) -> Found {
    let mut found = Found::new();
    for (t, token) in tokens.iter().enumerate() {
        if token.negated {
            continue;
        }
        for &(feature, factor) in &token.features {
            let slot = found.entry(feature).or_insert((t, factor));
            if factor > slot.1 {
                *slot = (t, factor);
            }
        }
    }
    found
}

/// The weighted share of `level`'s telling words that the text has, and
/// which of its tokens matched.
fn recall(level: &LevelText, found: &Found) -> (f32, Vec<usize>) {
    let mut matched = 0.0;
    let mut which = Vec::new();
    for &(feature, weight) in &level.weights {
        if let Some(&(t, factor)) = found.get(&feature) {
            matched += weight * factor;
            if !which.contains(&t) {
                which.push(t);
            }
        }
    }
    let share = if level.total > 0.0 {
        matched / level.total.powf(LENGTH)
    } else {
        0.0
    };
    (share, which)
}

/// For each level code, the mean weighted likeness (cosine) of the text to
/// the `CLOSEST` decided texts or examples of that level most like it (one
/// odd text does not decide alone; a level with fewer counts the missing
/// ones as 0), and the tokens it shares with them.
fn decided<'a>(criterion: &'a CriterionText, found: &Found) -> HashMap<&'a str, (f32, Vec<usize>)> {
    if criterion.decided.is_empty() {
        return HashMap::new();
    }
    let weight = |f: &Feature| criterion.decided_idf.get(f).copied().unwrap_or(0.0);
    let norm = found
        .iter()
        .map(|(f, (_, factor))| (weight(f) * factor).powi(2))
        .sum::<f32>()
        .sqrt();
    if norm == 0.0 {
        return HashMap::new();
    }
    let mut all: HashMap<&str, Vec<(f32, Vec<usize>)>> = HashMap::new();
    for d in &criterion.decided {
        if d.norm == 0.0 {
            continue;
        }
        let mut dot = 0.0;
        let mut which = Vec::new();
        for (f, w) in &d.vector {
            if let Some(&(t, factor)) = found.get(f) {
                dot += w * weight(f) * factor;
                if !which.contains(&t) {
                    which.push(t);
                }
            }
        }
        let likeness = d.weight * dot / (norm * d.norm);
        all.entry(d.level.as_str())
            .or_default()
            .push((likeness, which));
    }
    all.into_iter()
        .map(|(level, mut texts)| {
            texts.sort_by(|a, b| b.0.total_cmp(&a.0));
            texts.truncate(CLOSEST);
            let mean = texts.iter().map(|(l, _)| l).sum::<f32>() / CLOSEST as f32;
            let mut words = Vec::new();
            for t in texts.into_iter().flat_map(|(_, w)| w) {
                if !words.contains(&t) {
                    words.push(t);
                }
            }
            (level, (mean, words))
        })
        .collect()
}

/// Reads `text` as evidence for `criterion`.
pub fn read(index: &ProfileIndex, criterion: &CriterionText, text: &str) -> Reading {
    let tokens = index.evidence_words().analyze(text);
    let found = found(&tokens);
    let decided = decided(criterion, &found);
    let mut scored: Vec<(usize, f32, Vec<usize>)> = Vec::new();
    let count = criterion.levels.len();
    for (i, level) in criterion.levels.iter().enumerate() {
        let (own, mut which) = recall(level, &found);
        let general = index
            .general
            .iter()
            .find(|g| g.code == level.code)
            .map_or(0.0, |g| recall(g, &found).0);
        let mut cued = Vec::new();
        for (t, token) in tokens.iter().enumerate() {
            let points_here = token.features.iter().any(|(f, factor)| {
                *factor >= 1.0
                    && index.cues.get(f).is_some_and(|place| {
                        // A denied cue points the other way ("niet
                        // zelfstandig", "zonder toezicht").
                        let place = if token.negated {
                            place.flipped()
                        } else {
                            Some(*place)
                        };
                        place.is_some_and(|p| p.fits(i, count))
                    })
            });
            if points_here {
                cued.push(t);
            }
        }
        let learned = decided.get(level.code.as_str());
        let score = own
            + GENERAL * general
            + CUE * cued.len() as f32
            + learned.map_or(0.0, |(likeness, _)| *likeness);
        for t in cued
            .into_iter()
            .chain(learned.into_iter().flat_map(|(_, w)| w.iter().copied()))
        {
            if !which.contains(&t) {
                which.push(t);
            }
        }
        scored.push((i, score, which));
    }
    // Levels with one descriptor get one score: no text tells them apart.
    for i in 0..scored.len() {
        let same = &criterion.levels[scored[i].0].identical;
        let best = scored
            .iter()
            .filter(|(j, _, _)| *j == scored[i].0 || same.contains(&criterion.levels[*j].code))
            .map(|(_, s, _)| *s)
            .fold(0.0f32, f32::max);
        scored[i].1 = best;
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let levels: Vec<(String, f32)> = scored
        .iter()
        .map(|(i, s, _)| (criterion.levels[*i].code.clone(), *s))
        .collect();
    let Some((top, best, which)) = scored.first() else {
        return Reading {
            criterion: criterion.name.clone(),
            levels,
            suggested: None,
            lead: 0.0,
            identical: Vec::new(),
            terms: Vec::new(),
        };
    };
    let identical = criterion.levels[*top].identical.clone();
    let next = scored
        .iter()
        .skip(1)
        .find(|(i, _, _)| !identical.contains(&criterion.levels[*i].code))
        .map_or(0.0, |(_, s, _)| *s);
    let lead = best - next;
    let clear = *best > 0.0 && lead >= MARGIN;
    Reading {
        criterion: criterion.name.clone(),
        levels,
        suggested: clear.then(|| criterion.levels[*top].code.clone()),
        lead,
        identical: if clear { identical } else { Vec::new() },
        terms: if clear {
            surfaces(&tokens, which)
        } else {
            Vec::new()
        },
    }
}
