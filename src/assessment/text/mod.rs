//! Text analysis in a profile's language: words folded (lower case, no
//! accents), stop words dropped, Snowball stems (`rust-stemmers`), Dutch
//! and German compounds split into parts the vocabulary knows, misspelt or
//! longer forms of known words recognised, and thesaurus synonyms and
//! broader terms put in place of the words they stand for.
//!
//! An `Analyzer` knows a vocabulary: the words of the texts it was taught
//! (a profile version's texts, the thesaurus, confirmed tasks). Every
//! known stem or synonym set is a *feature* (a number); a word of a text
//! becomes a `Token` with the features it stands for, each with a factor
//! that says how sure the link is (1 for the word itself or a synonym).

use std::collections::{HashMap, HashSet};

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use super::stopwords;
use super::thesaurus::Thesaurus;
use dutch::{infinitives, participle_infinitives, singulars};
use kept::Kept;
pub use kept::reading;

/// Factor of a compound's part, a longer form or a misspelling of a known
/// word: a weaker link than the word itself.
pub const PART: f32 = 0.8;
/// Factor of the known first part of a compound whose last part is
/// unknown (`telefoonpermanentie` → telefoon): it says what the thing is
/// about, not what it is.
pub const HEAD: f32 = 0.6;
/// Factor of a broader term of the thesaurus (infosessie → activiteit).
pub const BROADER: f32 = 0.6;
/// Shortest compound part and shortest stem read as a longer form.
const MIN_PART: usize = 3;
const MIN_PREFIX: usize = 5;
/// Shortest stem whose misspelling (one letter off) is recognised.
const MIN_TYPO: usize = 5;
/// Shortest known last part of a compound whose first part is unknown
/// (`personeelsapplicatie` → applicatie), and shortest such first part
/// (so that verb prefixes such as `be-`, `ver-` or `her-` do not count).
const MIN_TAIL: usize = 5;
const MIN_UNKNOWN_HEAD: usize = 4;
/// How many words after a Dutch verb form its particle may come.
const PARTICLE_REACH: usize = 8;

fn is_particle(language: Language, word: &str) -> bool {
    language == Language::Nl && dutch::PARTICLES.binary_search(&word).is_ok()
}

/// A language the analysis knows; others are read as English words
/// without stemming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Nl,
    Fr,
    En,
}

impl Language {
    /// The language of an ISO 639-1 code (Dutch for an unknown one: the
    /// portal's default).
    pub fn from_code(code: &str) -> Language {
        Language::parse(code).unwrap_or(Language::Nl)
    }

