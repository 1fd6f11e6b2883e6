//! Domain types of function profiles, as the pages and the API use them.

use std::collections::BTreeSet;

use serde::Serialize;
use time::OffsetDateTime;

use super::document::{
    DocCriterion, DocGlossaryTerm, DocLevel, DocResultArea, FORMAT, ProfileDocument,
};

/// Life cycle of a profile version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::Type, utoipa::ToSchema)]
#[sqlx(type_name = "version_status", rename_all = "lowercase")]
#[serde(rename_all = "lowercase")]
pub enum VersionStatus {
    Draft,
    /// Frozen, taking effect at a later date.
    Scheduled,
    Published,
    Superseded,
}

impl VersionStatus {
    /// Message-catalogue key of the status name.
    pub fn label_key(self) -> &'static str {
        match self {
            VersionStatus::Draft => "status-draft",
            VersionStatus::Scheduled => "status-scheduled",
            VersionStatus::Published => "status-published",
            VersionStatus::Superseded => "status-superseded",
        }
    }
}

/// Which version of which profile, and where it stands; cheap to look up.
#[derive(Debug, Clone)]
pub struct VersionRef {
    pub id: i64,
    pub slug: String,
    pub version: i32,
    pub status: VersionStatus,
    pub published_at: Option<OffsetDateTime>,
    /// Number of the profile's current published version, if any.
    pub current_version: Option<i32>,
}

impl VersionRef {
    /// Whether this is the version in effect.
    pub fn is_current(&self) -> bool {
        self.status == VersionStatus::Published
    }
}

/// The content of one profile version. Published content never changes,
/// so a loaded `Content` may be kept as long as its version id.
#[derive(Debug, Clone)]
pub struct Content {
    /// The profile's slug and this version's number (0 for a document
    /// that is not stored).
    pub slug: String,
    pub version: i32,
    pub language: String,
    pub title: String,
    pub purpose: String,
    pub footnote: String,
    pub change_note: String,
    pub levels: Vec<Level>,
    pub result_areas: Vec<ResultArea>,
    pub criteria: Vec<Criterion>,
    pub glossary: Vec<GlossaryTerm>,
    /// The language the version was written in; `language` differs when
    /// this is the content read in a translation.
    pub source_language: String,
    /// Keys (`translation::key`) of the texts a translation lacks, shown
    /// in the source language instead.
    pub untranslated: BTreeSet<String>,
}

#[derive(Debug, Clone)]
pub struct Level {
    pub id: i64,
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct ResultArea {
    pub id: i64,
    pub title: String,
    pub mission: String,
    pub tasks: Vec<String>,
}

/// A row of the grid: one text per level, in level order (`None`: no text).
#[derive(Debug, Clone)]
pub struct Criterion {
    pub id: i64,
    pub name: String,
    pub cells: Vec<Option<String>>,
    /// The evaluation factor it assesses (`pay::model::FACTORS`), if mapped.
    pub factor: Option<String>,
}

#[derive(Debug, Clone)]
pub struct GlossaryTerm {
    pub term: String,
    pub definition: String,
}

/// A line of the catalogue.
#[derive(Debug, Clone)]
pub struct CatalogueEntry {
    pub slug: String,
    pub title: String,
    pub purpose: String,
    pub version: i32,
    /// Level codes, lowest first.
    pub levels: Vec<String>,
}

impl CatalogueEntry {
    /// "D–B": lowest to highest level.
    pub fn level_range(&self) -> String {
        level_range(&self.levels)
    }
}

/// "D–B" for a list of codes lowest first; one code alone stands alone.
pub fn level_range(codes: &[String]) -> String {
    match (codes.first(), codes.last()) {
        (Some(low), Some(high)) if low != high => format!("{low}–{high}"),
        (Some(only), _) => only.clone(),
        _ => String::new(),
    }
}

/// One entry of a profile's version history.
#[derive(Debug, Clone)]
pub struct VersionSummary {
    pub version: i32,
    pub status: VersionStatus,
    pub title: String,
    pub change_note: String,
    pub published_at: Option<OffsetDateTime>,
    pub effective_at: Option<OffsetDateTime>,
    pub published_by: Option<String>,
    /// Positions decided against this version.
    pub decided: i64,
}

impl Content {
    /// The evaluation factors no criterion of this version assesses.
    pub fn unassessed_factors(&self) -> Vec<&'static str> {
        let mapped: Vec<&str> = self
            .criteria
            .iter()
            .filter_map(|c| c.factor.as_deref())
            .collect();
        crate::pay::model::unassessed(&mapped)
    }

