//! What a search asks and how it runs, for the catalogue page and
//! `GET /api/v1/profiles`:
//! in every language a profile is read in (its source and translations,
//! each stemmed in its own language), by former titles, with the
//! thesaurus's synonyms, despite typos (`pg_trgm` similarity), with
//! highlighted snippets; filtered by level and language. What the database
//! holds for it: migration 14 (`search_entries`, `search_words`).
//!
//! A search runs in two statements: the words of the query are looked up
//! in the vocabulary (typos), then the query, widened per language with
//! corrections and synonyms, is matched. Nothing asked (no words, no
//! filter) is the cached list, as cheap as before search existed.

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};

use super::db;
use crate::app::AppState;
use crate::assessment::text::{Language, fold};
use crate::assessment::thesaurus::Thesaurus;
use crate::error::{AppError, Msg};
use crate::profiles::model::CatalogueEntry;

/// Longest search text accepted.
pub const MAX_QUERY: usize = 200;
/// Content languages a profile can be read in (as the database allows).
pub const LANGUAGES: [&str; 4] = ["nl", "fr", "en", "de"];
/// Most words (or quoted phrases) of a query that are used.
const MAX_GROUPS: usize = 12;
/// Most alternatives (the word, corrections, synonyms) of one word.
const MAX_ALTERNATIVES: usize = 16;
/// Shortest word that may be a typo of a known one.
const MIN_TYPO: usize = 4;
/// Similarity from which an unknown word is read as a known one
/// ("administatieve" → "administratieve"), and from which one is offered
/// as "did you mean".
const TYPO: f32 = 0.5;
const SUGGEST: f32 = 0.3;
/// Most results of one search.
pub const LIMIT: i64 = 100;
/// Results with a snippet (the first; the others show their purpose):
/// a snippet reads a version's whole text.
pub const SNIPPETS: i64 = 10;

/// Marks around the matched words of a snippet (`ts_headline`), split here
/// into parts: characters of Unicode's private use area, which profile
/// texts do not hold (and if one did, it would only mark text, never
/// become markup: every part is escaped).
const START: char = '\u{E000}';
const STOP: char = '\u{E001}';

/// The options of `ts_headline` (it leaves out what its parser reads as
/// HTML tags; what remains is text, escaped like all text).
pub fn headline_options() -> String {
    format!(
        "StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=15, MaxFragments=2, \
         FragmentDelimiter=\" … \""
    )
}

/// The message key of a content language's name.
pub fn language_key(code: &str) -> &'static str {
    match code {
        "nl" => "search-language-nl",
        "fr" => "search-language-fr",
        "en" => "search-language-en",
        _ => "search-language-de",
    }
}

/// What a reader asked: words, and the filters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// The text as typed (trimmed).
    pub text: String,
    /// Only profiles whose current version has this level code.
    pub level: Option<String>,
    /// Only profiles readable in this language.
    pub language: Option<&'static str>,
}

impl Request {
    /// Reads the parameters; `levels` are the level codes of the current
    /// versions (an unknown one is refused, naming them).
    pub fn read(
        q: Option<&str>,
        level: Option<&str>,
        language: Option<&str>,
        levels: &[String],
    ) -> Result<Request, Msg> {
        let q = q.unwrap_or_default();
        // NUL cannot be stored or searched (PostgreSQL text refuses it);
        // other control characters are read as spaces.
        if q.contains('\0') {
            return Err(Msg::new("text-control"));
        }
        let text: String = q
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect::<String>()
            .trim()
            .to_string();
        if text.chars().count() > MAX_QUERY {
            return Err(Msg::new("search-too-long").arg("max", MAX_QUERY));
        }
        let level = match level.map(str::trim).filter(|l| !l.is_empty()) {
            None => None,
            Some(code) => {
                let code = code.to_ascii_uppercase();
                if !levels.contains(&code) {
                    return Err(Msg::new("search-unknown-level")
                        .arg("level", code.chars().take(20).collect::<String>())
                        .arg("known", levels.join(", ")));
                }
                Some(code)
            }
        };
        let language = match language.map(str::trim).filter(|l| !l.is_empty()) {
            None => None,
            Some(code) => Some(
                LANGUAGES
                    .into_iter()
                    .find(|known| *known == code)
                    .ok_or_else(|| {
                        Msg::new("search-unknown-language")
                            .arg("language", code.chars().take(20).collect::<String>())
                            .arg("known", LANGUAGES.join(", "))
                    })?,
            ),
        };
        Ok(Request {
            text,
            level,
            language,
        })
    }

