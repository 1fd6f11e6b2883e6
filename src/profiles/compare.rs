//! The compare view: chosen levels side by side for chosen criteria, each
//! cell diffed against the cell of the level shown to its left.

use crate::error::Msg;

use super::diff::{self, Change};
use super::model::{Content, TextPart, annotate};

/// What the reader asked to compare, as indices into the content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Level indices, lowest first.
    pub levels: Vec<usize>,
    /// Criterion indices, in profile order.
    pub criteria: Vec<usize>,
}

/// Reads `levels` and `criteria` parameters (repeated, or comma-separated).
/// Empty means all. An unknown value is an error that names it.
pub fn select(content: &Content, levels: &[String], criteria: &[String]) -> Result<Selection, Msg> {
    let mut level_idx = Vec::new();
    for value in levels
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        let found = content
            .levels
            .iter()
            .position(|l| l.code.eq_ignore_ascii_case(value))
            .ok_or_else(|| {
                Msg::new("compare-unknown-level")
                    .arg("value", truncate(value))
                    .arg("known", content.level_codes().join(", "))
            })?;
        if !level_idx.contains(&found) {
            level_idx.push(found);
        }
    }
    if level_idx.is_empty() {
        level_idx = (0..content.levels.len()).collect();
    }
    level_idx.sort_unstable();

    let mut criterion_idx = Vec::new();
    for value in criteria.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        // A name may itself hold a comma: try the whole value first.
        let names: Vec<&str> = match find_criterion(content, value) {
            Some(_) => vec![value],
            None => value
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .collect(),
        };
        for name in names {
            let found = find_criterion(content, name).ok_or_else(|| {
                Msg::new("compare-unknown-criterion").arg("value", truncate(name))
            })?;
            if !criterion_idx.contains(&found) {
                criterion_idx.push(found);
            }
        }
    }
    if criterion_idx.is_empty() {
        criterion_idx = (0..content.criteria.len()).collect();
    }
    criterion_idx.sort_unstable();
    Ok(Selection {
        levels: level_idx,
        criteria: criterion_idx,
    })
}

fn find_criterion(content: &Content, name: &str) -> Option<usize> {
    content
        .criteria
        .iter()
        .position(|c| c.name.eq_ignore_ascii_case(name))
}

/// An unknown value is echoed back in the message; keep it short.
pub(crate) fn truncate(value: &str) -> String {
    let mut s: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// One cell of the compare grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// The profile has no text for this criterion at this level.
    Missing,
    /// The leftmost column (or after a missing cell): the text itself.
    Text(Vec<TextPart>),
    /// Identical to the cell to its left, which is at level `as_level`.
    Same {
        as_level: String,
        text: Vec<TextPart>,
    },
    /// Differs from the cell to its left: words added and dropped.
    Changed {
        from_level: String,
        pieces: Vec<Piece>,
    },
}

/// A run of a changed cell: same, added or dropped words, with glossary
/// terms marked as on the profile page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub change: Change,
    pub parts: Vec<TextPart>,
}

impl Piece {
    pub fn is_added(&self) -> bool {
        self.change == Change::Added
    }
    pub fn is_removed(&self) -> bool {
        self.change == Change::Removed
    }
}

/// How a changed cell is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Each level's own text, with what is new at it marked.
    #[default]
    New,
    /// The full word diff against the level to its left, dropped words
    /// struck through.
    Full,
}

impl Mode {
    /// Reads the `diff` parameter: `full`, or nothing (or `new`) for the
    /// default.
    pub fn parse(value: Option<&str>) -> Result<Mode, Msg> {
        match value.map(str::trim) {
            None | Some("" | "new") => Ok(Mode::New),
            Some("full") => Ok(Mode::Full),
            Some(_) => Err(Msg::new("compare-unknown-diff")),
        }
    }
}

/// A row of the compare grid.
#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub cells: Vec<Cell>,
}

