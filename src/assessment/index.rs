//! A profile version analysed once for matching (`ProfileIndex`): its
//! result areas and example tasks (and the tasks HR confirmed for them),
//! and its criteria's level descriptors, with the weights that tell them
//! apart. Built from content that never changes, the thesaurus and the
//! confirmed tasks; kept by `assessment::cached`.

use std::collections::HashMap;

use super::cues::Place;
use super::evidence::{EXAMPLE, LEARNED};
use super::text::{Analyzer, Feature, Language, Token};
use super::thesaurus::Thesaurus;
use crate::profiles::model::Content;

/// Factor of glossary definitions added to the descriptor that uses the
/// term: they explain the descriptor's word, they are not its text.
const GLOSSARY: f32 = 0.5;

/// Factor of a confirmed task's words in its area's words: a manager's
/// wording widens what the area covers, but the profile's own texts say
/// it best (docs/ASSESSMENT.md has the figures).
const CONFIRMED_WORDS: f32 = 0.5;

/// Features of a text with the strongest factor of each.
#[derive(Debug, Clone, Default)]
pub struct Bag(pub HashMap<Feature, f32>);

impl Bag {
    pub fn of(tokens: &[Token]) -> Bag {
        let mut bag = Bag::default();
        bag.add(tokens, 1.0);
        bag
    }

    pub fn add(&mut self, tokens: &[Token], factor: f32) {
        for token in tokens {
            for &(feature, f) in &token.features {
                let slot = self.0.entry(feature).or_insert(0.0);
                *slot = slot.max(f * factor);
            }
        }
    }

    pub fn get(&self, feature: Feature) -> Option<f32> {
        self.0.get(&feature).copied()
    }
}

/// A task confirmed by HR as work of a result area of this profile.
#[derive(Debug, Clone, Hash)]
pub struct Confirmed {
    pub text: String,
    /// 0-based index of the result area.
    pub area: usize,
}

/// Evidence of a decided position: what its manager wrote for a
/// criterion, and the level HR placed that criterion at.
#[derive(Debug, Clone, Hash)]
pub struct Decided {
    /// 0-based index of the criterion.
    pub criterion: usize,
    /// The level's code.
    pub level: String,
    pub text: String,
    /// An admin's level example rather than a decision.
    pub example: bool,
}

/// What HR decisions taught about a profile: tasks whose result area HR
/// confirmed, and evidence with the level HR placed its criterion at.
#[derive(Debug, Clone, Default, Hash)]
pub struct Learned {
    pub tasks: Vec<Confirmed>,
    pub evidence: Vec<Decided>,
}

/// Evidence of a decided position, as read.
pub struct DecidedText {
    /// The level's code.
    pub level: String,
    /// How much its likeness counts (`evidence::LEARNED` or `EXAMPLE`).
    pub weight: f32,
    /// Weighted features (by the criterion's `decided_idf`) and length.
    pub vector: Vec<(Feature, f32)>,
    pub norm: f32,
}

/// A result area as matched.
pub struct Area {
    /// 1-based position in the profile.
    pub position: usize,
    pub title: String,
    pub bag: Bag,
}

/// An example task (of the profile, or confirmed by HR).
pub struct Example {
    pub text: String,
    /// 0-based index of its result area.
    pub area: usize,
    pub confirmed: bool,
    /// Weighted features and the vector's length.
    pub vector: Vec<(Feature, f32)>,
    pub norm: f32,
}

/// A level's descriptor as read.
pub struct LevelText {
    pub code: String,
    pub bag: Bag,
    /// Contrast weight of each feature: how much it tells this level from
    /// the criterion's other levels.
    pub weights: Vec<(Feature, f32)>,
    pub total: f32,
    /// Codes of the other levels with the same descriptor.
    pub identical: Vec<String>,
}

pub struct CriterionText {
    /// The criterion's name in the version's own language.
    pub name: String,
    /// Its name in the language read, for an analysis of a translation.
    pub translated: Option<String>,
    pub levels: Vec<LevelText>,
    /// Evidence of decided positions for this criterion.
    pub decided: Vec<DecidedText>,
    /// Weight of a feature across that evidence: a word every manager
    /// writes for this criterion tells no level.
    pub decided_idf: HashMap<Feature, f32>,
}

