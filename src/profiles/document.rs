//! The profile document (format 1): the JSON form of one profile version,
//! used for import, export and the API. Parsing validates the whole
//! document and reports every problem with its JSON path.

use std::collections::HashSet;

use indexmap::IndexMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The only format this version of the portal reads and writes.
pub const FORMAT: u32 = 1;
/// Content languages a profile may be written in.
pub const LANGUAGES: [&str; 4] = ["nl", "fr", "en", "de"];
/// Longest text accepted in any field.
pub const MAX_TEXT: usize = 10_000;
/// Longest short text (titles, names, terms).
pub const MAX_NAME: usize = 300;

/// A complete, validated profile version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProfileDocument {
    /// Always 1.
    pub format: u32,
    /// Stable identifier in URLs: lowercase letters, digits and hyphens.
    pub slug: String,
    pub title: String,
    /// Language the content is written in: nl, fr, en or de.
    pub language: String,
    pub purpose: String,
    #[serde(default)]
    pub footnote: String,
    /// Lowest level first.
    pub levels: Vec<DocLevel>,
    pub result_areas: Vec<DocResultArea>,
    pub criteria: Vec<DocCriterion>,
    #[serde(default)]
    pub glossary: Vec<DocGlossaryTerm>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocLevel {
    /// Short code such as "D", "C", "B".
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocResultArea {
    pub title: String,
    #[serde(default)]
    pub mission: String,
    #[serde(default)]
    pub tasks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocCriterion {
    pub name: String,
    /// One text per level code.
    pub descriptors: IndexMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocGlossaryTerm {
    pub term: String,
    pub definition: String,
}

/// One problem in a document, at a JSON path such as `$.criteria[2].descriptors.B`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DocumentError {
    pub path: String,
    pub message: String,
}

/// Every problem found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentErrors(pub Vec<DocumentError>);

impl fmt::Display for DocumentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "  {}: {}", error.path, error.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for DocumentErrors {}

/// The document as sent: unknown keys are refused (they are usually typos),
/// except the metadata an export or the API adds.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    format: Option<u32>,
    slug: Option<String>,
    title: Option<String>,
    language: Option<String>,
    purpose: Option<String>,
    #[serde(default)]
    footnote: String,
    levels: Option<Vec<RawLevel>>,
    result_areas: Option<Vec<RawResultArea>>,
    criteria: Option<Vec<RawCriterion>>,
    #[serde(default)]
    glossary: Vec<RawGlossaryTerm>,
    #[serde(default, rename = "version")]
    _version: Option<serde_json::Value>,
    #[serde(default, rename = "published_at")]
    _published_at: Option<serde_json::Value>,
    #[serde(default, rename = "status")]
    _status: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    code: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResultArea {
    title: Option<String>,
    #[serde(default)]
    mission: String,
    #[serde(default)]
    tasks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    name: Option<String>,
    descriptors: Option<IndexMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossaryTerm {
    term: Option<String>,
    definition: Option<String>,
}

/// How complete a document must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strictness {
    /// A version to publish or import: complete.
    Complete,
    /// A draft being edited: sections may be empty and cells missing.
    Draft,
}

/// Parses and validates a document given as JSON text.
pub fn parse(text: &str) -> Result<ProfileDocument, DocumentErrors> {
    parse_as(text, Strictness::Complete)
}

/// Parses a document with the given strictness.
pub fn parse_as(text: &str, strictness: Strictness) -> Result<ProfileDocument, DocumentErrors> {
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    let raw: RawDocument = serde_path_to_error::deserialize(deserializer).map_err(|err| {
        // serde_path_to_error writes the root as "." and an unknown key as "?".
        let path = err.path().to_string();
        let path = path.trim_end_matches('?').trim_end_matches('.');
        let path = if path.is_empty() {
            "$".to_string()
        } else {
            format!("$.{path}")
        };
        DocumentErrors(vec![DocumentError {
            path,
            message: err.inner().to_string(),
        }])
    })?;
    validate(raw, strictness)
}

/// Validates an already-built document (API input, edits); returns it
/// normalised (trimmed, cells in level order).
pub fn check(
    document: &ProfileDocument,
    strictness: Strictness,
) -> Result<ProfileDocument, DocumentErrors> {
    let raw = serde_json::to_string(document).map_err(|err| {
        DocumentErrors(vec![DocumentError {
            path: "$".into(),
            message: err.to_string(),
        }])
    })?;
    parse_as(&raw, strictness)
}

/// Collects problems while building the validated document.
struct Checker {
    errors: Vec<DocumentError>,
}

impl Checker {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.errors.push(DocumentError {
            path: path.into(),
            message: message.into(),
        });
    }

    /// A required text: trimmed, not empty, not longer than `max`.
    fn text(&mut self, path: &str, value: Option<String>, max: usize) -> String {
        match value {
            None => {
                self.error(path, "is missing");
                String::new()
            }
            Some(value) => self.optional_text(path, value, max, false),
        }
    }

    fn optional_text(
        &mut self,
        path: &str,
        value: String,
        max: usize,
        may_be_empty: bool,
    ) -> String {
        let value = value.trim().to_string();
        if value.is_empty() && !may_be_empty {
            self.error(path, "must not be empty");
        } else if value.chars().count() > max {
            self.error(path, format!("is longer than {max} characters"));
        } else if value
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            self.error(path, "contains control characters");
        }
        value
    }
}

