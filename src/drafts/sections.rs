//! The sections of the draft editor as plain functions: apply a section's
//! form fields to the draft document (moving, adding and removing rows,
//! asking before texts would be lost). No I/O here.

use super::forms::{Fields, Section};
use crate::profiles::document::{
    DocCriterion, DocGlossaryTerm, DocLevel, DocResultArea, ProfileDocument,
};

/// What applying a form did.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// Save this document.
    Save(ProfileDocument),
    /// Show the form again with one more empty row (nothing saved yet).
    AddRow(ProfileDocument),
    /// Removing this would delete `cells` grid texts: ask first.
    Confirm { what: String, cells: usize },
}

/// The button pressed: `save`, `add`, `up-3`, `down-3`, `remove-3`.
enum Act {
    Save,
    Add,
    Up(usize),
    Down(usize),
    Remove(usize),
}

fn act(fields: &Fields) -> Act {
    let action = fields.get("action");
    let index = |prefix: &str| action.strip_prefix(prefix).and_then(|i| i.parse().ok());
    if action == "add" {
        Act::Add
    } else if let Some(i) = index("up-") {
        Act::Up(i)
    } else if let Some(i) = index("down-") {
        Act::Down(i)
    } else if let Some(i) = index("remove-") {
        Act::Remove(i)
    } else {
        Act::Save
    }
}

/// Moves, removes or keeps rows as the button says (`up`/`down` swap with
/// the neighbour).
fn arrange<T>(rows: &mut Vec<T>, act: &Act) {
    match *act {
        Act::Up(i) if i > 0 && i < rows.len() => rows.swap(i, i - 1),
        Act::Down(i) if i + 1 < rows.len() => rows.swap(i, i + 1),
        Act::Remove(i) if i < rows.len() => {
            rows.remove(i);
        }
        _ => {}
    }
}