/// A profile version, analysed.
pub struct ProfileIndex {
    pub slug: String,
    pub version: i32,
    /// The words of the profile and of confirmed tasks: tasks are read
    /// with it.
    pub analyzer: Analyzer,
    /// The words of the profile and of learned evidence, without those of
    /// confirmed tasks, when there is either (`evidence_words()`).
    evidence_words: Option<Analyzer>,
    pub areas: Vec<Area>,
    pub examples: Vec<Example>,
    /// The examples that have each feature, with its weight there: a task
    /// is compared only with the examples it shares a word with.
    pub postings: HashMap<Feature, Vec<(u32, f32)>>,
    /// Weight of each feature across the result areas (by feature number;
    /// 0 for a feature no area has).
    pub idf: Vec<f32>,
    /// Weight of a word no result area knows.
    pub unknown: f32,
    pub criteria: Vec<CriterionText>,
    /// Each level's descriptors of all criteria together.
    pub general: Vec<LevelText>,
    /// Level cues (`cues`) by feature.
    pub cues: HashMap<Feature, Place>,
    /// The analysis without the tasks HR confirmed, when there are some:
    /// whether a task is work of the profile at all is
    /// judged on the profile's own wording (`matching::TaskMatch::matches`),
    /// as the confirmed tasks widen every area's words.
    pub own: Option<Box<ProfileIndex>>,
}