    /// The language of a code the analysis knows (`nl`, `fr`, `en`).
    pub fn parse(code: &str) -> Option<Language> {
        match code.trim() {
            "nl" => Some(Language::Nl),
            "fr" => Some(Language::Fr),
            "en" => Some(Language::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::Nl => "nl",
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Language::Nl => Algorithm::Dutch,
            Language::Fr => Algorithm::French,
            Language::En => Algorithm::English,
        }
    }

    /// Whether words are glued into compounds (klant + bestand).
    fn compounds(self) -> bool {
        self == Language::Nl
    }
}

/// A feature: a known stem or a synonym set.
pub type Feature = u32;

/// A word of a text, as analysed.
#[derive(Debug, Clone)]
pub struct Token {
    /// The word as written (lower case), for explanations.
    pub surface: String,
    /// What it stands for, with the factor of each link; empty for a word
    /// the vocabulary does not know.
    pub features: Vec<(Feature, f32)>,
    /// Whether the word stands in a negated clause ("wijkt er *niet* van
    /// af", "*zonder* toezicht").
    pub negated: bool,
}

/// Words that deny what their clause says.
fn is_negation(language: Language, word: &str) -> bool {
    let list: &[&str] = match language {
        Language::Nl => &[
            "geen", "nergens", "niet", "niets", "noch", "nooit", "zonder",
        ],
        Language::Fr => &["aucun", "aucune", "jamais", "ne", "ni", "pas", "sans"],
        Language::En => &["never", "no", "nor", "not", "without"],
    };
    list.contains(&word)
}

/// Words that start a new clause (conjunctions).
fn is_clause_start(language: Language, word: &str) -> bool {
    let list: &[&str] = match language {
        Language::Nl => &[
            "als", "behalve", "dan", "en", "indien", "maar", "omdat", "tenzij", "terwijl", "want",
            "wanneer", "zodat",
        ],
        Language::Fr => &[
            "car", "et", "lorsque", "mais", "parce", "quand", "si", "sauf",
        ],
        Language::En => &["and", "because", "but", "if", "unless", "when", "while"],
    };
    list.contains(&word)
}

/// The clause number of each word of `text` (`words`): punctuation and,
/// with `conjunctions`, conjunctions start a new clause.
fn clause_of_words(language: Language, text: &str, conjunctions: bool) -> Vec<usize> {
    let mut out = Vec::new();
    let mut clause = 0;
    for segment in text.split(['.', ',', ';', ':', '!', '?', '(', ')', '\n']) {
        clause += 1;
        for word in words(segment) {
            if conjunctions && is_clause_start(language, &fold(word)) {
                clause += 1;
            }
            out.push(clause);
        }
    }
    out
}

/// Each form of a word with one letter left out: a misspelling one letter
/// off and the word it misspells share one (the deletion neighbourhood).
fn one_letter_less(letters: &[char]) -> impl Iterator<Item = String> + '_ {
    (0..letters.len()).map(move |skip| {
        letters
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != skip)
            .map(|(_, c)| c)
            .collect()
    })
}

/// Lower case without accents: `Verifiëren` → `verifieren`.
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of `text`, as written: letters and digits (`*` marks of
/// glossary terms and apostrophes split or vanish); words without a
/// letter are dropped.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().any(char::is_alphabetic))
}

/// The analysis of one language with a vocabulary.
pub struct Analyzer {
    language: Language,
    stemmer: Stemmer,
    /// Feature of each known stem.
    stems: HashMap<String, Feature>,
    /// Features a known stem stands for: its synonym sets (if any, instead
    /// of itself) and their broader terms.
    meaning: HashMap<Feature, Vec<(Feature, f32)>>,
    /// Known stems by each form with one letter left out (misspellings).
    deletions: HashMap<String, Vec<Feature>>,
    /// Known stems of at least `MIN_PREFIX` letters, sorted (longer forms).
    sorted: Vec<(String, Feature)>,
    /// The stem of each feature, by number (empty for a synonym set).
    names: Vec<String>,
    /// The features of the words read so far, by folded form.
    read: Kept<Vec<(Feature, f32)>>,
    /// The separable verb, if any, of each particle and verb form read so
    /// far, by "particle form".
    verbs: Kept<Option<Feature>>,
}

