//! Compare across profiles: one level of several profiles side by side,
//! criterion by criterion. Criteria are matched by name; each profile's
//! cell is diffed against the first profile's (pure rules, no I/O).

use crate::error::Msg;

use super::compare::{Mode, Piece, truncate};
use super::diff;
use super::model::{Content, GlossaryTerm, TextPart, annotate};

/// Fewest and most profiles compared at once.
pub const MIN_PROFILES: usize = 2;
pub const MAX_PROFILES: usize = 4;

/// The slugs of `profiles` parameters (repeated, or comma-separated), in
/// the order given, empty values dropped.
pub fn slugs(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

/// Refuses a list of slugs that cannot be compared: a slug named twice,
/// fewer than two or more than four. (Whether each exists is asked later.)
pub fn check_count(slugs: &[String]) -> Result<(), Msg> {
    // Too many first: the look for duplicates below is quadratic.
    if slugs.len() > MAX_PROFILES {
        return Err(Msg::new("xcompare-too-many").arg("n", slugs.len()));
    }
    for (i, slug) in slugs.iter().enumerate() {
        if slugs[..i].contains(slug) {
            return Err(Msg::new("xcompare-duplicate").arg("slug", truncate(slug)));
        }
    }
    if slugs.len() < MIN_PROFILES {
        return Err(Msg::new("xcompare-too-few").arg("n", slugs.len()));
    }
    Ok(())
}

/// The one level of `level` parameters: none, or an error when several
/// different ones were given.
pub fn level(values: &[String]) -> Result<Option<String>, Msg> {
    let mut chosen: Option<&str> = None;
    for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        match chosen {
            Some(code) if !code.eq_ignore_ascii_case(value) => {
                return Err(Msg::new("xcompare-one-level"));
            }
            Some(_) => {}
            None => chosen = Some(value),
        }
    }
    Ok(chosen.map(str::to_string))
}

/// Index of level `code` (any case) in `content`, or an error naming the
/// profile and the levels it has.
pub fn level_index(content: &Content, code: &str) -> Result<usize, Msg> {
    content
        .levels
        .iter()
        .position(|l| l.code.eq_ignore_ascii_case(code))
        .ok_or_else(|| {
            Msg::new("xcompare-level-missing")
                .arg("level", truncate(code))
                .arg("title", &content.title)
                .arg("known", content.level_codes().join(", "))
        })
}

/// A criterion name as matched across profiles: case and runs of
/// whitespace do not count.
pub fn match_key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// One cell of the cross grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// The profile has no criterion of this name.
    Absent,
    /// The profile has the criterion but no text at this level.
    NoText,
    /// The reference cell of its row (the first profile's, or the first
    /// present one when the first profile lacks the criterion).
    Text(Vec<TextPart>),
    /// Word for word the text of profile `as_profile` (a column index).
    Same {
        as_profile: usize,
        text: Vec<TextPart>,
    },
    /// Differs from the text of profile `from_profile`.
    Changed {
        from_profile: usize,
        pieces: Vec<Piece>,
    },
}

/// A criterion across the profiles.
#[derive(Debug, Clone)]
pub struct Row {
    /// The name as the first profile that has it writes it.
    pub name: String,
    /// The content language of that profile.
    pub lang: String,
    pub cells: Vec<Cell>,
    /// Column indices of the profiles without this criterion.
    pub lacking: Vec<usize>,
}

/// The grid: criteria every profile has, then those only some have.
#[derive(Debug, Clone)]
pub struct Table {
    /// In the first profile's order.
    pub matched: Vec<Row>,
    /// In the first profile's order, then the next profile's, and so on.
    pub partial: Vec<Row>,
    /// Every profile's glossary, one after the other: term indices in the
    /// cells point here (a term is defined as its own profile defines it).
    pub glossary: Vec<GlossaryTerm>,
}