/// BM25's inverse document frequency: rare across the `n` compared texts
/// weighs more; in every one of them, almost nothing.
fn idf(n: usize, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

impl ProfileIndex {
    pub fn build(content: &Content, thesaurus: &Thesaurus, learned: &Learned) -> Self {
        super::text::reading(|| Self::build_now(content, thesaurus, learned))
    }

    fn build_now(content: &Content, thesaurus: &Thesaurus, learned: &Learned) -> Self {
        let confirmed = &learned.tasks;
        let language = Language::from_code(&content.language);
        let mut texts: Vec<&str> = Vec::new();
        for area in &content.result_areas {
            texts.push(&area.title);
            texts.push(&area.mission);
            texts.extend(area.tasks.iter().map(String::as_str));
        }
        for criterion in &content.criteria {
            texts.extend(criterion.cells.iter().flatten().map(String::as_str));
        }
        for term in &content.glossary {
            texts.push(&term.term);
            texts.push(&term.definition);
        }
        let cue_words = super::cues::of(language);
        texts.extend(cue_words.iter().map(|(w, _)| w.as_str()));
        // Evidence is read with the words of decided evidence and level
        // examples known too, tasks with those of confirmed tasks: a word
        // known only from the other kind of text would keep a word from
        // being read as a near form or compound of the profile's word.
        let evidence_words = (!learned.evidence.is_empty() || !confirmed.is_empty()).then(|| {
            let all = texts
                .iter()
                .copied()
                .chain(learned.evidence.iter().map(|d| d.text.as_str()));
            Analyzer::new(language, thesaurus, all)
        });
        texts.extend(confirmed.iter().map(|c| c.text.as_str()));
        let analyzer = Analyzer::new(language, thesaurus, texts);
        // Its own analyzer: words known only from confirmed tasks would
        // change how typos and compounds are read.
        let own = (!learned.tasks.is_empty())
            .then(|| Box::new(Self::build(content, thesaurus, &Learned::default())));
        Self::analysed(content, analyzer, evidence_words, learned, own)
    }

    /// The words evidence is read with.
    pub fn evidence_words(&self) -> &Analyzer {
        self.evidence_words.as_ref().unwrap_or(&self.analyzer)
    }

    /// The analysis of `content` and of what was `learned`, tasks with the
    /// `analyzer` of their words, evidence with `evidence_words` when set.
    fn analysed(
        content: &Content,
        analyzer: Analyzer,
        evidence_words: Option<Analyzer>,
        learned: &Learned,
        own: Option<Box<ProfileIndex>>,
    ) -> Self {
        let confirmed = &learned.tasks;
        let words = evidence_words.as_ref().unwrap_or(&analyzer);
        let cue_words = super::cues::of(analyzer.language());
        let mut cues: HashMap<Feature, Place> = HashMap::new();
        let mut torn = Vec::new();
        for (word, place) in &cue_words {
            for token in words.analyze(word) {
                for (feature, factor) in token.features {
                    if factor >= 1.0 && cues.insert(feature, *place).is_some_and(|p| p != *place) {
                        torn.push(feature);
                    }
                }
            }
        }
        // A word that points two ways points nowhere.
        for feature in torn {
            cues.remove(&feature);
        }

        let mut areas = Vec::new();
        let mut raw_examples = Vec::new();
        for (i, area) in content.result_areas.iter().enumerate() {
            let mut bag = Bag::default();
            bag.add(&analyzer.analyze(&area.title), 1.0);
            bag.add(&analyzer.analyze(&area.mission), 1.0);
            for task in &area.tasks {
                let tokens = analyzer.analyze(task);
                bag.add(&tokens, 1.0);
                raw_examples.push((task.clone(), i, false, Bag::of(&tokens)));
            }
            areas.push(Area {
                position: i + 1,
                title: area.title.clone(),
                bag,
            });
        }
        for c in confirmed {
            let tokens = analyzer.analyze(&c.text);
            if let Some(area) = areas.get_mut(c.area) {
                area.bag.add(&tokens, CONFIRMED_WORDS);
                raw_examples.push((c.text.clone(), c.area, true, Bag::of(&tokens)));
            }
        }

        let mut df = vec![0usize; analyzer.feature_count()];
        for area in &areas {
            for feature in area.bag.0.keys() {
                df[*feature as usize] += 1;
            }
        }
        let n = areas.len();
        let idf: Vec<f32> = df
            .iter()
            .map(|&d| if d == 0 { 0.0 } else { idf(n, d) })
            .collect();
        let unknown = idf_of_unknown(n);
        let examples: Vec<Example> = raw_examples
            .into_iter()
            .map(|(text, area, confirmed, bag)| {
                let vector: Vec<(Feature, f32)> = bag
                    .0
                    .iter()
                    .map(|(f, factor)| (*f, factor * idf[*f as usize]))
                    .filter(|(_, w)| *w > 0.0)
                    .collect();
                let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
                Example {
                    text,
                    area,
                    confirmed,
                    vector,
                    norm,
                }
            })
            .collect();

        let mut criteria: Vec<CriterionText> = content
            .criteria
            .iter()
            .map(|c| criterion_text(words, content, c))
            .collect();
        for (i, criterion) in criteria.iter_mut().enumerate() {
            let texts = learned.evidence.iter().filter(|d| d.criterion == i);
            decided_texts(words, criterion, texts);
        }
        let general = general_levels(&criteria, content);
        ProfileIndex {
            slug: content.slug.clone(),
            version: content.version,
            analyzer,
            evidence_words,
            areas,
            postings: postings(&examples),
            examples,
            idf,
            unknown,
            criteria,
            general,
            cues,
            own,
        }
    }

    /// The weight of a feature across the result areas.
    pub fn weight(&self, feature: Feature) -> f32 {
        self.idf.get(feature as usize).copied().unwrap_or(0.0)
    }

    /// A criterion by its name in the version's language or, for an
    /// analysis of a translation, in the translation's.
    pub fn criterion(&self, name: &str) -> Option<&CriterionText> {
        let wanted = name.trim().to_lowercase();
        self.criteria.iter().find(|c| {
            c.name.to_lowercase() == wanted
                || c.translated
                    .as_ref()
                    .is_some_and(|t| t.to_lowercase() == wanted)
        })
    }

    /// The analysis of a translation, its criteria named as in `source`
    /// (the version in its own language), as placements and the API name
    /// them; the translated names stay known.
    pub fn named_as(mut self, source: &Content) -> Self {
        for (criterion, own) in self.criteria.iter_mut().zip(&source.criteria) {
            let translated = std::mem::replace(&mut criterion.name, own.name.clone());
            criterion.translated = Some(translated);
        }
        self
    }
}

fn postings(examples: &[Example]) -> HashMap<Feature, Vec<(u32, f32)>> {
    let mut postings: HashMap<Feature, Vec<(u32, f32)>> = HashMap::new();
    for (i, example) in examples.iter().enumerate() {
        for &(feature, weight) in &example.vector {
            postings
                .entry(feature)
                .or_default()
                .push((i as u32, weight));
        }
    }
    postings
}

/// A word no result area knows weighs as a word of one area: it may be
/// what the task is about.
fn idf_of_unknown(n: usize) -> f32 {
    idf(n.max(1), 1)
}

/// A criterion's descriptors with their contrast weights.
fn criterion_text(
    analyzer: &Analyzer,
    content: &Content,
    criterion: &crate::profiles::model::Criterion,
) -> CriterionText {
    let mut bags: Vec<(String, String, Bag)> = Vec::new();
    for (level, cell) in content.levels.iter().zip(&criterion.cells) {
        let Some(text) = cell else { continue };
        let mut bag = Bag::of(&analyzer.analyze(text));
        for term in &content.glossary {
            if text.to_lowercase().contains(&term.term.to_lowercase()) {
                bag.add(&analyzer.analyze(&term.definition), GLOSSARY);
            }
        }
        bags.push((level.code.clone(), normalise(text), bag));
    }
    CriterionText {
        name: criterion.name.clone(),
        translated: None,
        levels: contrast(&bags),
        decided: Vec::new(),
        decided_idf: HashMap::new(),
    }
}

/// The decided evidence of a criterion, weighted by how rare each word is
/// across it.
fn decided_texts<'a>(
    analyzer: &Analyzer,
    criterion: &mut CriterionText,
    texts: impl Iterator<Item = &'a Decided>,
) {
    let bags: Vec<(String, f32, Bag)> = texts
        .filter(|d| criterion.levels.iter().any(|l| l.code == d.level))
        .map(|d| {
            let tokens: Vec<Token> = analyzer
                .analyze(&d.text)
                .into_iter()
                .filter(|t| !t.negated)
                .collect();
            let weight = if d.example { EXAMPLE } else { LEARNED };
            (d.level.clone(), weight, Bag::of(&tokens))
        })
        .collect();
    let mut df: HashMap<Feature, usize> = HashMap::new();
    for (_, _, bag) in &bags {
        for feature in bag.0.keys() {
            *df.entry(*feature).or_default() += 1;
        }
    }
    let n = bags.len();
    criterion.decided_idf = df.into_iter().map(|(f, d)| (f, idf(n, d))).collect();
    criterion.decided = bags
        .into_iter()
        .map(|(level, weight, bag)| {
            let vector: Vec<(Feature, f32)> = bag
                .0
                .iter()
                .map(|(f, factor)| (*f, factor * criterion.decided_idf[f]))
                .collect();
            let norm = vector.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
            DecidedText {
                level,
                weight,
                vector,
                norm,
            }
        })
        .collect();
}