    /// Nothing asked: the whole (cached) list.
    pub fn is_plain(&self) -> bool {
        self.text.is_empty() && self.level.is_none() && self.language.is_none()
    }
}

/// The level codes of the current versions, lowest first as profiles
/// list them (a code new to the list goes right after the one before it
/// in its profile).
pub fn known_levels(entries: &[CatalogueEntry]) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for entry in entries {
        let mut at = 0;
        for code in &entry.levels {
            if let Some(i) = codes.iter().position(|c| c == code) {
                at = i + 1;
            } else {
                codes.insert(at, code.clone());
                at += 1;
            }
        }
    }
    codes
}

/// A word or a quoted phrase of a query.
#[derive(Debug, Clone, PartialEq)]
pub enum Group {
    Word(String),
    Phrase(Vec<String>),
}

/// Words of `text`: letters and digits, lower case.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The groups of a query: `"praktische organisatie"` is a phrase, other
/// words stand alone; signs are dropped (no search syntax can break it).
pub fn groups(text: &str) -> Vec<Group> {
    let mut groups = Vec::new();
    for (i, part) in text.split('"').enumerate() {
        let found = words(part);
        if i % 2 == 1 && found.len() > 1 {
            groups.push(Group::Phrase(found));
        } else {
            groups.extend(found.into_iter().map(Group::Word));
        }
    }
    groups.truncate(MAX_GROUPS);
    groups
}

/// Corrections of unknown words, and the words to offer instead.
#[derive(Debug, Default)]
pub struct Corrections {
    /// Known words read in place of (beside) a query word.
    pub typos: Vec<(String, Vec<String>)>,
    /// The best known word for each unknown one ("did you mean").
    pub suggestions: Vec<(String, String)>,
}

impl Corrections {
    /// From the vocabulary's similar words: (query word, known word,
    /// similarity; 1 when the word is known, as typed or inflected).
    pub fn new(similar: Vec<(String, String, f32)>) -> Corrections {
        let known: HashSet<&str> = similar
            .iter()
            .filter(|(_, _, score)| *score >= 1.0)
            .map(|(word, _, _)| word.as_str())
            .collect();
        let mut sorted: Vec<&(String, String, f32)> = similar
            .iter()
            .filter(|(word, _, _)| !known.contains(word.as_str()))
            .collect();
        sorted.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
        let mut out = Corrections::default();
        for (word, found, score) in sorted {
            if *score >= TYPO {
                match out.typos.iter_mut().find(|(w, _)| w == word) {
                    Some((_, list)) if list.len() < 3 => list.push(found.clone()),
                    Some(_) => {}
                    None => out.typos.push((word.clone(), vec![found.clone()])),
                }
            }
            if *score >= SUGGEST && !out.suggestions.iter().any(|(w, _)| w == word) {
                out.suggestions.push((word.clone(), found.clone()));
            }
        }
        out
    }

    fn of(&self, word: &str) -> &[String] {
        self.typos
            .iter()
            .find(|(w, _)| w == word)
            .map(|(_, list)| list.as_slice())
            .unwrap_or_default()
    }

    /// The query with each unknown word replaced by its best known one;
    /// `None` when nothing would change.
    pub fn suggested_query(&self, groups: &[Group]) -> Option<String> {
        let mut changed = false;
        let mut parts = Vec::new();
        for group in groups {
            match group {
                Group::Word(w) => match self.suggestions.iter().find(|(q, _)| q == w) {
                    Some((_, better)) => {
                        changed = true;
                        parts.push(better.clone());
                    }
                    None => parts.push(w.clone()),
                },
                Group::Phrase(words) => parts.push(format!("\"{}\"", words.join(" "))),
            }
        }
        changed.then(|| parts.join(" "))
    }
}

