//! Task matching: how well a task a manager wrote matches each result
//! area of a profile version, and which example tasks it is nearest to.
//!
//! A task's score for an area is the mean of two plain measures, each
//! between 0 and 1:
//! - *coverage*: the share of the task's words (weighted by how rare they
//!   are across the areas) that the area's texts contain;
//! - *nearest example*: the weighted cosine of the task and the area's
//!   closest example task (the profile's, or a task HR confirmed).
//!
//! Words link through stems, compound parts, the thesaurus and known
//! misspellings (`text`); the matched words are reported as written.

use super::index::{Bag, ProfileIndex};
use super::text::Token;

/// A task matches the profile when its best area scores this much: about
/// two ordinary words in common with the area, one of them with a close
/// example (docs/ASSESSMENT.md shows how it was chosen).
pub const FIT_THRESHOLD: f32 = 0.22;
/// A task this like (weighted cosine) a task HR confirmed is work of the
/// profile.
pub const CONFIRMED_LIKE: f32 = 0.55;
/// A position fits the profile when this share of its tasks match (the
/// usual rule for applying a reference function).
pub const FIT_SHARE: f32 = 0.8;
/// Example tasks reported per task.
pub const EXAMPLES: usize = 3;

/// The match of one task.
#[derive(Debug, Clone)]
pub struct TaskMatch {
    pub text: String,
    /// Every area, best first: (0-based index, score).
    pub areas: Vec<(usize, f32)>,
    /// The nearest example tasks, best first: (index in the profile's
    /// examples, score).
    pub examples: Vec<(usize, f32)>,
    /// Words of the task found in the best area, as written.
    pub terms: Vec<String>,
    /// The best area's score on the profile's own texts (without the
    /// tasks HR confirmed).
    pub own: f32,
    /// Likeness to the closest task HR confirmed (0 without any).
    pub confirmed: f32,
}

impl TaskMatch {
    /// The best area's score (0 for a profile without areas).
    pub fn best(&self) -> f32 {
        self.areas.first().map_or(0.0, |(_, s)| *s)
    }

    /// Whether the task is work of the profile: its score on the
    /// profile's own texts reaches `FIT_THRESHOLD`, or it is all but the
    /// same as a task HR confirmed. Not its score with the confirmed
    /// tasks: they widen every area's words until other jobs' work fits
    /// (docs/ASSESSMENT.md).
    pub fn matches(&self) -> bool {
        self.own >= FIT_THRESHOLD || self.confirmed >= CONFIRMED_LIKE
    }
}

/// How many tasks match, of how many.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub matching: usize,
    pub tasks: usize,
}

impl Fit {
    pub fn of(matches: &[TaskMatch]) -> Fit {
        Fit {
            matching: matches.iter().filter(|m| m.matches()).count(),
            tasks: matches.len(),
        }
    }

    /// The share of tasks that match (1 for no tasks: nothing disagrees).
    pub fn share(self) -> f32 {
        if self.tasks == 0 {
            1.0
        } else {
            self.matching as f32 / self.tasks as f32
        }
    }

    pub fn is_poor(self) -> bool {
        self.tasks > 0 && self.share() < FIT_SHARE
    }
}

/// A task as weighted features, for matching.
struct Query<'a> {
    tokens: &'a [Token],
    /// Weight of each token: its strongest known feature's, or the
    /// unknown-word weight.
    weights: Vec<f32>,
    total: f32,
    vector: Bag,
    norm: f32,
}

impl<'a> Query<'a> {
    fn new(index: &ProfileIndex, tokens: &'a [Token]) -> Self {
        let mut weights = Vec::with_capacity(tokens.len());
        let mut vector = Bag::default();
        let mut norm2 = 0.0;
        for token in tokens {
            let mut best = 0.0f32;
            for &(feature, factor) in &token.features {
                let w = factor * index.weight(feature);
                best = best.max(w);
                let slot = vector.0.entry(feature).or_insert(0.0);
                *slot = slot.max(w);
            }
            if best == 0.0 {
                best = index.unknown;
                norm2 += best * best;
            }
            weights.push(best);
        }
        norm2 += vector.0.values().map(|w| w * w).sum::<f32>();
        Query {
            tokens,
            total: weights.iter().sum(),
            weights,
            vector,
            norm: norm2.sqrt(),
        }
    }

