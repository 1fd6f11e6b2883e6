//! Translations of a version's content: every text has a key naming its
//! place in the source (migration 13 lists them), so a translation is a map
//! of keys to texts and can never change the structure of the profile.
//!
//! Pure rules only: which keys a content has, what a translation lacks or
//! has outdated, and the content as read in a translation, with the texts
//! it lacks taken from the source and marked.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::document::{MAX_NAME, MAX_TEXT};
use super::model::Content;
use crate::error::Msg;

/// One translation of a version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Translation {
    pub language: String,
    pub texts: BTreeMap<String, String>,
    /// Per key, the source text the translation was made from.
    pub sources: BTreeMap<String, String>,
    /// Not an official text of the employer.
    pub unofficial: bool,
}

/// Keys of every text, as `texts` lists them.
pub mod key {
    pub fn level(code: &str) -> String {
        format!("level.{code}.name")
    }
    /// `area` and `task` count from 1.
    pub fn area_title(area: usize) -> String {
        format!("area.{area}.title")
    }
    pub fn area_mission(area: usize) -> String {
        format!("area.{area}.mission")
    }
    pub fn task(area: usize, task: usize) -> String {
        format!("area.{area}.task.{task}")
    }
    pub fn criterion(criterion: usize) -> String {
        format!("criterion.{criterion}.name")
    }
    pub fn cell(criterion: usize, level: &str) -> String {
        format!("cell.{criterion}.{level}")
    }
    pub fn term(term: usize) -> String {
        format!("term.{term}.term")
    }
    pub fn definition(term: usize) -> String {
        format!("term.{term}.definition")
    }
}

/// The part of the profile a key belongs to, for progress per section of
/// the translation view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// Title, purpose, footnote and level names.
    General,
    /// Result area n (from 1) with its tasks.
    Area(usize),
    /// The criteria grid.
    Criteria,
    Glossary,
}

impl Section {
    pub fn of(key: &str) -> Section {
        let mut parts = key.split('.');
        match (parts.next(), parts.next()) {
            (Some("area"), Some(n)) => Section::Area(n.parse().unwrap_or(0)),
            (Some("criterion" | "cell"), _) => Section::Criteria,
            (Some("term"), _) => Section::Glossary,
            _ => Section::General,
        }
    }

    /// The section's name in URLs: `general`, `area-2`, `criteria`, `glossary`.
    pub fn slug(self) -> String {
        match self {
            Section::General => "general".into(),
            Section::Area(n) => format!("area-{n}"),
            Section::Criteria => "criteria".into(),
            Section::Glossary => "glossary".into(),
        }
    }

    pub fn from_slug(slug: &str) -> Option<Section> {
        match slug {
            "general" => Some(Section::General),
            "criteria" => Some(Section::Criteria),
            "glossary" => Some(Section::Glossary),
            _ => slug
                .strip_prefix("area-")
                .and_then(|n| n.parse().ok())
                .filter(|n| *n > 0)
                .map(Section::Area),
        }
    }
}

/// Every text of `content` with its key, in reading order. Empty texts
/// (a mission or footnote left out) have nothing to translate.
pub fn texts(c: &Content) -> Vec<(String, &str)> {
    let mut out: Vec<(String, &str)> = vec![("title".into(), c.title.as_str())];
    out.push(("purpose".into(), &c.purpose));
    out.push(("footnote".into(), &c.footnote));
    for level in &c.levels {
        out.push((key::level(&level.code), &level.name));
    }
    for (a, area) in c.result_areas.iter().enumerate() {
        out.push((key::area_title(a + 1), &area.title));
        out.push((key::area_mission(a + 1), &area.mission));
        for (t, task) in area.tasks.iter().enumerate() {
            out.push((key::task(a + 1, t + 1), task));
        }
    }
    for (i, criterion) in c.criteria.iter().enumerate() {
        out.push((key::criterion(i + 1), &criterion.name));
        for (level, cell) in c.levels.iter().zip(&criterion.cells) {
            if let Some(cell) = cell {
                out.push((key::cell(i + 1, &level.code), cell));
            }
        }
    }
    for (i, term) in c.glossary.iter().enumerate() {
        out.push((key::term(i + 1), &term.term));
        out.push((key::definition(i + 1), &term.definition));
    }
    out.retain(|(_, text)| !text.trim().is_empty());
    out
}

/// Where a translation stands against its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = TranslationStatus)]
pub enum Status {
    /// The text shown is the source itself.
    Source,
    Complete,
    /// Some texts are not translated (they show in the source language).
    Incomplete,
    /// Some source texts changed after they were translated.
    Outdated,
}