/// Each level's descriptors of every criterion together: the words the
/// profile uses for a level's work in general ("eenvoudige", "diepgaande",
/// "zelfstandig").
fn general_levels(criteria: &[CriterionText], content: &Content) -> Vec<LevelText> {
    let bags: Vec<(String, String, Bag)> = content
        .levels
        .iter()
        .map(|level| {
            let mut bag = Bag::default();
            for criterion in criteria {
                if let Some(text) = criterion.levels.iter().find(|l| l.code == level.code) {
                    for (feature, factor) in &text.bag.0 {
                        let slot = bag.0.entry(*feature).or_insert(0.0);
                        *slot = slot.max(*factor);
                    }
                }
            }
            (level.code.clone(), level.code.clone(), bag)
        })
        .collect();
    contrast(&bags)
}

/// Contrast weights of level texts (code, text compared for identity,
/// features): a feature in every level's text tells nothing, one in a
/// single level most.
fn contrast(bags: &[(String, String, Bag)]) -> Vec<LevelText> {
    let n = bags.len();
    let mut df: HashMap<Feature, usize> = HashMap::new();
    for (_, _, bag) in bags {
        for feature in bag.0.keys() {
            *df.entry(*feature).or_default() += 1;
        }
    }
    bags.iter()
        .map(|(code, text, bag)| {
            let weights: Vec<(Feature, f32)> = bag
                .0
                .iter()
                .map(|(f, factor)| {
                    let d = df.get(f).copied().unwrap_or(1);
                    let contrast = if n <= 1 {
                        1.0
                    } else {
                        (n - d) as f32 / (n - 1) as f32
                    };
                    (*f, contrast * factor)
                })
                .filter(|(_, w)| *w > 0.0)
                .collect();
            let total = weights.iter().map(|(_, w)| w).sum();
            let identical = bags
                .iter()
                .filter(|(other, t, _)| other != code && t == text)
                .map(|(other, _, _)| other.clone())
                .collect();
            LevelText {
                code: code.clone(),
                bag: bag.clone(),
                weights,
                total,
                identical,
            }
        })
        .collect()
}

/// A descriptor compared for identity: case and spacing do not count.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}