/// Applies a section's form to `doc`.
pub fn apply(doc: &ProfileDocument, section: Section, fields: &Fields) -> Outcome {
    let mut doc = doc.clone();
    let act = act(fields);
    match section {
        Section::General => {
            doc.title = fields.get("title").to_string();
            doc.purpose = fields.get("purpose").to_string();
            doc.footnote = fields.get("footnote").to_string();
            doc.language = fields.get("language").to_string();
        }
        Section::Levels => {
            // Each row: the code it had (empty for a new row), its code and name.
            let mut rows: Vec<(String, DocLevel)> = (0..fields.rows("level-code"))
                .map(|i| {
                    (
                        fields.get(&format!("level-old-{i}")).to_string(),
                        DocLevel {
                            code: fields.get(&format!("level-code-{i}")).trim().to_uppercase(),
                            name: fields.get(&format!("level-name-{i}")).to_string(),
                        },
                    )
                })
                .collect();
            if let Act::Remove(i) = act
                && let Some((old, _)) = rows.get(i)
            {
                let cells = doc
                    .criteria
                    .iter()
                    .filter(|c| c.descriptors.contains_key(old))
                    .count();
                if cells > 0 && fields.get("confirm") != "yes" {
                    return Outcome::Confirm {
                        what: old.clone(),
                        cells,
                    };
                }
            }
            arrange(&mut rows, &act);
            for criterion in &mut doc.criteria {
                let old = std::mem::take(&mut criterion.descriptors);
                criterion.descriptors = rows
                    .iter()
                    .filter_map(|(was, level)| Some((level.code.clone(), old.get(was)?.clone())))
                    .collect();
            }
            doc.levels = rows.into_iter().map(|(_, level)| level).collect();
            if matches!(act, Act::Add) {
                doc.levels.push(DocLevel {
                    code: String::new(),
                    name: String::new(),
                });
                return Outcome::AddRow(doc);
            }
        }
        Section::Areas => {
            let mut rows: Vec<DocResultArea> = (0..fields.rows("area-title"))
                .map(|i| DocResultArea {
                    title: fields.get(&format!("area-title-{i}")).to_string(),
                    mission: fields.get(&format!("area-mission-{i}")).to_string(),
                    tasks: lines(fields.get(&format!("area-tasks-{i}"))),
                })
                .collect();
            arrange(&mut rows, &act);
            doc.result_areas = rows;
            if matches!(act, Act::Add) {
                doc.result_areas.push(DocResultArea {
                    title: String::new(),
                    mission: String::new(),
                    tasks: Vec::new(),
                });
                return Outcome::AddRow(doc);
            }
        }
        Section::Criteria => {
            // Each row: the index it had (empty for new), and its name.
            let mut rows: Vec<DocCriterion> = (0..fields.rows("criterion-name"))
                .map(|i| {
                    let old = fields
                        .get(&format!("criterion-old-{i}"))
                        .parse::<usize>()
                        .ok();
                    let factor = fields.get(&format!("criterion-factor-{i}")).trim();
                    DocCriterion {
                        name: fields.get(&format!("criterion-name-{i}")).to_string(),
                        factor: (!factor.is_empty()).then(|| factor.to_string()),
                        descriptors: old
                            .and_then(|o| doc.criteria.get(o))
                            .map(|c| c.descriptors.clone())
                            .unwrap_or_default(),
                    }
                })
                .collect();
            if let Act::Remove(i) = act
                && let Some(row) = rows.get(i)
            {
                let cells = row.descriptors.len();
                if cells > 0 && fields.get("confirm") != "yes" {
                    return Outcome::Confirm {
                        what: row.name.clone(),
                        cells,
                    };
                }
            }
            arrange(&mut rows, &act);
            doc.criteria = rows;
            if matches!(act, Act::Add) {
                doc.criteria.push(DocCriterion {
                    name: String::new(),
                    factor: None,
                    descriptors: Default::default(),
                });
                return Outcome::AddRow(doc);
            }
        }
        Section::Cells(i) => {
            let codes: Vec<String> = doc.levels.iter().map(|l| l.code.clone()).collect();
            if let Some(criterion) = doc.criteria.get_mut(i) {
                criterion.descriptors = codes
                    .into_iter()
                    .filter_map(|code| {
                        let text = fields.get(&format!("cell-{code}")).trim().to_string();
                        (!text.is_empty()).then_some((code, text))
                    })
                    .collect();
            }
        }
        Section::Glossary => {
            let mut rows: Vec<DocGlossaryTerm> = (0..fields.rows("term"))
                .map(|i| DocGlossaryTerm {
                    term: fields.get(&format!("term-{i}")).to_string(),
                    definition: fields.get(&format!("definition-{i}")).to_string(),
                })
                .collect();
            arrange(&mut rows, &act);
            doc.glossary = rows;
            if matches!(act, Act::Add) {
                doc.glossary.push(DocGlossaryTerm {
                    term: String::new(),
                    definition: String::new(),
                });
                return Outcome::AddRow(doc);
            }
        }
    }
    Outcome::Save(doc)
}