impl Analyzer {
    /// An analyzer of `language` that knows the words of `thesaurus` and
    /// then of every text in `texts`.
    pub fn new<'a>(
        language: Language,
        thesaurus: &Thesaurus,
        texts: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let mut analyzer = Analyzer {
            language,
            stemmer: Stemmer::create(language.algorithm()),
            stems: HashMap::new(),
            meaning: HashMap::new(),
            deletions: HashMap::new(),
            sorted: Vec::new(),
            names: Vec::new(),
            read: Kept::default(),
            verbs: Kept::default(),
        };
        analyzer.learn_thesaurus(thesaurus);
        for text in texts {
            for word in words(text) {
                let folded = fold(word);
                if !stopwords::is_stop(language, &folded) {
                    let stem = analyzer.stem(&folded);
                    analyzer.intern(stem);
                }
            }
        }
        analyzer.index_forms();
        analyzer
    }

    pub fn language(&self) -> Language {
        self.language
    }

    fn stem(&self, folded: &str) -> String {
        self.with_stem(folded, str::to_string)
    }

    /// `f` of the stem of `folded`, remembered within a `reading`.
    fn with_stem<R>(&self, folded: &str, f: impl FnOnce(&str) -> R) -> R {
        kept::with_stem(self.language, &self.stemmer, folded, f)
    }

    fn intern(&mut self, stem: String) -> Feature {
        if let Some(&id) = self.stems.get(&stem) {
            return id;
        }
        let id = self.fresh(stem.clone());
        self.stems.insert(stem, id);
        id
    }

    fn fresh(&mut self, name: String) -> Feature {
        let id = Feature::try_from(self.names.len()).unwrap_or(Feature::MAX);
        self.names.push(name);
        id
    }

    /// How many features there are (numbers run from 0).
    pub fn feature_count(&self) -> usize {
        self.names.len()
    }

    /// Each synonym set becomes one feature that its words stand for; a
    /// word in several sets stands for each.
    fn learn_thesaurus(&mut self, thesaurus: &Thesaurus) {
        let sets: Vec<_> = thesaurus
            .sets(self.language)
            .map(|set| (set.terms.clone(), set.broader.clone()))
            .collect();
        for (terms, _) in &sets {
            let set = self.fresh(format!("{{{}}}", terms.first().map_or("", String::as_str)));
            for term in terms {
                let Some(stem) = self.single_stem(term) else {
                    continue;
                };
                let id = self.intern(stem);
                let meaning = self.meaning.entry(id).or_default();
                if !meaning.iter().any(|(f, _)| *f == set) {
                    meaning.push((set, 1.0));
                }
            }
        }
        // Broader terms: what the set's words stand for, more weakly.
        for (terms, broader) in &sets {
            let mut wider: Vec<(Feature, f32)> = Vec::new();
            for term in broader {
                if let Some(stem) = self.single_stem(term) {
                    let id = self.intern(stem);
                    for feature in self.direct(id) {
                        wider.push((feature, BROADER));
                    }
                }
            }
            for term in terms {
                if let Some(stem) = self.single_stem(term) {
                    let id = self.intern(stem);
                    let meaning = self.meaning.entry(id).or_default();
                    for &(feature, factor) in &wider {
                        if !meaning.iter().any(|(f, _)| *f == feature) {
                            meaning.push((feature, factor));
                        }
                    }
                }
            }
        }
    }

    /// The stem of a one-word term (None for a stop word or a phrase).
    fn single_stem(&self, term: &str) -> Option<String> {
        let mut found = words(term).map(fold);
        let word = found.next()?;
        if found.next().is_some() || stopwords::is_stop(self.language, &word) {
            return None;
        }
        Some(self.stem(&word))
    }

    /// The synonym sets of a known stem, or the stem itself.
    fn direct(&self, id: Feature) -> Vec<Feature> {
        match self.meaning.get(&id) {
            Some(meaning) => {
                let sets: Vec<Feature> = meaning
                    .iter()
                    .filter(|(_, factor)| *factor >= 1.0)
                    .map(|(f, _)| *f)
                    .collect();
                if sets.is_empty() { vec![id] } else { sets }
            }
            None => vec![id],
        }
    }

    fn index_forms(&mut self) {
        let mut deletions: HashMap<String, Vec<Feature>> = HashMap::new();
        let mut sorted = Vec::new();
        for (stem, &id) in &self.stems {
            let letters: Vec<char> = stem.chars().collect();
            if letters.len() >= MIN_TYPO {
                for form in one_letter_less(&letters) {
                    deletions.entry(form).or_default().push(id);
                }
            }
            if letters.len() >= MIN_PREFIX {
                sorted.push((stem.clone(), id));
            }
        }
        sorted.sort();
        self.deletions = deletions;
        self.sorted = sorted;
    }

    /// The tokens of `text`: its words without stop words, each with what
    /// it stands for.
    pub fn analyze(&self, text: &str) -> Vec<Token> {
        let folded: Vec<(&str, String)> = words(text).map(|w| (w, fold(w))).collect();
        let clauses = clause_of_words(self.language, text, true);
        let negated_clauses: HashSet<usize> = folded
            .iter()
            .zip(&clauses)
            .filter(|((_, w), _)| is_negation(self.language, w))
            .map(|(_, c)| *c)
            .collect();
        let skipped = |w: &str| {
            w.chars().count() < 2
                || stopwords::is_stop(self.language, w)
                || is_particle(self.language, w)
        };
        let sentences = clause_of_words(self.language, text, false);
        let separable = self.separable_verbs(&folded, &clauses, &sentences, skipped);
        let mut tokens = Vec::new();
        for (i, (word, folded_word)) in folded.iter().enumerate() {
            if skipped(folded_word) {
                continue;
            }
            let mut features = self.features_of(folded_word);
            for &(_, id) in separable.iter().filter(|(at, _)| *at == i) {
                self.push_meaning(id, 1.0, &mut features);
            }
            tokens.push(Token {
                surface: word.to_lowercase(),
                features,
                negated: clauses.get(i).is_some_and(|c| negated_clauses.contains(c)),
            });
        }
        tokens
    }

    /// The separable verbs of a text: each particle (`op` of "stelt … op")
    /// goes with the first word of its clause that makes a known verb with
    /// it, as the finite verb comes first in a Dutch clause ("stuurt
    /// burgers op hun vraag formulieren op" is opsturen, not opvragen);
    /// failing that, with the first such word earlier in the sentence
    /// ("maakt offertes en bestelbonnen op"). As (word index, verb).
    fn separable_verbs(
        &self,
        folded: &[(&str, String)],
        clauses: &[usize],
        sentences: &[usize],
        skipped: impl Fn(&str) -> bool,
    ) -> Vec<(usize, Feature)> {
        if !self.language.compounds() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (p, (_, particle)) in folded.iter().enumerate() {
            if !is_particle(self.language, particle) {
                continue;
            }
            let first_in = |within: &[usize]| {
                (p.saturating_sub(PARTICLE_REACH)..p)
                    .filter(|&i| within.get(i) == within.get(p) && !skipped(&folded[i].1))
                    .find_map(|i| self.separable(particle, &folded[i].1).map(|id| (i, id)))
            };
            out.extend(first_in(clauses).or_else(|| first_in(sentences)));
        }
        out
    }

    /// The known verb a Dutch verb form makes with a particle that comes
    /// later in the sentence ("stelt … op" → opstellen, "kijkt … na" →
    /// nakijken): the particle put before the form, its stem, or its
    /// infinitive.
    fn separable(&self, particle: &str, form: &str) -> Option<Feature> {
        self.verbs.get_or(&format!("{particle} {form}"), || {
            std::iter::once(form.to_string())
                .chain(infinitives(form))
                .find_map(|c| self.known(&format!("{particle}{c}")))
        })
    }

    /// The features of one folded word, read once per analyzer: managers
    /// use the same words over and over, and a word's reading depends on
    /// nothing but the vocabulary, which never changes.
    fn features_of(&self, folded: &str) -> Vec<(Feature, f32)> {
        self.read.get_or(folded, || self.read_word(folded))
    }

    /// The features of one folded word, read.
    fn read_word(&self, folded: &str) -> Vec<(Feature, f32)> {
        let stem = self.stem(folded);
        let mut features = Vec::new();
        let own = self.stems.get(&stem).copied();
        if let Some(id) = own {
            self.push_meaning(id, 1.0, &mut features);
            // A verb form known as written (`geeft`, `beheert`: a task
            // example has it) still means its infinitive (geven, beheren),
            // as the other forms of the verb do.
            if let Some(infinitive) = self.infinitive(folded).filter(|i| *i != id) {
                self.push_meaning(infinitive, 1.0, &mut features);
            }
        }
        // A plural the stemmer keeps apart from its singular (`brieven`,
        // `presentaties`) means what the singular means in the thesaurus.
        if own.is_none_or(|id| !self.meaning.contains_key(&id))
            && let Some(id) = self.singular_with_meaning(folded)
        {
            self.push_meaning(id, 1.0, &mut features);
        }
        // A past participle, not a compound: `doorgegeven` is doorgeven,
        // not door + gegeven.
        if features.is_empty()
            && let Some(id) = self.participle(folded)
        {
            self.push_meaning(id, 1.0, &mut features);
        } else if self.language.compounds() {
            for part in self.compound_parts(folded, 0) {
                self.push_meaning(part, PART, &mut features);
            }
        }
        if features.is_empty()
            && let Some(id) = self.infinitive(folded)
        {
            self.push_meaning(id, 1.0, &mut features);
        }
        if features.is_empty()
            && let Some(id) = self.known_head(folded)
        {
            self.push_meaning(id, HEAD, &mut features);
        }
        if features.is_empty()
            && let Some(id) = self.longer_form(&stem).or_else(|| self.misspelt(&stem))
        {
            self.push_meaning(id, PART, &mut features);
        }
        features
    }

    fn push_meaning(&self, id: Feature, factor: f32, out: &mut Vec<(Feature, f32)>) {
        let mut add = |feature: Feature, f: f32| {
            let f = f * factor;
            match out.iter_mut().find(|(g, _)| *g == feature) {
                Some(slot) => slot.1 = slot.1.max(f),
                None => out.push((feature, f)),
            }
        };
        match self.meaning.get(&id) {
            Some(meaning) => {
                let has_set = meaning.iter().any(|(_, f)| *f >= 1.0);
                if !has_set {
                    add(id, 1.0);
                }
                for &(feature, f) in meaning {
                    add(feature, f);
                }
            }
            None => add(id, 1.0),
        }
    }

    /// The known stems a compound is made of (`klantenbestand` → klant,
    /// bestand): a split into a known head (with an optional linking `s`,
    /// `e` or `en`) and a known or itself split tail, parts of at least
    /// three letters; the split with the longest known tail wins.
    fn compound_parts(&self, folded: &str, depth: usize) -> Vec<Feature> {
        let letters: Vec<char> = folded.chars().collect();
        if depth > 2 || letters.len() < 2 * MIN_PART {
            return Vec::new();
        }
        for cut in MIN_PART..=letters.len() - MIN_PART {
            let head: String = letters[..cut].iter().collect();
            let Some(head_id) = self.known(&head) else {
                continue;
            };
            let rest: String = letters[cut..].iter().collect();
            for link in ["", "s", "e", "en"] {
                let Some(tail) = rest.strip_prefix(link) else {
                    continue;
                };
                if tail.chars().count() < MIN_PART {
                    continue;
                }
                if let Some(tail_id) = self.known(tail) {
                    return vec![head_id, tail_id];
                }
                let deeper = self.compound_parts(tail, depth + 1);
                if !deeper.is_empty() {
                    let mut parts = vec![head_id];
                    parts.extend(deeper);
                    return parts;
                }
            }
        }
        if depth > 0 {
            return Vec::new();
        }
        // Dutch compounds are right-headed: the last part says what the
        // thing is, so a known last part alone is worth keeping.
        for cut in MIN_UNKNOWN_HEAD..letters.len().saturating_sub(MIN_TAIL) + 1 {
            let tail: String = letters[cut..].iter().collect();
            if let Some(id) = self.known(&tail) {
                return vec![id];
            }
        }
        Vec::new()
    }

    /// The feature of a folded word whose stem is known.
    fn known(&self, folded: &str) -> Option<Feature> {
        self.with_stem(folded, |stem| self.stems.get(stem).copied())
    }

    /// A known stem that this unknown stem lengthens or shortens
    /// (`documentatie` → `document`), the longest such.
    fn longer_form(&self, stem: &str) -> Option<Feature> {
        if stem.chars().count() < MIN_PREFIX + 1 {
            return None;
        }
        // Known stems that are a prefix of `stem`: the longest wins.
        // Looked up by prefix, longest first, not by scanning every stem.
        let ends: Vec<usize> = stem
            .char_indices()
            .map(|(at, _)| at)
            .skip(MIN_PREFIX)
            .collect();
        let mut best: Option<(usize, Feature)> = ends
            .into_iter()
            .rev()
            .find_map(|end| self.stems.get(&stem[..end]).map(|id| (end, *id)));
        if best.is_none() {
            // A known stem that starts with `stem` (`inform` of `informatie`).
            let at = self.sorted.partition_point(|(k, _)| k.as_str() < stem);
            if let Some((known, id)) = self.sorted.get(at)
                && known.starts_with(stem)
            {
                best = Some((known.len(), *id));
            }
        }
        best.map(|(_, id)| id)
    }

    /// The one known stem this unknown stem is a misspelling of: one
    /// letter left out, added, changed or two letters swapped.
    fn misspelt(&self, stem: &str) -> Option<Feature> {
        let letters: Vec<char> = stem.chars().collect();
        if letters.len() < MIN_TYPO {
            return None;
        }
        let mut candidates: HashSet<Feature> = HashSet::new();
        let mut look = |form: &str| {
            if let Some(ids) = self.deletions.get(form) {
                candidates.extend(ids.iter().copied());
            }
            if let Some(id) = self.stems.get(form) {
                candidates.insert(*id);
            }
        };
        look(stem);
        for form in one_letter_less(&letters) {
            look(&form);
        }
        let mut close = candidates.into_iter().filter(|id| {
            self.stem_of(*id)
                .is_some_and(|known| strsim::damerau_levenshtein(known, stem) == 1)
        });
        let first = close.next()?;
        close.next().is_none().then_some(first)
    }

    /// The name of a feature (a stem, or `{first term}` of a synonym
    /// set), for explanations and tests.
    pub fn name(&self, id: Feature) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }

    /// The longest known word this unknown word starts with, of at least
    /// `MIN_PREFIX` letters and followed by at least `MIN_PART` more
    /// (`telefoonpermanentie` → telefoon): the first part of a compound
    /// whose last part is unknown, or a longer form of a known word.
    fn known_head(&self, folded: &str) -> Option<Feature> {
        let letters: Vec<char> = folded.chars().collect();
        let n = letters.len();
        if n < MIN_PREFIX + MIN_PART {
            return None;
        }
        (MIN_PREFIX..=n - MIN_PART).rev().find_map(|cut| {
            let head: String = letters[..cut].iter().collect();
            self.known(&head)
        })
    }

    /// The known stem, with a thesaurus meaning, of the singular of a
    /// Dutch plural.
    fn singular_with_meaning(&self, folded: &str) -> Option<Feature> {
        if self.language != Language::Nl {
            return None;
        }
        singulars(folded)
            .into_iter()
            .filter_map(|s| self.known(&s))
            .find(|id| self.meaning.contains_key(id))
    }

    /// The known infinitive of an inflected Dutch verb form (`klasseert`,
    /// `ik kopieer`, `bestel`, `beantwoord`).
    fn infinitive(&self, folded: &str) -> Option<Feature> {
        if self.language != Language::Nl || folded.chars().count() < 4 {
            return None;
        }
        infinitives(folded).into_iter().find_map(|c| self.known(&c))
    }

    /// The known infinitive of a Dutch past participle (`opgesteld`,
    /// `gecontroleerd`, `doorgegeven`).
    fn participle(&self, folded: &str) -> Option<Feature> {
        if self.language != Language::Nl {
            return None;
        }
        participle_infinitives(folded)
            .into_iter()
            .find_map(|c| self.known(&c))
    }

    fn stem_of(&self, id: Feature) -> Option<&str> {
        self.names.get(id as usize).map(String::as_str)
    }
}

mod dutch;
mod kept;

#[cfg(test)]
mod tests;