/// Words of the query that may be typos (single words long enough).
pub fn typo_candidates(groups: &[Group]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for group in groups {
        if let Group::Word(w) = group
            && w.chars().count() >= MIN_TYPO
            && w.chars().any(char::is_alphabetic)
            && !out.contains(w)
        {
            out.push(w.clone());
        }
    }
    out
}

fn algorithm(language: Language) -> Algorithm {
    match language {
        Language::Nl => Algorithm::Dutch,
        Language::Fr => Algorithm::French,
        Language::En => Algorithm::English,
    }
}

/// Terms of the thesaurus's sets of `language` that hold `word` (as
/// written, or with the same stem without accents).
fn synonyms(
    thesaurus: &Thesaurus,
    language: Language,
    stemmer: &Stemmer,
    word: &str,
) -> Vec<String> {
    let key = stemmer.stem(&fold(word)).into_owned();
    let mut out = Vec::new();
    for set in thesaurus.sets(language) {
        let holds = set
            .terms
            .iter()
            .any(|t| t == word || (!t.contains(' ') && stemmer.stem(&fold(t)) == key));
        if holds {
            out.extend(set.terms.iter().flat_map(|t| words(t)));
        }
    }
    out
}

/// The query in `to_tsquery`'s syntax for entries of `language`: every
/// group must match; a word matches as itself, a correction or a synonym
/// (of `language`'s sets). Operands are letters and digits only, so the
/// text is always valid. `None`: no words.
pub fn tsquery(
    groups: &[Group],
    corrections: &Corrections,
    thesaurus: &Thesaurus,
    language: &str,
) -> Option<String> {
    let analysed = Language::parse(language);
    let stemmer = analysed.map(|l| Stemmer::create(algorithm(l)));
    let mut parts = Vec::new();
    for group in groups {
        match group {
            Group::Word(word) => {
                let mut alternatives = vec![word.clone()];
                alternatives.extend(corrections.of(word).iter().cloned());
                if let (Some(l), Some(stemmer)) = (analysed, &stemmer) {
                    let found: Vec<String> = alternatives
                        .iter()
                        .flat_map(|w| synonyms(thesaurus, l, stemmer, w))
                        .collect();
                    alternatives.extend(found);
                }
                let mut seen = HashSet::new();
                alternatives.retain(|w| !w.is_empty() && seen.insert(w.clone()));
                alternatives.truncate(MAX_ALTERNATIVES);
                parts.push(format!("({})", alternatives.join(" | ")));
            }
            Group::Phrase(words) => parts.push(format!("({})", words.join(" <-> "))),
        }
    }
    (!parts.is_empty()).then(|| parts.join(" & "))
}

/// A piece of a snippet: text, marked when it matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Part {
    pub text: String,
    /// Whether these words matched the query.
    pub mark: bool,
}

/// Splits `ts_headline`'s answer at its marks; empty when nothing matched
/// (a snippet without a match says nothing a purpose would not).
pub fn snippet(headline: &str) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut mark = false;
    let mut text = String::new();
    for c in headline.chars() {
        if c == START || c == STOP {
            if !text.is_empty() {
                parts.push(Part {
                    text: std::mem::take(&mut text),
                    mark,
                });
            }
            mark = c == START;
        } else {
            text.push(c);
        }
    }
    if !text.is_empty() {
        parts.push(Part { text, mark });
    }
    if parts.iter().any(|p| p.mark) {
        parts
    } else {
        Vec::new()
    }
}

