//! What the editor's forms send, as submitted: the section a form saves,
//! its fields as ordered pairs, and the other forms of the drafts pages.
//! Turning them into changes is `sections` and `actions`' work.

use serde::Deserialize;

/// A section of the editor, each saved on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    General,
    Levels,
    Areas,
    Criteria,
    /// The cells of one criterion (by index).
    Cells(usize),
    Glossary,
}

impl Section {
    pub fn parse(name: &str, fields: &Fields) -> Option<Section> {
        Some(match name {
            "general" => Section::General,
            "levels" => Section::Levels,
            "areas" => Section::Areas,
            "criteria" => Section::Criteria,
            "cells" => Section::Cells(fields.get("criterion").parse().ok()?),
            "glossary" => Section::Glossary,
            _ => return None,
        })
    }

    /// The path segment of the section's form action.
    pub fn slug(self) -> &'static str {
        match self {
            Section::General => "general",
            Section::Levels => "levels",
            Section::Areas => "areas",
            Section::Criteria => "criteria",
            Section::Cells(_) => "cells",
            Section::Glossary => "glossary",
        }
    }

    /// Message key of the section's title.
    pub fn label_key(self) -> &'static str {
        match self {
            Section::General => "editor-general",
            Section::Levels => "editor-levels",
            Section::Areas => "editor-areas",
            Section::Criteria => "editor-criteria",
            Section::Cells(_) => "editor-cells",
            Section::Glossary => "editor-glossary",
        }
    }
}

/// A submitted form, as ordered pairs.
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
    pub(super) fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }
    /// Number of rows with `prefix-{i}` fields (0, 1, … without gaps).
    pub(super) fn rows(&self, prefix: &str) -> usize {
        (0..1000)
            .take_while(|i| self.has(&format!("{prefix}-{i}")))
            .count()
    }
}

/// The editor's publish form.
#[derive(Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    pub revision: String,
    #[serde(default)]
    pub change_note: String,
    /// `yyyy-mm-dd`, or empty for now.
    #[serde(default)]
    pub effective: String,
}

/// A form that only names the revision it was made on (discard).
#[derive(Deserialize)]
pub struct RevisionForm {
    #[serde(default)]
    pub revision: String,
}

/// The form for a new profile.
#[derive(Deserialize, Default, Clone)]
pub struct NewForm {
    #[serde(default)]
    pub slug: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub language: String,
    #[serde(default)]
    pub copy_from: String,
}
