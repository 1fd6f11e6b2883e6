//! What a section holds as (label, text) rows: the conflict page shows two
//! versions of a section side by side with them, and the audit log lists
//! what a save changed. No I/O here.

use super::forms::Section;
use crate::profiles::document::ProfileDocument;

/// A section's values as (label, text) rows, for showing two versions of
/// it side by side.
pub fn values(doc: &ProfileDocument, section: Section) -> Vec<(String, String)> {
    match section {
        Section::General => vec![
            ("title".into(), doc.title.clone()),
            ("purpose".into(), doc.purpose.clone()),
            ("footnote".into(), doc.footnote.clone()),
            ("language".into(), doc.language.clone()),
        ],
        Section::Levels => doc
            .levels
            .iter()
            .map(|l| (l.code.clone(), l.name.clone()))
            .collect(),
        Section::Areas => doc
            .result_areas
            .iter()
            .map(|a| {
                (
                    a.title.clone(),
                    [a.mission.clone(), a.tasks.join("\n")].join("\n"),
                )
            })
            .collect(),
        Section::Criteria => doc
            .criteria
            .iter()
            .enumerate()
            .map(|(i, c)| ((i + 1).to_string(), c.name.clone()))
            .collect(),
        Section::Cells(i) => doc
            .criteria
            .get(i)
            .map(|c| {
                doc.levels
                    .iter()
                    .map(|l| {
                        (
                            format!("{} · {}", c.name, l.code),
                            c.descriptors.get(&l.code).cloned().unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default(),
        Section::Glossary => doc
            .glossary
            .iter()
            .map(|g| (g.term.clone(), g.definition.clone()))
            .collect(),
    }
}

/// Labels whose text differs between two value lists (for the audit log);
/// a label that went away is listed as `-label`.
pub fn changed_labels(before: &[(String, String)], after: &[(String, String)]) -> Vec<String> {
    let mut labels: Vec<String> = after
        .iter()
        .filter(|(label, text)| {
            before
                .iter()
                .find(|(l, _)| l == label)
                .is_none_or(|(_, t)| t != text)
        })
        .map(|(label, _)| label.clone())
        .collect();
    labels.extend(
        before
            .iter()
            .filter(|(l, _)| !after.iter().any(|(a, _)| a == l))
            .map(|(l, _)| format!("-{l}")),
    );
    labels
}

/// The sections (by their slug) in which two documents differ, for the
/// audit log of a whole-document save.
pub fn changed_sections(before: &ProfileDocument, after: &ProfileDocument) -> Vec<&'static str> {
    let cells = |doc: &ProfileDocument| {
        doc.criteria
            .iter()
            .map(|c| c.descriptors.clone())
            .collect::<Vec<_>>()
    };
    let mut changed: Vec<&'static str> = [
        Section::General,
        Section::Levels,
        Section::Areas,
        Section::Criteria,
        Section::Glossary,
    ]
    .into_iter()
    .filter(|&section| values(before, section) != values(after, section))
    .map(Section::slug)
    .collect();
    if cells(before) != cells(after) {
        changed.push(Section::Cells(0).slug());
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::document::{SEED, parse};

    fn rows(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(l, t)| (l.to_string(), t.to_string()))
            .collect()
    }

    #[test]
    fn changed_labels_lists_new_changed_and_removed_rows() {
        let before = rows(&[("D", "Niveau D"), ("C", "Niveau C"), ("B", "Niveau B")]);
        let after = rows(&[("D", "Niveau D"), ("C", "Niveau C+"), ("A", "Niveau A")]);
        assert_eq!(changed_labels(&before, &after), ["C", "A", "-B"]);
        assert!(changed_labels(&before, &before).is_empty());
    }

    #[test]
    fn changed_sections_names_each_section_that_differs() {
        let doc = parse(SEED).unwrap();
        assert!(changed_sections(&doc, &doc).is_empty());
        let mut new = doc.clone();
        new.purpose = "Een ander doel.".into();
        new.criteria[0]
            .descriptors
            .insert("C".into(), "Andere tekst.".into());
        new.glossary.clear();
        assert_eq!(
            changed_sections(&doc, &new),
            ["general", "glossary", "cells"]
        );
    }
}