/// A profile found.
#[derive(Debug, Clone)]
pub struct Hit {
    pub slug: String,
    pub version: i32,
    /// Level codes, lowest first.
    pub levels: Vec<String>,
    /// The language the texts shown are in (`None`: the list without a
    /// search, in each profile's source language).
    pub language: Option<String>,
    /// The current title, in `language`.
    pub title: String,
    pub purpose: String,
    /// The former title that matched, when the current one did not.
    pub previously: Option<String>,
    /// Matching text with the matches marked; empty: show the purpose.
    pub snippet: Vec<Part>,
}

impl Hit {
    pub fn level_range(&self) -> String {
        crate::profiles::model::level_range(&self.levels)
    }

    /// The language to state on the texts when it differs from the page's.
    pub fn lang_attr(&self, page: &str) -> &str {
        match &self.language {
            Some(code) if code != page => code,
            _ => "",
        }
    }
}

impl From<&CatalogueEntry> for Hit {
    fn from(e: &CatalogueEntry) -> Hit {
        Hit {
            slug: e.slug.clone(),
            version: e.version,
            levels: e.levels.clone(),
            language: None,
            title: e.title.clone(),
            purpose: e.purpose.clone(),
            previously: None,
            snippet: Vec::new(),
        }
    }
}

/// What a search found, and what to offer when it found nothing.
#[derive(Debug, Default)]
pub struct Outcome {
    pub hits: Vec<Hit>,
    /// Searches that would find something ("did you mean").
    pub suggestions: Vec<String>,
    /// When nothing was found and nothing is like it: searches to try
    /// (titles of current profiles).
    pub examples: Vec<String>,
}

/// Runs a search (the cached list when nothing is asked).
pub async fn run(state: &AppState, request: &Request, ui: &str) -> Result<Outcome, AppError> {
    if request.is_plain() {
        let entries = crate::profiles::cached::catalogue(state).await?;
        return Ok(Outcome {
            hits: entries.iter().map(Hit::from).collect(),
            ..Outcome::default()
        });
    }
    let (hits, suggestions) = find(state, request, ui).await?;
    let mut examples = Vec::new();
    if hits.is_empty() && suggestions.is_empty() {
        let entries = crate::profiles::cached::catalogue(state).await?;
        examples = entries.iter().take(3).map(|e| e.title.clone()).collect();
    }
    Ok(Outcome {
        hits,
        suggestions,
        examples,
    })
}

