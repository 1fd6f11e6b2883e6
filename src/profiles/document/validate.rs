//! Validation of a profile document as sent: every problem is reported
//! with its JSON path, and the document comes back normalised.

use std::collections::HashSet;

use indexmap::IndexMap;
use serde::Deserialize;

use super::{
    DocCriterion, DocGlossaryTerm, DocLevel, DocResultArea, DocumentError, DocumentErrors, FORMAT,
    LANGUAGES, MAX_NAME, MAX_TEXT, ProfileDocument, Strictness, is_level_code, is_slug,
};

/// The document as sent: unknown keys are refused (they are usually typos),
/// except the metadata an export or the API adds.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDocument {
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
    #[serde(default)]
    translations: IndexMap<String, RawTranslation>,
    #[serde(default, rename = "version")]
    _version: Option<serde_json::Value>,
    #[serde(default, rename = "published_at")]
    _published_at: Option<serde_json::Value>,
    #[serde(default, rename = "status")]
    _status: Option<serde_json::Value>,
    #[serde(default, rename = "source_language")]
    _source_language: Option<serde_json::Value>,
    #[serde(default, rename = "available_languages")]
    _available_languages: Option<serde_json::Value>,
    #[serde(default, rename = "translation")]
    _translation: Option<serde_json::Value>,
    /// Read-only in a version's API answer (derived from the criteria).
    #[serde(default, rename = "factors")]
    _factors: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTranslation {
    #[serde(default)]
    unofficial: bool,
    texts: IndexMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLevel {
    code: Option<String>,
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawResultArea {
    title: Option<String>,
    #[serde(default)]
    mission: String,
    #[serde(default)]
    tasks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCriterion {
    name: Option<String>,
    descriptors: Option<IndexMap<String, String>>,
    #[serde(default)]
    factor: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGlossaryTerm {
    term: Option<String>,
    definition: Option<String>,
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

pub(super) fn validate(
    raw: RawDocument,
    strictness: Strictness,
) -> Result<ProfileDocument, DocumentErrors> {
    let mut c = Checker { errors: Vec::new() };
    let complete = strictness == Strictness::Complete;

    match raw.format {
        Some(1) if !raw.translations.is_empty() => c.error(
            "$.translations",
            format!("translations need format {FORMAT}; this document says format 1"),
        ),
        Some(1 | FORMAT) => {}
        Some(other) => c.error(
            "$.format",
            format!("format {other} is not supported; expected {FORMAT} (or 1)"),
        ),
        None => c.error("$.format", format!("is missing; expected {FORMAT}")),
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
            c.error("$.levels", "must list at least one level");
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
            c.error("$.result_areas", "must list at least one result area");
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
            c.error("$.criteria", "must list at least one criterion");
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
                let factor = match criterion.factor.as_deref().map(str::trim) {
                    None | Some("") => None,
                    Some(f) if crate::pay::model::FACTORS.contains(&f) => Some(f.to_string()),
                    Some(_) => {
                        c.error(
                            format!("{path}.factor"),
                            "must be one of skills, effort, responsibility, working_conditions",
                        );
                        None
                    }
                };
                criteria.push(DocCriterion {
                    name,
                    descriptors,
                    factor,
                });
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
    let mut document = ProfileDocument {
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
        translations: IndexMap::new(),
    };
    document.translations = translations(&mut c, &document, raw.translations);
    if !c.errors.is_empty() {
        return Err(DocumentErrors(c.errors));
    }
    Ok(document)
}

/// Checks each translation against the (valid) source it translates: a
/// known language other than the source's, keys the source has, lengths.
fn translations(
    c: &mut Checker,
    source: &ProfileDocument,
    raw: IndexMap<String, RawTranslation>,
) -> IndexMap<String, super::DocTranslation> {
    let content = crate::profiles::model::Content::from_document(source);
    let mut out = IndexMap::new();
    for (language, translation) in raw {
        let path = format!("$.translations.{language}");
        let texts: std::collections::BTreeMap<String, String> =
            translation.texts.clone().into_iter().collect();
        match crate::profiles::translation::check(&content, &language, texts) {
            Err(msg) => c.error(path, msg.render(crate::i18n::Lang::En)),
            Ok(checked) => {
                // Keep the document's key order, dropping blank texts.
                let texts = translation
                    .texts
                    .into_iter()
                    .filter_map(|(k, _)| checked.get(&k).map(|t| (k, t.clone())))
                    .collect();
                out.insert(
                    language,
                    super::DocTranslation {
                        unofficial: translation.unofficial,
                        texts,
                    },
                );
            }
        }
    }
    out
}
