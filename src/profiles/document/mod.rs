//! The profile document (format 2): the JSON form of one profile version,
//! used for import, export and the API. Parsing validates the whole
//! document and reports every problem with its JSON path. Format 2 added
//! `translations`; format 1 documents (without them) still read.

use indexmap::IndexMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

mod validate;

use validate::{RawDocument, validate};

/// The format this version of the portal writes; it also reads format 1.
pub const FORMAT: u32 = 2;
/// Content languages a profile may be written in.
pub const LANGUAGES: [&str; 4] = crate::web::i18n::CONTENT_LANGUAGES;
/// Longest text accepted in any field.
pub const MAX_TEXT: usize = 10_000;
/// Longest short text (titles, names, terms).
pub const MAX_NAME: usize = 300;

/// A name, title or term: 1 to `MAX_NAME` characters.
fn name_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(1, MAX_NAME, r"\S")
}

/// A longer text, possibly empty: at most `MAX_TEXT` characters.
fn text_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(0, MAX_TEXT, r"^[^\x00]*$")
}

/// A definition: 1 to `MAX_TEXT` characters.
fn definition_schema() -> impl Into<utoipa::openapi::RefOr<utoipa::openapi::Schema>> {
    crate::web::schema::text(1, MAX_TEXT, r"\S")
}

/// A complete, validated profile version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct ProfileDocument {
    /// 2 (1, without translations, is still read).
    #[schema(minimum = 1, maximum = 2)]
    pub format: u32,
    /// Stable identifier in URLs: lowercase letters, digits and hyphens.
    #[schema(max_length = 80, pattern = r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    pub slug: String,
    #[schema(schema_with = name_schema)]
    pub title: String,
    /// Language the content is written in: nl, fr, en or de.
    #[schema(pattern = r"^(?:nl|fr|en|de)$")]
    pub language: String,
    #[schema(schema_with = text_schema)]
    pub purpose: String,
    #[serde(default)]
    #[schema(schema_with = text_schema)]
    pub footnote: String,
    /// Lowest level first.
    pub levels: Vec<DocLevel>,
    pub result_areas: Vec<DocResultArea>,
    pub criteria: Vec<DocCriterion>,
    #[serde(default)]
    pub glossary: Vec<DocGlossaryTerm>,
    /// Translations of the content by language code; each text under the
    /// key of its place in the source (`title`, `area.2.task.3`,
    /// `cell.1.D`, `term.1.definition`, …; docs/DESIGN.md lists them).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub translations: IndexMap<String, DocTranslation>,
}

/// One translation in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocTranslation {
    /// Not an official text of the employer.
    #[serde(default)]
    pub unofficial: bool,
    /// Translated texts by key; a key left out is not translated yet.
    pub texts: IndexMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocLevel {
    /// Short code such as "D", "C", "B".
    #[schema(pattern = r"^[A-Z][A-Z0-9+-]{0,7}$")]
    pub code: String,
    #[schema(schema_with = name_schema)]
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocResultArea {
    #[schema(schema_with = name_schema)]
    pub title: String,
    #[serde(default)]
    #[schema(schema_with = text_schema)]
    pub mission: String,
    #[serde(default)]
    pub tasks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocCriterion {
    #[schema(schema_with = name_schema)]
    pub name: String,
    /// One text per level code.
    pub descriptors: IndexMap<String, String>,
    /// The evaluation factor of Art. 4(4) of Directive (EU) 2023/970 the
    /// criterion assesses: `skills`, `effort`, `responsibility` or
    /// `working_conditions`. Absent: not mapped (documents from before
    /// the mapping read as they did).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(pattern = "^(skills|effort|responsibility|working_conditions)$")]
    pub factor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct DocGlossaryTerm {
    #[schema(schema_with = name_schema)]
    pub term: String,
    #[schema(schema_with = definition_schema)]
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
    read_as(text, strictness).map_err(|err| match err {
        ReadError::Unreadable { path, error } => {
            // serde_path_to_error writes the root as "." and an unknown key as "?".
            let path = path.trim_end_matches('?').trim_end_matches('.');
            let path = if path.is_empty() {
                "$".to_string()
            } else {
                format!("$.{path}")
            };
            DocumentErrors(vec![DocumentError {
                path,
                message: error.to_string(),
            }])
        }
        ReadError::Invalid(errors) => errors,
    })
}

/// Why a document could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Not a document's shape: serde's error at its path (as
    /// `serde_path_to_error` writes it), for callers that word it
    /// themselves (the API, in the caller's language).
    Unreadable {
        path: String,
        error: serde_json::Error,
    },
    /// Read, but breaks the rules of a document.
    Invalid(DocumentErrors),
}

/// `parse_as`, with the reading errors kept apart.
pub fn read_as(text: &str, strictness: Strictness) -> Result<ProfileDocument, ReadError> {
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    let raw: RawDocument =
        serde_path_to_error::deserialize(deserializer).map_err(|err| ReadError::Unreadable {
            path: err.path().to_string(),
            error: err.into_inner(),
        })?;
    validate(raw, strictness).map_err(ReadError::Invalid)
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
pub const SEED: &str = include_str!("../../../seed/administratieve-ondersteuning.json");

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
        doc["format"] = 3.into();
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