/// Non-empty trimmed lines: one task per line.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drafts::values::values;
    use crate::profiles::document::{SEED, parse};

    fn form(pairs: &[(&str, &str)]) -> Fields {
        Fields(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn levels_form(action: &str, confirm: &str) -> Fields {
        form(&[
            ("level-old-0", "D"),
            ("level-code-0", "D"),
            ("level-name-0", "Niveau D"),
            ("level-old-1", "C"),
            ("level-code-1", "C"),
            ("level-name-1", "Niveau C"),
            ("level-old-2", "B"),
            ("level-code-2", "B"),
            ("level-name-2", "Niveau B+"),
            ("action", action),
            ("confirm", confirm),
        ])
    }

    #[test]
    fn renaming_and_reordering_levels_keeps_their_cells() {
        let doc = parse(SEED).unwrap();
        let Outcome::Save(new) = apply(&doc, Section::Levels, &levels_form("up-2", "")) else {
            panic!()
        };
        assert_eq!(
            new.levels
                .iter()
                .map(|l| l.code.as_str())
                .collect::<Vec<_>>(),
            ["D", "B", "C"]
        );
        assert_eq!(new.levels[1].name, "Niveau B+");
        assert_eq!(
            new.criteria[0].descriptors["B"],
            doc.criteria[0].descriptors["B"]
        );
        let mut renamed = levels_form("save", "");
        renamed.0[4].1 = "C1".into();
        let Outcome::Save(new) = apply(&doc, Section::Levels, &renamed) else {
            panic!()
        };
        assert_eq!(
            new.criteria[4].descriptors["C1"],
            doc.criteria[4].descriptors["C"]
        );
        assert!(!new.criteria[4].descriptors.contains_key("C"));
    }

    #[test]
    fn removing_a_level_with_cells_asks_first_then_drops_them() {
        let doc = parse(SEED).unwrap();
        assert_eq!(
            apply(&doc, Section::Levels, &levels_form("remove-0", "")),
            Outcome::Confirm {
                what: "D".into(),
                cells: 7
            }
        );
        let Outcome::Save(new) = apply(&doc, Section::Levels, &levels_form("remove-0", "yes"))
        else {
            panic!()
        };
        assert_eq!(new.levels.len(), 2);
        assert!(
            new.criteria
                .iter()
                .all(|c| !c.descriptors.contains_key("D") && c.descriptors.len() == 2)
        );
    }

    #[test]
    fn adding_a_row_shows_an_empty_one_without_saving() {
        let doc = parse(SEED).unwrap();
        let Outcome::AddRow(new) = apply(&doc, Section::Levels, &levels_form("add", "")) else {
            panic!()
        };
        assert_eq!(new.levels.len(), 4);
        assert_eq!(new.levels[3].code, "");
    }

    #[test]
    fn criteria_keep_their_cells_by_original_position() {
        let doc = parse(SEED).unwrap();
        let fields = form(&[
            ("criterion-old-0", "1"),
            ("criterion-name-0", "Documenten"),
            ("criterion-old-1", "0"),
            ("criterion-name-1", "Kennis en kunde"),
            ("action", "save"),
        ]);
        let Outcome::Save(new) = apply(&doc, Section::Criteria, &fields) else {
            panic!()
        };
        assert_eq!(new.criteria.len(), 2);
        assert_eq!(new.criteria[1].name, "Kennis en kunde");
        assert_eq!(new.criteria[1].descriptors, doc.criteria[0].descriptors);
        let remove = form(&[
            ("criterion-old-0", "1"),
            ("criterion-name-0", "Documenten"),
            ("action", "remove-0"),
        ]);
        assert!(matches!(
            apply(&doc, Section::Criteria, &remove),
            Outcome::Confirm { cells: 3, .. }
        ));
    }

    #[test]
    fn tasks_are_lines_and_may_move_between_areas() {
        let doc = parse(SEED).unwrap();
        let fields = form(&[
            ("area-title-0", "Als ondersteuner"),
            ("area-mission-0", "m"),
            ("area-tasks-0", "Eén\n\n Twee \r\nDrie"),
            ("area-title-1", "Als organisator"),
            ("area-mission-1", ""),
            ("area-tasks-1", "Vier"),
            ("action", "down-0"),
        ]);
        let Outcome::Save(new) = apply(&doc, Section::Areas, &fields) else {
            panic!()
        };
        assert_eq!(new.result_areas[1].tasks, ["Eén", "Twee", "Drie"]);
        assert_eq!(new.result_areas[0].title, "Als organisator");
    }

    #[test]
    fn a_cell_form_sets_one_row_of_the_grid() {
        let doc = parse(SEED).unwrap();
        let fields = form(&[
            ("criterion", "4"),
            ("cell-D", "x"),
            ("cell-C", ""),
            ("cell-B", " y "),
        ]);
        let section = Section::parse("cells", &fields).unwrap();
        let Outcome::Save(new) = apply(&doc, section, &fields) else {
            panic!()
        };
        assert_eq!(new.criteria[4].descriptors.len(), 2);
        assert_eq!(new.criteria[4].descriptors["B"], "y");
        assert_eq!(
            values(&new, section)[1],
            ("Verbetering · C".to_string(), String::new())
        );
    }
}