impl Status {
    pub fn label_key(self) -> &'static str {
        match self {
            Status::Source => "translation-source",
            Status::Complete => "translation-complete",
            Status::Incomplete => "translation-incomplete",
            Status::Outdated => "translation-outdated",
        }
    }
}

/// What a translation lacks and what it has outdated, by key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub status: Status,
    pub missing: Vec<String>,
    pub outdated: Vec<String>,
    /// Texts in the source, and of those translated.
    pub total: usize,
    pub translated: usize,
}

impl Report {
    /// The report of reading the source itself.
    pub fn source(c: &Content) -> Report {
        let total = texts(c).len();
        Report {
            status: Status::Source,
            missing: Vec::new(),
            outdated: Vec::new(),
            total,
            translated: total,
        }
    }
}

/// Compares `tr` with the source it translates.
pub fn report(source: &Content, tr: &Translation) -> Report {
    let all = texts(source);
    let mut missing = Vec::new();
    let mut outdated = Vec::new();
    for (key, text) in &all {
        match tr.texts.get(key).filter(|t| !t.trim().is_empty()) {
            None => missing.push(key.clone()),
            Some(_) => {
                if tr.sources.get(key).is_some_and(|from| from != text) {
                    outdated.push(key.clone());
                }
            }
        }
    }
    let status = if !outdated.is_empty() {
        Status::Outdated
    } else if !missing.is_empty() {
        Status::Incomplete
    } else {
        Status::Complete
    };
    Report {
        status,
        translated: all.len() - missing.len(),
        total: all.len(),
        missing,
        outdated,
    }
}

/// The content as read in `tr`: each translated text replaces its source;
/// a text without translation stays in the source language and its key is
/// listed in `untranslated`.
pub fn apply(source: &Content, tr: &Translation) -> Content {
    let mut c = source.clone();
    c.language.clone_from(&tr.language);
    c.source_language.clone_from(&source.language);
    let mut untranslated = BTreeSet::new();
    let mut put = |key: String, slot: &mut String| {
        if slot.trim().is_empty() {
            return;
        }
        match tr.texts.get(&key).filter(|t| !t.trim().is_empty()) {
            Some(text) => slot.clone_from(text),
            None => {
                untranslated.insert(key);
            }
        }
    };
    put("title".into(), &mut c.title);
    put("purpose".into(), &mut c.purpose);
    put("footnote".into(), &mut c.footnote);
    for level in &mut c.levels {
        put(key::level(&level.code), &mut level.name);
    }
    for (a, area) in c.result_areas.iter_mut().enumerate() {
        put(key::area_title(a + 1), &mut area.title);
        put(key::area_mission(a + 1), &mut area.mission);
        for (t, task) in area.tasks.iter_mut().enumerate() {
            put(key::task(a + 1, t + 1), task);
        }
    }
    let codes = source.level_codes();
    for (i, criterion) in c.criteria.iter_mut().enumerate() {
        put(key::criterion(i + 1), &mut criterion.name);
        for (code, cell) in codes.iter().zip(criterion.cells.iter_mut()) {
            if let Some(cell) = cell {
                put(key::cell(i + 1, code), cell);
            }
        }
    }
    for (i, term) in c.glossary.iter_mut().enumerate() {
        put(key::term(i + 1), &mut term.term);
        put(key::definition(i + 1), &mut term.definition);
    }
    c.untranslated = untranslated;
    c
}