fn validate(raw: RawDocument, strictness: Strictness) -> Result<ProfileDocument, DocumentErrors> {
    let mut c = Checker { errors: Vec::new() };
    let complete = strictness == Strictness::Complete;

    match raw.format {
        Some(FORMAT) => {}
        Some(other) => c.error(
            "$.format",
            format!("format {other} is not supported; expected {FORMAT}"),
        ),
        None => c.error("$.format", "is missing; expected 1"),
    }
    let slug = c.text("$.slug", raw.slug, 80);
    if !slug.is_empty() && !is_slug(&slug) {
        c.error("$.slug", "must be lowercase letters, digits and single hyphens (e.g. \"administratieve-ondersteuning\")");
    }
    let title = c.text("$.title", raw.title, MAX_NAME);
    let language = c.text("$.language", raw.language, 2);
    if !language.is_empty() && !LANGUAGES.contains(&language.as_str()) {
        c.error(
            "$.language",
            format!("{language:?} is not one of {}", LANGUAGES.join(", ")),
        );
    }
    let purpose = match raw.purpose {
        Some(purpose) if !complete => c.optional_text("$.purpose", purpose, MAX_TEXT, true),
        purpose => c.text("$.purpose", purpose, MAX_TEXT),
    };
    let footnote = c.optional_text("$.footnote", raw.footnote, MAX_TEXT, true);

    let mut levels = Vec::new();
    let mut codes = HashSet::new();
    match raw.levels {
        None => c.error("$.levels", "is missing"),
        Some(list) if list.is_empty() && complete => {
            c.error("$.levels", "must list at least one level")
        }
        Some(list) => {
            for (i, level) in list.into_iter().enumerate() {
                let path = format!("$.levels[{i}]");
                let code = c.text(&format!("{path}.code"), level.code, 8);
                if !code.is_empty() && !is_level_code(&code) {
                    c.error(format!("{path}.code"), format!("{code:?} is not a level code: an uppercase letter, then up to 7 uppercase letters, digits, + or -"));
                } else if !code.is_empty() && !codes.insert(code.clone()) {
                    c.error(
                        format!("{path}.code"),
                        format!("level {code} is listed twice"),
                    );
                }
                let name = c.text(&format!("{path}.name"), level.name, MAX_NAME);
                levels.push(DocLevel { code, name });
            }
        }
    }

    let mut result_areas = Vec::new();
    let mut area_titles = HashSet::new();
    match raw.result_areas {
        None => c.error("$.result_areas", "is missing"),
        Some(list) if list.is_empty() && complete => {
            c.error("$.result_areas", "must list at least one result area")
        }
        Some(list) => {
            for (i, area) in list.into_iter().enumerate() {
                let path = format!("$.result_areas[{i}]");
                let title = c.text(&format!("{path}.title"), area.title, MAX_NAME);
                if !title.is_empty() && !area_titles.insert(title.to_lowercase()) {
                    c.error(
                        format!("{path}.title"),
                        format!("result area {title:?} is listed twice"),
                    );
                }
                let mission =
                    c.optional_text(&format!("{path}.mission"), area.mission, MAX_TEXT, true);
                let tasks = area
                    .tasks
                    .into_iter()
                    .enumerate()
                    .map(|(j, task)| {
                        c.optional_text(&format!("{path}.tasks[{j}]"), task, MAX_TEXT, false)
                    })
                    .collect();
                result_areas.push(DocResultArea {
                    title,
                    mission,
                    tasks,
                });
            }
        }
    }

    let mut criteria = Vec::new();
    let mut names = HashSet::new();
    match raw.criteria {
        None => c.error("$.criteria", "is missing"),
        Some(list) if list.is_empty() && complete => {
            c.error("$.criteria", "must list at least one criterion")
        }
        Some(list) => {
            for (i, criterion) in list.into_iter().enumerate() {
                let path = format!("$.criteria[{i}]");
                let name = c.text(&format!("{path}.name"), criterion.name, MAX_NAME);
                if !name.is_empty() && !names.insert(name.to_lowercase()) {
                    c.error(
                        format!("{path}.name"),
                        format!("criterion {name:?} is listed twice"),
                    );
                }
                let mut descriptors = IndexMap::new();
                match criterion.descriptors {
                    None => c.error(format!("{path}.descriptors"), "is missing"),
                    Some(map) => {
                        for (code, text) in map {
                            let cell = format!("{path}.descriptors.{code}");
                            if !codes.contains(&code) {
                                c.error(
                                    &cell,
                                    format!("{code:?} is not one of the document's levels"),
                                );
                                continue;
                            }
                            // A draft may leave a cell empty: it is then absent.
                            if !complete && text.trim().is_empty() {
                                continue;
                            }
                            let text = c.optional_text(&cell, text, MAX_TEXT, false);
                            descriptors.insert(code, text);
                        }
                        for level in &levels {
                            if complete
                                && !level.code.is_empty()
                                && !descriptors.contains_key(&level.code)
                                && codes.contains(&level.code)
                            {
                                c.error(
                                    format!("{path}.descriptors.{}", level.code),
                                    format!("has no text for level {}", level.code),
                                );
                            }
                        }
                    }
                }
                // Cells in level order, lowest first, whatever order they came in.
                let descriptors = levels
                    .iter()
                    .filter_map(|l| Some((l.code.clone(), descriptors.get(&l.code)?.clone())))
                    .collect();
                criteria.push(DocCriterion { name, descriptors });
            }
        }
    }

    let mut glossary = Vec::new();
    let mut terms = HashSet::new();
    for (i, entry) in raw.glossary.into_iter().enumerate() {
        let path = format!("$.glossary[{i}]");
        let term = c.text(&format!("{path}.term"), entry.term, MAX_NAME);
        if !term.is_empty() && !terms.insert(term.to_lowercase()) {
            c.error(
                format!("{path}.term"),
                format!("term {term:?} is listed twice"),
            );
        }
        let definition = c.text(&format!("{path}.definition"), entry.definition, MAX_TEXT);
        glossary.push(DocGlossaryTerm { term, definition });
    }

    if !c.errors.is_empty() {
        return Err(DocumentErrors(c.errors));
    }
    Ok(ProfileDocument {
        format: FORMAT,
        slug,
        title,
        language,
        purpose,
        footnote,
        levels,
        result_areas,
        criteria,
        glossary,
    })
}