/// Builds the grid of `profiles` at their level `levels[i]`.
pub fn table(profiles: &[&Content], levels: &[usize], mode: Mode) -> Table {
    let mut offsets = Vec::with_capacity(profiles.len());
    let mut glossary = Vec::new();
    for content in profiles {
        offsets.push(glossary.len());
        glossary.extend(content.glossary.iter().cloned());
    }
    let parts = |column: usize, text: &str| -> Vec<TextPart> {
        shifted(annotate(text, &profiles[column].glossary), offsets[column])
    };

    // Every criterion name once, in the order met, with where it is.
    let mut keys: Vec<(String, Vec<Option<usize>>)> = Vec::new();
    for (column, content) in profiles.iter().enumerate() {
        for (ci, criterion) in content.criteria.iter().enumerate() {
            let key = match_key(&criterion.name);
            let at = keys.iter().position(|(k, _)| *k == key).unwrap_or_else(|| {
                keys.push((key, vec![None; profiles.len()]));
                keys.len() - 1
            });
            // A name twice in one profile: the first one counts.
            keys[at].1[column].get_or_insert(ci);
        }
    }

    let mut matched = Vec::new();
    let mut partial = Vec::new();
    for (_, found) in keys {
        let first = found.iter().position(Option::is_some).unwrap_or(0);
        let owner = profiles[first];
        let name = found[first].map_or_else(String::new, |ci| owner.criteria[ci].name.clone());
        let text_of = |column: usize| text_at(profiles, levels, &found, column);
        let reference = (0..profiles.len()).find(|&c| text_of(c).is_some());
        let cells = (0..profiles.len())
            .map(|column| {
                if found[column].is_none() {
                    return Cell::Absent;
                }
                let Some(text) = text_of(column) else {
                    return Cell::NoText;
                };
                match reference {
                    Some(r) if r != column => {
                        let base = text_of(r).unwrap_or_default();
                        if base == text {
                            Cell::Same {
                                as_profile: r,
                                text: parts(column, text),
                            }
                        } else {
                            let runs =
                                diff::for_display(&diff::words(base, text), mode == Mode::Full);
                            Cell::Changed {
                                from_profile: r,
                                pieces: runs
                                    .into_iter()
                                    .map(|p| Piece {
                                        // Dropped words are the reference's,
                                        // with its glossary.
                                        parts: if p.change == diff::Change::Removed {
                                            parts(r, &p.text)
                                        } else {
                                            parts(column, &p.text)
                                        },
                                        change: p.change,
                                    })
                                    .collect(),
                            }
                        }
                    }
                    _ => Cell::Text(parts(column, text)),
                }
            })
            .collect();
        let lacking: Vec<usize> = (0..profiles.len())
            .filter(|&c| found[c].is_none())
            .collect();
        let row = Row {
            name,
            lang: owner.language.clone(),
            cells,
            lacking,
        };
        if row.lacking.is_empty() {
            matched.push(row);
        } else {
            partial.push(row);
        }
    }
    Table {
        matched,
        partial,
        glossary,
    }
}

/// The text of column `column` in a row found at `found` (criterion
/// indices per profile), at that profile's level.
fn text_at<'a>(
    profiles: &[&'a Content],
    levels: &[usize],
    found: &[Option<usize>],
    column: usize,
) -> Option<&'a str> {
    let ci = found[column]?;
    profiles[column].criteria[ci]
        .cells
        .get(levels[column])
        .and_then(|c| c.as_deref())
}

