//! Evidence reading: which level of a criterion the manager's evidence
//! reads like.
//!
//! The levels of one criterion share most of their words; what tells them
//! apart are the words of one level's descriptor that the others lack. A
//! level's score is the share of its descriptor's telling words (each
//! weighted by how few other levels have it) that the evidence contains.
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
/// flagged (`evidence_disagrees`).
pub const CONFIDENT: f32 = 0.15;

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
pub const CUE: f32 = 0.1;

/// For each feature of a text, the token that has it most strongly.
type Found = HashMap<Feature, (usize, f32)>;

fn found(index: &ProfileIndex, tokens: &[Token]) -> Found {
    let mut found = Found::new();
    let neg = super::knob("E_NEG", 1.0);
    for (t, token) in tokens.iter().enumerate() {
        if token.negated && neg >= 2.0 {
            continue;
        }
        if token.negated
            && neg >= 1.0
            && token
                .features
                .iter()
                .any(|(f, _)| index.cues.contains_key(f))
        {
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
fn recall(level: &LevelText, found: &Found, p: f32) -> (f32, Vec<usize>) {
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
        matched / level.total.powf(p)
    } else {
        0.0
    };
    (share, which)
}

/// Reads `text` as evidence for `criterion`.
pub fn read(index: &ProfileIndex, criterion: &CriterionText, text: &str) -> Reading {
    let tokens = index.analyzer.analyze(text);
    let found = found(index, &tokens);
    let neg = super::knob("E_NEG", 1.0) >= 1.0;
    let own_first_mode = super::knob("E_OWNFIRST", 0.0);
    let own_first = own_first_mode >= 1.0;
    let own_first_general = own_first_mode >= 2.0;
    let p = super::knob("E_P", 0.5);
    let general_weight = super::knob("E_GENERAL", GENERAL);
    let cue_weight = super::knob("E_CUE", 0.15);
    let in_criterion = |f: &Feature| criterion.levels.iter().any(|l| l.bag.0.contains_key(f));
    let pair_weight = super::knob("E_PAIR", 0.0);
    let text_pairs = super::index::pairs(&tokens);
    // Tokens in a pair of the criterion's descriptors: the profile's own
    // phrase says where they point, not the general cue list.
    let mut in_pair = vec![false; tokens.len()];
    if pair_weight > 0.0 && super::knob("E_PAIRCUE", 1.0) > 0.0 {
        for (t, window) in tokens.windows(2).enumerate() {
            let hit = window[0].features.iter().any(|(a, _)| {
                window[1].features.iter().any(|(b, _)| {
                    let key = ((*a).min(*b), (*a).max(*b));
                    criterion
                        .levels
                        .iter()
                        .any(|l| l.pairs.iter().any(|(p, _)| *p == key))
                })
            });
            if hit {
                in_pair[t] = true;
                in_pair[t + 1] = true;
            }
        }
    }
    let mut scored: Vec<(usize, f32, Vec<usize>)> = Vec::new();
    let count = criterion.levels.len();
    for (i, level) in criterion.levels.iter().enumerate() {
        let (own, mut which) = recall(level, &found, p);
        let general_found: Found;
        let general_from = if own_first_general {
            general_found = found
                .iter()
                .filter(|(f, _)| !in_criterion(f))
                .map(|(f, v)| (*f, *v))
                .collect();
            &general_found
        } else {
            &found
        };
        let general = index
            .general
            .iter()
            .find(|g| g.code == level.code)
            .map_or(0.0, |g| recall(g, general_from, p).0);
        let phrase: f32 = level
            .pairs
            .iter()
            .filter_map(|(p, w)| text_pairs.get(p).map(|f| w * f))
            .sum();
        let mut cued = Vec::new();
        for (t, token) in tokens.iter().enumerate() {
            if in_pair[t] {
                continue;
            }
            let points_here = token.features.iter().any(|(f, factor)| {
                *factor >= 1.0
                    && !(own_first && in_criterion(f))
                    && index.cues.get(f).is_some_and(|p| {
                        let p = if neg && token.negated {
                            p.flipped()
                        } else {
                            Some(*p)
                        };
                        p.is_some_and(|p| p.fits(i, count))
                    })
            });
            if points_here {
                cued.push(t);
            }
        }
        let score =
            own + general_weight * general + cue_weight * cued.len() as f32 + pair_weight * phrase;
        for t in cued {
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