/// Lowercase ASCII letters and digits in groups joined by single hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// An uppercase letter, then up to 7 uppercase letters, digits, `+` or `-`.
pub fn is_level_code(s: &str) -> bool {
    let mut bytes = s.bytes();
    matches!(bytes.next(), Some(b) if b.is_ascii_uppercase())
        && s.len() <= 8
        && bytes.all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'+' || b == b'-')
}

/// The seed profile shipped with the portal, imported on first start.
pub const SEED: &str = include_str!("../../seed/administratieve-ondersteuning.json");

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        parse(text)
            .unwrap_err()
            .0
            .into_iter()
            .map(|e| e.path)
            .collect()
    }

    #[test]
    fn the_seed_is_a_valid_document() {
        let doc = parse(SEED).expect("seed parses");
        assert_eq!(doc.slug, "administratieve-ondersteuning");
        assert_eq!(
            doc.levels
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>(),
            ["D", "C", "B"]
        );
        assert_eq!(
            doc.result_areas
                .iter()
                .map(|a| a.tasks.len())
                .collect::<Vec<_>>(),
            [8, 7, 9, 7]
        );
        assert_eq!(doc.criteria.len(), 7);
        assert_eq!(doc.glossary.len(), 1);
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut doc: serde_json::Value = serde_json::from_str(SEED).unwrap();
        doc["format"] = 2.into();
        doc["slug"] = "Bad Slug".into();
        doc["levels"][1]["code"] = "D".into();
        doc["criteria"][0]["descriptors"]["X"] = "text".into();
        doc["criteria"][1]["descriptors"]
            .as_object_mut()
            .unwrap()
            .remove("B");
        doc["criteria"][2]["name"] = "Kennis".into();
        doc["result_areas"][0]["tasks"][0] = "   ".into();
        doc["glossary"][0]["definition"] = "".into();
        let found = paths(&doc.to_string());
        for expected in [
            "$.format",
            "$.slug",
            "$.levels[1].code",
            "$.criteria[0].descriptors.X",
            "$.criteria[1].descriptors.B",
            "$.criteria[2].name",
            "$.result_areas[0].tasks[0]",
            "$.glossary[0].definition",
        ] {
            assert!(
                found.contains(&expected.to_string()),
                "{expected} not in {found:?}"
            );
        }
    }

    #[test]
    fn syntax_and_type_errors_name_their_place() {
        assert_eq!(paths("{"), ["$"]);
        assert_eq!(paths(r#"{"format": "one"}"#), ["$.format"]);
        let found = paths(r#"{"format": 1, "levels": [{"code": 5}]}"#);
        assert_eq!(found, ["$.levels[0].code"]);
        assert_eq!(paths(r#"{"format": 1, "titel": "x"}"#), ["$.titel"]);
    }

    #[test]
    fn missing_sections_are_reported_together() {
        let found = paths(r#"{"format": 1}"#);
        for expected in [
            "$.slug",
            "$.title",
            "$.language",
            "$.purpose",
            "$.levels",
            "$.result_areas",
            "$.criteria",
        ] {
            assert!(
                found.contains(&expected.to_string()),
                "{expected} not in {found:?}"
            );
        }
    }

    #[test]
    fn slugs_and_codes() {
        assert!(is_slug("administratieve-ondersteuning"));
        assert!(is_slug("a1"));
        for bad in ["", "-a", "a-", "a--b", "A", "a_b", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
        assert!(is_level_code("B"));
        assert!(is_level_code("A2+"));
        for bad in ["", "b", "1", "ABCDEFGHI", "A B"] {
            assert!(!is_level_code(bad), "{bad}");
        }
    }
}