    /// The weighted share of the task's words that `bag` has, and which.
    fn coverage(&self, index: &ProfileIndex, bag: &Bag) -> (f32, Vec<usize>) {
        let mut matched = 0.0;
        let mut which = Vec::new();
        for (i, token) in self.tokens.iter().enumerate() {
            let best = token
                .features
                .iter()
                .filter_map(|&(f, factor)| bag.get(f).map(|g| factor * g * index.weight(f)))
                .fold(0.0f32, f32::max);
            if best > 0.0 {
                matched += best.min(self.weights[i]);
                which.push(i);
            }
        }
        let share = if self.total > 0.0 {
            matched / self.total
        } else {
            0.0
        };
        (share, which)
    }

    /// The weighted cosine of the task and each example.
    fn cosines(&self, index: &ProfileIndex) -> Vec<f32> {
        let mut dots = vec![0.0f32; index.examples.len()];
        if self.norm == 0.0 {
            return dots;
        }
        for (feature, q) in &self.vector.0 {
            for &(e, w) in index.postings.get(feature).into_iter().flatten() {
                dots[e as usize] += q * w;
            }
        }
        for (dot, example) in dots.iter_mut().zip(&index.examples) {
            *dot = if example.norm == 0.0 {
                0.0
            } else {
                *dot / (self.norm * example.norm)
            };
        }
        dots
    }
}

/// Matches one task against the profile's result areas and examples.
pub fn match_task(index: &ProfileIndex, text: &str) -> TaskMatch {
    super::text::reading(|| {
        let tokens = index.analyzer.analyze(text);
        let mut m = match_tokens(index, text, &tokens);
        if let Some(own) = &index.own
            && m.confirmed < CONFIRMED_LIKE
        {
            m.own = match_task(own, text).best();
        }
        m
    })
}

/// Matches a task analysed as `tokens` (`m.own` is its best score here).
fn match_tokens(index: &ProfileIndex, text: &str, tokens: &[Token]) -> TaskMatch {
    let query = Query::new(index, tokens);
    let example_scores = query.cosines(index);
    let mut areas = Vec::with_capacity(index.areas.len());
    let mut terms_of = Vec::with_capacity(index.areas.len());
    for (i, area) in index.areas.iter().enumerate() {
        let (coverage, which) = query.coverage(index, &area.bag);
        let nearest = index
            .examples
            .iter()
            .zip(&example_scores)
            .filter(|(e, _)| e.area == i)
            .map(|(_, s)| *s)
            .fold(0.0f32, f32::max);
        areas.push((i, (coverage + nearest) / 2.0));
        terms_of.push(which);
    }
    areas.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut examples: Vec<(usize, f32)> = example_scores
        .iter()
        .copied()
        .enumerate()
        .filter(|(_, s)| *s > 0.0)
        .collect();
    examples.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    examples.truncate(EXAMPLES);
    let confirmed = index
        .examples
        .iter()
        .zip(&example_scores)
        .filter(|(e, _)| e.confirmed)
        .map(|(_, s)| *s)
        .fold(0.0f32, f32::max);
    let own = areas.first().map_or(0.0, |(_, s)| *s);
    let terms = match areas.first() {
        Some((best, score)) if *score > 0.0 => surfaces(tokens, &terms_of[*best]),
        _ => Vec::new(),
    };
    TaskMatch {
        text: text.to_string(),
        areas,
        examples,
        terms,
        own,
        confirmed,
    }
}

/// The words at `which`, as written, each once.
pub fn surfaces(tokens: &[Token], which: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &i in which {
        let word = &tokens[i].surface;
        if !out.contains(word) {
            out.push(word.clone());
        }
    }
    out
}