/// Checks translated texts against the source: a known language other than
/// the source's, only keys the source has, lengths as the document allows.
/// Empty texts are dropped (not translated yet).
pub fn check(
    source: &Content,
    language: &str,
    texts_in: BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, Msg> {
    check_language(language)?;
    if language == source.language {
        return Err(Msg::new("translation-same-language"));
    }
    let known = texts(source);
    let mut out = BTreeMap::new();
    for (key, text) in texts_in {
        let text = text.trim().to_string();
        if text.is_empty() {
            continue;
        }
        if !known.iter().any(|(k, _)| *k == key) {
            return Err(Msg::new("translation-unknown-key").arg("key", short(&key)));
        }
        let limit = if is_name(&key) { MAX_NAME } else { MAX_TEXT };
        if text.chars().count() > limit || text.contains('\0') {
            return Err(Msg::new("translation-too-long")
                .arg("key", key.clone())
                .arg("max", limit.to_string()));
        }
        out.insert(key, text);
    }
    Ok(out)
}

/// A content language code the portal knows, or a message naming them.
pub fn check_language(language: &str) -> Result<(), Msg> {
    crate::web::i18n::content_language(language).map(|_| ())
}

/// Titles, names and terms are short texts.
fn is_name(key: &str) -> bool {
    key == "title" || key.ends_with(".name") || key.ends_with(".title") || key.ends_with(".term")
}

fn short(value: &str) -> String {
    value.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::document::{SEED, parse};

    fn seed() -> Content {
        Content::from_document(&parse(SEED).unwrap())
    }

    fn french(source: &Content, keys: &[&str]) -> Translation {
        let translated: BTreeMap<String, String> = keys
            .iter()
            .map(|k| ((*k).to_string(), format!("fr {k}")))
            .collect();
        let sources = texts(source)
            .into_iter()
            .filter(|(k, _)| translated.contains_key(k))
            .map(|(k, t)| (k, t.to_string()))
            .collect();
        Translation {
            language: "fr".into(),
            texts: translated,
            sources,
            unofficial: true,
        }
    }

    #[test]
    fn every_text_of_the_seed_has_a_key() {
        let c = seed();
        let all = texts(&c);
        let areas: usize = c.result_areas.iter().map(|a| 2 + a.tasks.len()).sum();
        let cells: usize = c
            .criteria
            .iter()
            .map(|cr| 1 + cr.cells.iter().flatten().count())
            .sum();
        // title, purpose, footnote, 3 levels, areas, grid, glossary.
        assert_eq!(all.len(), 3 + 3 + areas + cells + 2 * c.glossary.len());
        assert!(all.iter().any(|(k, _)| k == "cell.1.D"));
        assert!(all.iter().any(|(k, _)| k == "area.4.task.7"));
    }

    #[test]
    fn a_partial_translation_falls_back_per_text_and_says_which() {
        let c = seed();
        let tr = french(&c, &["title", "cell.1.D"]);
        let read = apply(&c, &tr);
        assert_eq!(read.language, "fr");
        assert_eq!(read.source_language, "nl");
        assert_eq!(read.title, "fr title");
        assert_eq!(read.criteria[0].cells[0].as_deref(), Some("fr cell.1.D"));
        assert_eq!(read.purpose, c.purpose);
        assert!(read.untranslated.contains("purpose"));
        assert!(!read.untranslated.contains("title"));
        let r = report(&c, &tr);
        assert_eq!(r.status, Status::Incomplete);
        assert_eq!(r.translated, 2);
        assert_eq!(r.missing.len(), r.total - 2);
    }

    #[test]
    fn a_changed_source_text_makes_its_translation_outdated() {
        let mut c = seed();
        let keys: Vec<String> = texts(&c).into_iter().map(|(k, _)| k).collect();
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        let tr = french(&c, &keys);
        assert_eq!(report(&c, &tr).status, Status::Complete);
        c.purpose.push_str(" Nieuw.");
        let r = report(&c, &tr);
        assert_eq!(r.status, Status::Outdated);
        assert_eq!(r.outdated, ["purpose"]);
        assert!(r.missing.is_empty());
    }

    #[test]
    fn checking_refuses_other_structure_and_languages() {
        let c = seed();
        let one = |k: &str| BTreeMap::from([(k.to_string(), "x".to_string())]);
        assert!(check(&c, "fr", one("cell.1.D")).is_ok());
        assert_eq!(
            check(&c, "fr", one("area.9.title")).unwrap_err().key,
            "translation-unknown-key"
        );
        assert_eq!(
            check(&c, "xx", one("title")).unwrap_err().key,
            "translation-unknown-language"
        );
        assert_eq!(
            check(&c, "nl", one("title")).unwrap_err().key,
            "translation-same-language"
        );
        let long = BTreeMap::from([("title".to_string(), "x".repeat(MAX_NAME + 1))]);
        assert_eq!(
            check(&c, "fr", long).unwrap_err().key,
            "translation-too-long"
        );
        // Blank texts are "not translated", not an error.
        assert!(
            check(
                &c,
                "fr",
                one("title").into_keys().map(|k| (k, " ".into())).collect()
            )
            .unwrap()
            .is_empty()
        );
    }

    #[test]
    fn sections_round_trip_through_their_slugs() {
        for s in [
            Section::General,
            Section::Area(3),
            Section::Criteria,
            Section::Glossary,
        ] {
            assert_eq!(Section::from_slug(&s.slug()), Some(s));
        }
        assert_eq!(Section::of("area.2.task.5"), Section::Area(2));
        assert_eq!(Section::of("cell.3.B"), Section::Criteria);
        assert_eq!(Section::of("level.D.name"), Section::General);
        assert_eq!(Section::from_slug("area-0"), None);
    }
}