/// Builds the grid for a selection.
pub fn grid(content: &Content, selection: &Selection, mode: Mode) -> Vec<Row> {
    selection
        .criteria
        .iter()
        .map(|&ci| {
            let criterion = &content.criteria[ci];
            let mut cells = Vec::with_capacity(selection.levels.len());
            let mut previous: Option<(&str, &str)> = None;
            for &li in &selection.levels {
                let code = content.levels[li].code.as_str();
                let text = criterion.cells.get(li).and_then(|c| c.as_deref());
                let cell = match (text, previous) {
                    (None, _) => Cell::Missing,
                    (Some(text), None) => Cell::Text(annotate(text, &content.glossary)),
                    (Some(text), Some((prev_code, prev))) if prev == text => Cell::Same {
                        as_level: prev_code.to_string(),
                        text: annotate(text, &content.glossary),
                    },
                    (Some(text), Some((prev_code, prev))) => Cell::Changed {
                        from_level: prev_code.to_string(),
                        pieces: diff::for_display(&diff::words(prev, text), mode == Mode::Full)
                            .into_iter()
                            .map(|p| Piece {
                                change: p.change,
                                parts: annotate(&p.text, &content.glossary),
                            })
                            .collect(),
                    },
                };
                previous = text.map(|t| (code, t));
                cells.push(cell);
            }
            Row {
                name: criterion.name.clone(),
                cells,
            }
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

    #[test]
    fn empty_parameters_select_everything_lowest_level_first() {
        let s = select(&seed(), &[], &[]).unwrap();
        assert_eq!(s.levels, [0, 1, 2]);
        assert_eq!(s.criteria.len(), 7);
        let s = select(
            &seed(),
            &["B,c".into()],
            &["Verbetering".into(), "Kennis".into()],
        )
        .unwrap();
        assert_eq!(s.levels, [1, 2]);
        assert_eq!(s.criteria, [0, 4]);
        let s = select(
            &seed(),
            &["B".into(), "C".into()],
            &["Kennis,Contacten".into()],
        )
        .unwrap();
        assert_eq!(s.levels, [1, 2]);
        assert_eq!(s.criteria, [0, 6]);
    }

    #[test]
    fn unknown_values_are_named_in_the_error() {
        let err = select(&seed(), &["C,Z".into()], &[]).unwrap_err();
        assert_eq!(err.key, "compare-unknown-level");
        assert_eq!(err.args[0], ("value", "Z".to_string()));
        let err = select(&seed(), &[], &["Moed".into()]).unwrap_err();
        assert_eq!(err.key, "compare-unknown-criterion");
    }

    #[test]
    fn by_default_a_level_shows_its_own_text_with_what_is_new_marked() {
        let content = seed();
        let s = select(&content, &["C,B".into()], &["Kennis".into()]).unwrap();
        let rows = grid(&content, &s, Mode::New);
        let Cell::Changed { pieces, .. } = &rows[0].cells[1] else {
            panic!("a change");
        };
        assert!(!pieces.iter().any(Piece::is_removed));
        assert!(pieces.iter().any(Piece::is_added));
        let text: String = pieces
            .iter()
            .flat_map(|p| &p.parts)
            .map(|t| match t {
                TextPart::Plain(t) | TextPart::Term { text: t, .. } => t.as_str(),
            })
            .collect();
        assert_eq!(text, content.criteria[0].cells[2].as_deref().unwrap());
    }

    #[test]
    fn verbetering_at_b_is_the_same_as_c() {
        let content = seed();
        let s = select(&content, &["C,B".into()], &["Verbetering".into()]).unwrap();
        let rows = grid(&content, &s, Mode::Full);
        assert!(matches!(rows[0].cells[0], Cell::Text(_)));
        assert!(matches!(&rows[0].cells[1], Cell::Same { as_level, .. } if as_level == "C"));
    }

    #[test]
    fn kennis_changes_from_c_to_b() {
        let content = seed();
        let s = select(&content, &["C,B".into()], &["Kennis".into()]).unwrap();
        let rows = grid(&content, &s, Mode::Full);
        match &rows[0].cells[1] {
            Cell::Changed { from_level, pieces } => {
                assert_eq!(from_level, "C");
                // The glossary term is a term, inside what was added.
                assert!(pieces.iter().any(|p| p.is_added()
                    && p.parts.iter().any(
                        |t| matches!(t, TextPart::Term { text, .. } if text == "specialisatie*")
                    )));
                assert!(pieces.iter().any(Piece::is_removed));
            }
            other => panic!("expected a change, got {other:?}"),
        }
    }
}