/// What a search (or filters alone) finds; when nothing, the searches
/// like it that would find something.
async fn find(
    state: &AppState,
    request: &Request,
    ui: &str,
) -> Result<(Vec<Hit>, Vec<String>), AppError> {
    let groups = groups(&request.text);
    if groups.is_empty() {
        if !request.text.is_empty() {
            // Only signs: nothing to look for.
            return Ok((Vec::new(), Vec::new()));
        }
        let hits = db::listing(&state.db, request.level.as_deref(), request.language).await?;
        return Ok((hits, Vec::new()));
    }
    let candidates = typo_candidates(&groups);
    let corrections = if candidates.is_empty() {
        Corrections::default()
    } else {
        Corrections::new(db::similar_words(&state.db, &candidates).await?)
    };
    let thesaurus = crate::assessment::cached::thesaurus(state).await?;
    let (languages, queries): (Vec<String>, Vec<String>) = LANGUAGES
        .into_iter()
        .filter(|l| request.language.is_none_or(|only| only == *l))
        .filter_map(|l| tsquery(&groups, &corrections, &thesaurus, l).map(|q| (l.to_string(), q)))
        .unzip();
    let hits = db::search(
        &state.db,
        &languages,
        &queries,
        request.level.as_deref(),
        request.language,
        ui,
    )
    .await?;
    let mut suggestions = Vec::new();
    if hits.is_empty() {
        if let Some(better) = corrections.suggested_query(&groups) {
            suggestions.push(better);
        }
        for title in db::similar_titles(&state.db, &request.text, request.language).await? {
            if !suggestions.contains(&title) {
                suggestions.push(title);
            }
        }
        suggestions.truncate(4);
    }
    Ok((hits, suggestions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::thesaurus::Thesaurus;

    fn levels() -> Vec<String> {
        ["D", "C", "B"].map(String::from).to_vec()
    }

    #[test]
    fn requests_refuse_long_text_and_unknown_levels_and_languages_naming_the_known_ones() {
        let r = Request::read(Some("  klachten \u{7}"), Some("c"), Some("fr"), &levels()).unwrap();
        assert_eq!(r.text, "klachten");
        assert_eq!(r.level.as_deref(), Some("C"));
        assert_eq!(r.language, Some("fr"));
        assert!(
            Request::read(Some(""), Some(" "), Some(""), &levels())
                .unwrap()
                .is_plain()
        );
        assert_eq!(
            Request::read(Some("a\0b"), None, None, &levels())
                .unwrap_err()
                .key,
            "text-control"
        );
        let long = "a".repeat(MAX_QUERY + 1);
        assert_eq!(
            Request::read(Some(&long), None, None, &levels())
                .unwrap_err()
                .key,
            "search-too-long"
        );
        let bad = Request::read(None, Some("Z"), None, &levels()).unwrap_err();
        assert_eq!(bad.key, "search-unknown-level");
        assert!(bad.args.contains(&("known", "D, C, B".to_string())));
        let bad = Request::read(None, None, Some("xx"), &levels()).unwrap_err();
        assert!(bad.args.contains(&("known", "nl, fr, en, de".to_string())));
    }

    #[test]
    fn queries_keep_words_and_phrases_and_drop_syntax() {
        assert_eq!(
            groups("Klacht \"praktische  organisatie\" & !(x) 'a'"),
            [
                Group::Word("klacht".into()),
                Group::Phrase(vec!["praktische".into(), "organisatie".into()]),
                Group::Word("x".into()),
                Group::Word("a".into()),
            ]
        );
        assert!(groups("'); -- ((( \"").is_empty());
        let t = Thesaurus::default();
        let q = tsquery(&groups("a \"b c\""), &Corrections::default(), &t, "nl").unwrap();
        assert_eq!(q, "(a) & (b <-> c)");
    }

    #[test]
    fn synonyms_of_the_entrys_language_and_corrections_widen_a_word() {
        let t = Thesaurus::parse("nl\tbrief ~ schrijven\nfr\tlettre ~ courrier\n").unwrap();
        let c = Corrections::new(vec![
            ("lettres".into(), "lettres".into(), 1.0),
            ("administatieve".into(), "administratieve".into(), 0.72),
            ("administatieve".into(), "administratie".into(), 0.4),
        ]);
        // "lettres" has the stem of "lettre", in French only.
        let g = groups("Lettres administatieve");
        assert_eq!(
            tsquery(&g, &c, &t, "fr").unwrap(),
            "(lettres | lettre | courrier) & (administatieve | administratieve)"
        );
        assert_eq!(
            tsquery(&g, &c, &t, "nl").unwrap(),
            "(lettres) & (administatieve | administratieve)"
        );
        assert_eq!(
            tsquery(&groups("brief"), &c, &t, "nl").unwrap(),
            "(brief | schrijven)"
        );
        assert_eq!(
            c.suggested_query(&g).as_deref(),
            Some("lettres administratieve")
        );
    }

    #[test]
    fn snippets_split_at_the_marks_and_need_a_match() {
        let text = format!("a <b>{START}klacht{STOP} c");
        assert_eq!(
            snippet(&text),
            [
                Part {
                    text: "a <b>".into(),
                    mark: false
                },
                Part {
                    text: "klacht".into(),
                    mark: true
                },
                Part {
                    text: " c".into(),
                    mark: false
                },
            ]
        );
        assert!(snippet("no match").is_empty());
    }

    #[test]
    fn known_levels_come_lowest_first() {
        let entry = |levels: &[&str]| CatalogueEntry {
            slug: String::new(),
            title: String::new(),
            purpose: String::new(),
            version: 1,
            levels: levels.iter().map(ToString::to_string).collect(),
        };
        assert_eq!(
            known_levels(&[entry(&["C", "B"]), entry(&["D", "C", "B", "A"])]),
            ["D", "C", "B", "A"]
        );
    }
}