/// Moves glossary indices of `parts` by `offset` (into the joined glossary).
fn shifted(parts: Vec<TextPart>, offset: usize) -> Vec<TextPart> {
    if offset == 0 {
        return parts;
    }
    parts
        .into_iter()
        .map(|part| match part {
            TextPart::Term { text, term } => TextPart::Term {
                text,
                term: term + offset,
            },
            plain => plain,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::document::{SEED, parse};

    fn seed() -> Content {
        Content::from_document(&parse(SEED).unwrap())
    }

    fn words(parts: &[TextPart]) -> String {
        parts
            .iter()
            .map(|t| match t {
                TextPart::Plain(t) | TextPart::Term { text: t, .. } => t.as_str(),
            })
            .collect()
    }

    /// The seed with its criteria renamed, dropped and one cell reworded.
    fn other() -> Content {
        let mut c = seed();
        c.title = "Andere".into();
        c.criteria[0].name = "  KENNIS ".into();
        c.criteria[1].cells[1] = Some("Documenten nakijken en ordenen.".into());
        c.criteria.remove(6); // Contacten
        c.criteria.push(crate::profiles::model::Criterion {
            id: 99,
            name: "Leiding".into(),
            factor: None,
            cells: vec![None, Some("Een team leiden.".into()), None],
        });
        c.glossary = vec![GlossaryTerm {
            term: "specialisatie".into(),
            definition: "anders omschreven".into(),
        }];
        c
    }

    #[test]
    fn slugs_are_read_repeated_or_comma_separated_and_checked() {
        let s = slugs(&["a, b".into(), "".into(), "c".into()]);
        assert_eq!(s, ["a", "b", "c"]);
        assert!(check_count(&s).is_ok());
        assert_eq!(check_count(&s[..1]).unwrap_err().key, "xcompare-too-few");
        assert_eq!(check_count(&[]).unwrap_err().key, "xcompare-too-few");
        let five = slugs(&["a,b,c,d,e".into()]);
        assert_eq!(check_count(&five).unwrap_err().key, "xcompare-too-many");
        let err = check_count(&slugs(&["a,b".into(), "a".into()])).unwrap_err();
        assert_eq!(err.key, "xcompare-duplicate");
        assert_eq!(err.args[0], ("slug", "a".to_string()));
    }

    #[test]
    fn one_level_is_chosen_in_any_case() {
        assert_eq!(level(&[]).unwrap(), None);
        assert_eq!(level(&[" ".into()]).unwrap(), None);
        assert_eq!(
            level(&["c".into(), "C".into()]).unwrap().as_deref(),
            Some("c")
        );
        assert_eq!(
            level(&["C".into(), "B".into()]).unwrap_err().key,
            "xcompare-one-level"
        );
        assert_eq!(level_index(&seed(), "c").unwrap(), 1);
        let err = level_index(&seed(), "A").unwrap_err();
        assert_eq!(err.key, "xcompare-level-missing");
        assert!(err.args.contains(&("known", "D, C, B".to_string())));
    }

    #[test]
    fn names_match_ignoring_case_and_spaces() {
        assert_eq!(match_key("  Vragen  of\tKLACHTEN "), "vragen of klachten");
    }

    #[test]
    fn criteria_are_matched_by_name_and_the_rest_listed_apart() {
        let (a, b) = (seed(), other());
        let t = table(&[&a, &b], &[1, 1], Mode::New);
        let names: Vec<&str> = t.matched.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Kennis",
                "Documenten",
                "Praktische organisatie",
                "Procedures",
                "Verbetering",
                "Vragen of klachten"
            ]
        );
        // Same text (though the name is written otherwise): same as the first.
        assert!(matches!(
            t.matched[0].cells[1],
            Cell::Same { as_profile: 0, .. }
        ));
        assert!(matches!(t.matched[0].cells[0], Cell::Text(_)));
        // The reworded cell: its own text, new words marked, nothing struck.
        let Cell::Changed {
            from_profile: 0,
            pieces,
        } = &t.matched[1].cells[1]
        else {
            panic!("a change: {:?}", t.matched[1].cells[1]);
        };
        assert!(
            pieces
                .iter()
                .any(|p| p.is_added() && words(&p.parts).contains("nakijken"))
        );
        assert!(!pieces.iter().any(Piece::is_removed));
        // Apart: the first profile's own, then the other's.
        let apart: Vec<(&str, &[usize])> = t
            .partial
            .iter()
            .map(|r| (r.name.as_str(), r.lacking.as_slice()))
            .collect();
        assert_eq!(apart, [("Contacten", &[1][..]), ("Leiding", &[0][..])]);
        assert_eq!(t.partial[0].cells[1], Cell::Absent);
        assert!(matches!(t.partial[1].cells[1], Cell::Text(_)));
        assert_eq!(t.partial[1].cells[0], Cell::Absent);
    }

    #[test]
    fn the_full_diff_strikes_the_first_profiles_words() {
        let (a, b) = (seed(), other());
        let t = table(&[&a, &b], &[1, 1], Mode::Full);
        let Cell::Changed { pieces, .. } = &t.matched[1].cells[1] else {
            panic!("a change");
        };
        assert!(
            pieces
                .iter()
                .any(|p| p.is_removed() && words(&p.parts).contains("opstellen"))
        );
    }

    #[test]
    fn a_term_is_defined_as_its_own_profile_defines_it() {
        let (a, b) = (seed(), other());
        // Kennis at B: the seed writes "specialisatie*"; the other has the
        // same text but its own definition.
        let t = table(&[&a, &b], &[2, 2], Mode::New);
        let term_of = |cell: &Cell| -> usize {
            let parts = match cell {
                Cell::Text(p) | Cell::Same { text: p, .. } => p,
                other => panic!("text expected: {other:?}"),
            };
            parts
                .iter()
                .find_map(|p| match p {
                    TextPart::Term { term, .. } => Some(*term),
                    _ => None,
                })
                .unwrap()
        };
        let first = term_of(&t.matched[0].cells[0]);
        let second = term_of(&t.matched[0].cells[1]);
        assert!(t.glossary[first].definition.contains("afgebakende"));
        assert_eq!(t.glossary[second].definition, "anders omschreven");
    }

    #[test]
    fn more_than_two_profiles_are_each_compared_with_the_first() {
        let (a, b) = (seed(), other());
        let mut c = seed();
        c.criteria[1].cells[0] = Some("Iets heel anders.".into());
        let t = table(&[&a, &b, &c], &[1, 1, 0], Mode::New);
        let row = &t.matched[1];
        assert_eq!(row.cells.len(), 3);
        assert!(matches!(
            row.cells[1],
            Cell::Changed {
                from_profile: 0,
                ..
            }
        ));
        assert!(matches!(
            row.cells[2],
            Cell::Changed {
                from_profile: 0,
                ..
            }
        ));
    }
}
