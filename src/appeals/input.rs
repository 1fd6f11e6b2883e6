//! What an appeal and its decision take in, checked before anything is
//! written: every problem at once, by field, so the page and the API can
//! each name them their own way.

use crate::error::Msg;
use crate::profiles::model::Content;

/// Shortest grounds (per criterion, and against the fit).
pub const MIN_GROUNDS: usize = 50;
pub const MAX_TEXT: usize = 5000;

/// Grounds against one criterion, as given.
#[derive(Debug, Clone)]
pub struct GroundsEntry {
    /// The criterion's index in the profile (`None`: the name is unknown).
    pub criterion: Option<usize>,
    /// The name or field as given, for the message.
    pub given: String,
    pub grounds: String,
}

/// An appeal as given.
#[derive(Debug, Clone, Default)]
pub struct LodgeInput {
    pub criteria: Vec<GroundsEntry>,
    pub fit: String,
    /// The employee's name and address (through a share link only).
    pub appellant: Option<(String, String)>,
}

/// Where a problem of an appeal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LodgeField {
    /// Nothing is contested.
    Nothing,
    Criterion(usize),
    Grounds(usize),
    Fit,
    Name,
    Email,
}

/// A checked appeal: (criterion id, grounds), the fit grounds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lodging {
    pub grounds: Vec<(i64, String)>,
    pub fit: Option<String>,
}

/// Trims a text and keeps its line ends as `\n`.
fn clean(text: &str) -> String {
    text.trim().replace("\r\n", "\n")
}

/// The problem of a grounds text, if any.
fn grounds_problem(text: &str) -> Option<Msg> {
    let n = text.chars().count();
    if n < MIN_GROUNDS {
        Some(Msg::new("appeal-grounds-short").arg("min", MIN_GROUNDS))
    } else if n > MAX_TEXT {
        Some(Msg::new("text-too-long").arg("max", MAX_TEXT))
    } else {
        None
    }
}

/// Whether `email` looks like an address (as the database requires).
fn is_email(email: &str) -> bool {
    let mut parts = email.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None)
            if !local.is_empty() && !domain.is_empty() && !email.chars().any(char::is_whitespace)
    ) && email.len() <= 254
}

/// Checks an appeal against the profile version's criteria.
pub fn check_lodge(
    input: &LodgeInput,
    content: &Content,
) -> Result<Lodging, Vec<(LodgeField, Msg)>> {
    let mut problems = Vec::new();
    let mut grounds: Vec<(i64, String)> = Vec::new();
    for (k, entry) in input.criteria.iter().enumerate() {
        let text = clean(&entry.grounds);
        match entry.criterion.and_then(|i| content.criteria.get(i)) {
            None => problems.push((
                LodgeField::Criterion(k),
                Msg::new("appeal-criterion-unknown")
                    .arg("value", entry.given.chars().take(80).collect::<String>()),
            )),
            Some(c) if grounds.iter().any(|(id, _)| *id == c.id) => problems.push((
                LodgeField::Criterion(k),
                Msg::new("appeal-criterion-twice").arg("name", &c.name),
            )),
            Some(c) => grounds.push((c.id, text.clone())),
        }
        if let Some(msg) = grounds_problem(&text) {
            problems.push((LodgeField::Grounds(k), msg));
        }
    }
    let fit = clean(&input.fit);
    if !fit.is_empty()
        && let Some(msg) = grounds_problem(&fit)
    {
        problems.push((LodgeField::Fit, msg));
    }
    if input.criteria.is_empty() && fit.is_empty() {
        problems.push((LodgeField::Nothing, Msg::new("appeal-nothing")));
    }
    if let Some((name, email)) = &input.appellant {
        let name = name.trim();
        if name.is_empty() {
            problems.push((LodgeField::Name, Msg::new("appeal-name-required")));
        } else if name.chars().count() > 200 {
            problems.push((LodgeField::Name, Msg::new("text-too-long").arg("max", 200)));
        }
        if !is_email(email.trim()) {
            problems.push((LodgeField::Email, Msg::new("appeal-email-invalid")));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Lodging {
        grounds,
        fit: (!fit.is_empty()).then_some(fit),
    })
}

/// A placement of an appealed criterion, as given.
#[derive(Debug, Clone)]
pub struct PlacementEntry {
    pub criterion: Option<usize>,
    pub given_criterion: String,
    pub level: Option<usize>,
    pub given_level: String,
    pub note: String,
}

/// An appeal's decision as given.
#[derive(Debug, Clone, Default)]
pub struct DecisionInput {
    pub outcome: String,
    pub placements: Vec<PlacementEntry>,
    /// The level code (required when changed).
    pub level: String,
    pub rationale: String,
}

/// Where a problem of an appeal's decision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionField {
    Outcome,
    /// The placements as a whole (an appealed criterion left out).
    Placements,
    Criterion(usize),
    Level(usize),
    Note(usize),
    NewLevel,
    Rationale,
}