    /// The content of a document that is not stored (ids are positions):
    /// for checks and previews of documents, and for tests.
    pub fn from_document(doc: &ProfileDocument) -> Content {
        Content {
            slug: doc.slug.clone(),
            version: 0,
            language: doc.language.clone(),
            title: doc.title.clone(),
            purpose: doc.purpose.clone(),
            footnote: doc.footnote.clone(),
            change_note: String::new(),
            levels: doc
                .levels
                .iter()
                .enumerate()
                .map(|(i, l)| Level {
                    id: i as i64,
                    code: l.code.clone(),
                    name: l.name.clone(),
                })
                .collect(),
            result_areas: doc
                .result_areas
                .iter()
                .enumerate()
                .map(|(i, a)| ResultArea {
                    id: i as i64,
                    title: a.title.clone(),
                    mission: a.mission.clone(),
                    tasks: a.tasks.clone(),
                })
                .collect(),
            criteria: doc
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| Criterion {
                    id: i as i64,
                    name: c.name.clone(),
                    factor: c.factor.clone(),
                    cells: doc
                        .levels
                        .iter()
                        .map(|l| c.descriptors.get(&l.code).cloned())
                        .collect(),
                })
                .collect(),
            glossary: doc
                .glossary
                .iter()
                .map(|g| GlossaryTerm {
                    term: g.term.clone(),
                    definition: g.definition.clone(),
                })
                .collect(),
            source_language: doc.language.clone(),
            untranslated: BTreeSet::new(),
        }
    }

    /// The source language of a text shown untranslated, by its key.
    pub fn fallback(&self, key: &str) -> Option<&str> {
        self.untranslated
            .contains(key)
            .then_some(self.source_language.as_str())
    }

    /// Index of the level with this code.
    pub fn level_index(&self, code: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.code == code)
    }

    /// Index of the level with this id.
    pub fn level_index_of_id(&self, id: i64) -> Option<usize> {
        self.levels.iter().position(|l| l.id == id)
    }

    /// Level codes, lowest first.
    pub fn level_codes(&self) -> Vec<String> {
        self.levels.iter().map(|l| l.code.clone()).collect()
    }

    /// The profile document for this content under `slug`.
    pub fn to_document(&self, slug: &str) -> ProfileDocument {
        ProfileDocument {
            format: FORMAT,
            slug: slug.to_string(),
            title: self.title.clone(),
            language: self.language.clone(),
            purpose: self.purpose.clone(),
            footnote: self.footnote.clone(),
            levels: self
                .levels
                .iter()
                .map(|l| DocLevel {
                    code: l.code.clone(),
                    name: l.name.clone(),
                })
                .collect(),
            result_areas: self
                .result_areas
                .iter()
                .map(|a| DocResultArea {
                    title: a.title.clone(),
                    mission: a.mission.clone(),
                    tasks: a.tasks.clone(),
                })
                .collect(),
            criteria: self
                .criteria
                .iter()
                .map(|c| DocCriterion {
                    name: c.name.clone(),
                    factor: c.factor.clone(),
                    descriptors: self
                        .levels
                        .iter()
                        .zip(&c.cells)
                        .filter_map(|(l, cell)| Some((l.code.clone(), cell.clone()?)))
                        .collect(),
                })
                .collect(),
            glossary: self
                .glossary
                .iter()
                .map(|g| DocGlossaryTerm {
                    term: g.term.clone(),
                    definition: g.definition.clone(),
                })
                .collect(),
            translations: indexmap::IndexMap::new(),
        }
    }
}

/// A piece of displayed text: plain, or a glossary term the reader can open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextPart {
    Plain(String),
    /// `text` as written (with its star); `term` indexes the glossary.
    Term {
        text: String,
        term: usize,
    },
}

/// Splits `text` where a glossary term is marked with a star, as the seed
/// does ("specialisatie*"). Matching ignores case.
pub fn annotate(text: &str, glossary: &[GlossaryTerm]) -> Vec<TextPart> {
    // Most texts have no marked term: skip the work (this runs for every
    // cell and task of a page).
    if glossary.is_empty() || !text.contains('*') {
        return vec![TextPart::Plain(text.to_string())];
    }
    let lower = text.to_lowercase();
    // Lowercasing can change byte lengths outside ASCII; then skip annotation.
    if lower.len() != text.len() {
        return vec![TextPart::Plain(text.to_string())];
    }
    let marked: Vec<String> = glossary
        .iter()
        .map(|g| format!("{}*", g.term.to_lowercase()))
        .collect();
    let mut parts = Vec::new();
    let mut plain_from = 0;
    let mut at = 0;
    while at < text.len() {
        let starts_word = at == 0
            || !lower[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let found = marked.iter().enumerate().find_map(|(i, m)| {
            (starts_word && lower[at..].starts_with(m.as_str())).then_some((i, m.len()))
        });
        match found {
            Some((term, len)) => {
                if plain_from < at {
                    parts.push(TextPart::Plain(text[plain_from..at].to_string()));
                }
                parts.push(TextPart::Term {
                    text: text[at..at + len].to_string(),
                    term,
                });
                at += len;
                plain_from = at;
            }
            None => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    if plain_from < text.len() {
        parts.push(TextPart::Plain(text[plain_from..].to_string()));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glossary() -> Vec<GlossaryTerm> {
        vec![GlossaryTerm {
            term: "specialisatie".into(),
            definition: "duidelijk afgebakende kennis".into(),
        }]
    }

    #[test]
    fn a_starred_term_becomes_a_glossary_reference() {
        let parts = annotate("zijn een specialisatie* en noties", &glossary());
        assert_eq!(
            parts,
            vec![
                TextPart::Plain("zijn een ".into()),
                TextPart::Term {
                    text: "specialisatie*".into(),
                    term: 0
                },
                TextPart::Plain(" en noties".into()),
            ]
        );
    }

    #[test]
    fn unstarred_or_embedded_words_stay_plain() {
        for text in ["een specialisatie en", "despecialisatie* x", "geen term"] {
            assert_eq!(
                annotate(text, &glossary()),
                vec![TextPart::Plain(text.into())],
                "{text}"
            );
        }
    }

    #[test]
    fn level_range_reads_lowest_to_highest() {
        assert_eq!(level_range(&["D".into(), "C".into(), "B".into()]), "D–B");
        assert_eq!(level_range(&["C".into()]), "C");
        assert_eq!(level_range(&[]), "");
    }
}