/// A checked decision: changed or not, the level in force (index), the
/// placements (criterion index, level index, note) and the rationale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub changed: bool,
    pub level: usize,
    pub placements: Vec<(usize, usize, String)>,
    pub rationale: String,
}

/// Checks an appeal's decision: `appealed` are the contested criteria's
/// indexes, `original` the level index decided before.
pub fn check_decision(
    input: &DecisionInput,
    content: &Content,
    appealed: &[usize],
    original: usize,
) -> Result<Verdict, Vec<(DecisionField, Msg)>> {
    let mut problems = Vec::new();
    let changed = match input.outcome.trim() {
        "changed" => Some(true),
        "upheld" => Some(false),
        _ => {
            problems.push((DecisionField::Outcome, Msg::new("appeal-outcome")));
            None
        }
    };
    let code = input.level.trim();
    let level = content.levels.iter().position(|l| l.code == code);
    let mut placed = Vec::new();
    for (k, p) in input.placements.iter().enumerate() {
        match p.criterion {
            Some(c) if appealed.contains(&c) => {
                if placed.iter().any(|(done, _, _)| *done == c) {
                    problems.push((
                        DecisionField::Criterion(k),
                        Msg::new("appeal-criterion-twice").arg("name", &content.criteria[c].name),
                    ));
                }
                match p.level.filter(|l| *l < content.levels.len()) {
                    Some(l) => placed.push((c, l, clean(&p.note))),
                    None => problems.push((DecisionField::Level(k), Msg::new("decision-level"))),
                }
            }
            Some(c) => problems.push((
                DecisionField::Criterion(k),
                Msg::new("appeal-not-appealed").arg("name", &content.criteria[c].name),
            )),
            None => problems.push((
                DecisionField::Criterion(k),
                Msg::new("appeal-criterion-unknown").arg(
                    "value",
                    p.given_criterion.chars().take(80).collect::<String>(),
                ),
            )),
        }
        if clean(&p.note).chars().count() > MAX_TEXT {
            problems.push((
                DecisionField::Note(k),
                Msg::new("text-too-long").arg("max", MAX_TEXT),
            ));
        }
    }
    match changed {
        Some(true) => {
            match level {
                None => problems.push((DecisionField::NewLevel, Msg::new("decision-level"))),
                Some(l) if l == original => {
                    problems.push((DecisionField::NewLevel, Msg::new("appeal-level-same")));
                }
                Some(_) => {}
            }
            if appealed.iter().any(|c| !placed.iter().any(|p| p.0 == *c)) {
                problems.push((
                    DecisionField::Placements,
                    Msg::new("appeal-placements-missing"),
                ));
            }
        }
        Some(false) => {
            if !code.is_empty() && level != Some(original) {
                problems.push((DecisionField::NewLevel, Msg::new("appeal-upheld-level")));
            }
            if !input.placements.is_empty() {
                problems.push((
                    DecisionField::Placements,
                    Msg::new("appeal-upheld-placements"),
                ));
            }
        }
        None => {}
    }
    let rationale = clean(&input.rationale);
    let n = rationale.chars().count();
    let min = crate::positions::actions::MIN_RATIONALE;
    let max = crate::positions::actions::MAX_RATIONALE;
    if n < min {
        problems.push((
            DecisionField::Rationale,
            Msg::new("rationale-short").arg("min", min),
        ));
    } else if n > max {
        problems.push((
            DecisionField::Rationale,
            Msg::new("text-too-long").arg("max", max),
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let changed = changed == Some(true);
    Ok(Verdict {
        changed,
        level: if changed {
            level.unwrap_or(original)
        } else {
            original
        },
        placements: placed,
        rationale,
    })
}

/// A question or an answer: 1 to `MAX_TEXT` characters.
pub fn message_text(text: &str) -> Result<String, Msg> {
    let text = clean(text);
    let n = text.chars().count();
    if n == 0 {
        Err(Msg::new("appeal-message-empty"))
    } else if n > MAX_TEXT {
        Err(Msg::new("text-too-long").arg("max", MAX_TEXT))
    } else {
        Ok(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Content {
        let doc = crate::profiles::document::parse(crate::profiles::document::SEED).expect("seed");
        Content::from_document(&doc)
    }

    fn long(word: &str) -> String {
        format!(
            "{word}: {}",
            "de taken gaan verder dan wat het niveau beschrijft. ".repeat(2)
        )
    }

    #[test]
    fn an_appeal_names_known_criteria_with_enough_grounds() {
        let content = seed();
        let input = LodgeInput {
            criteria: vec![GroundsEntry {
                criterion: Some(0),
                given: content.criteria[0].name.clone(),
                grounds: long("Kennis"),
            }],
            ..Default::default()
        };
        let lodging = check_lodge(&input, &content).unwrap();
        assert_eq!(lodging.grounds.len(), 1);
        assert_eq!(lodging.grounds[0].0, content.criteria[0].id);
        assert_eq!(lodging.fit, None);
    }

    #[test]
    fn every_problem_of_an_appeal_is_named_at_once() {
        let content = seed();
        let input = LodgeInput {
            criteria: vec![
                GroundsEntry {
                    criterion: None,
                    given: "Kennen".into(),
                    grounds: "te kort".into(),
                },
                GroundsEntry {
                    criterion: Some(1),
                    given: String::new(),
                    grounds: long("a"),
                },
                GroundsEntry {
                    criterion: Some(1),
                    given: String::new(),
                    grounds: long("b"),
                },
            ],
            fit: "kort".into(),
            appellant: Some((" ".into(), "no-address".into())),
        };
        let problems = check_lodge(&input, &content).unwrap_err();
        let fields: Vec<LodgeField> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                LodgeField::Criterion(0),
                LodgeField::Grounds(0),
                LodgeField::Criterion(2),
                LodgeField::Fit,
                LodgeField::Name,
                LodgeField::Email,
            ]
        );
        let nothing = check_lodge(&LodgeInput::default(), &content).unwrap_err();
        assert_eq!(nothing[0].0, LodgeField::Nothing);
    }

    fn decision(outcome: &str, level: &str, placements: Vec<PlacementEntry>) -> DecisionInput {
        DecisionInput {
            outcome: outcome.into(),
            placements,
            level: level.into(),
            rationale: "Na herbekijken van de taken en de bewijsstukken.".into(),
        }
    }

    fn placed(criterion: usize, level: usize) -> PlacementEntry {
        PlacementEntry {
            criterion: Some(criterion),
            given_criterion: String::new(),
            level: Some(level),
            given_level: String::new(),
            note: String::new(),
        }
    }

    #[test]
    fn a_changed_decision_places_every_appealed_criterion_at_a_new_level() {
        let content = seed();
        let b = content.levels.len() - 1;
        let verdict = check_decision(
            &decision("changed", "B", vec![placed(0, b)]),
            &content,
            &[0],
            1,
        )
        .unwrap();
        assert!(verdict.changed);
        assert_eq!(verdict.level, b);
        assert_eq!(verdict.placements, vec![(0, b, String::new())]);

        let problems = check_decision(
            &decision("changed", "C", vec![placed(2, b)]),
            &content,
            &[0],
            1,
        )
        .unwrap_err();
        let fields: Vec<DecisionField> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                DecisionField::Criterion(0),
                DecisionField::NewLevel,
                DecisionField::Placements
            ]
        );
    }

    #[test]
    fn an_upheld_decision_keeps_the_level_and_needs_a_rationale() {
        let content = seed();
        let verdict = check_decision(&decision("upheld", "", vec![]), &content, &[0], 1).unwrap();
        assert!(!verdict.changed);
        assert_eq!(verdict.level, 1);
        let mut short = decision("upheld", "B", vec![placed(0, 2)]);
        short.rationale = "kort".into();
        let fields: Vec<DecisionField> = check_decision(&short, &content, &[0], 1)
            .unwrap_err()
            .iter()
            .map(|(f, _)| *f)
            .collect();
        assert_eq!(
            fields,
            [
                DecisionField::NewLevel,
                DecisionField::Placements,
                DecisionField::Rationale
            ]
        );
        let unknown = check_decision(&decision("maybe", "", vec![]), &content, &[0], 1);
        assert_eq!(unknown.unwrap_err()[0].0, DecisionField::Outcome);
    }
}
