//! What a manager sends for a position, parsed against the pinned profile
//! version and checked. The HTML form and the JSON API both end up here.

use crate::error::Msg;
use crate::profiles::model::Content;

/// Most tasks a position may list.
pub const MAX_TASKS: usize = 100;
/// Longest task line.
pub const MAX_TASK: usize = 1000;
/// Shortest evidence accepted at submission.
pub const MIN_EVIDENCE: usize = 20;
pub const MAX_EVIDENCE: usize = 5000;
pub const MAX_TITLE: usize = 200;
pub const MAX_PURPOSE: usize = 5000;

/// A position's content, aligned with the profile version: one share per
/// result area and one placement per criterion, in profile order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PositionInput {
    pub title: String,
    pub unit: String,
    pub purpose: String,
    pub tasks: Vec<String>,
    /// Share in % per result area (`None`: not given).
    pub shares: Vec<Option<i32>>,
    pub placements: Vec<Placement>,
}

/// The manager's placement of one criterion.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Placement {
    /// Index of the level in the profile version (lowest first).
    pub level: Option<usize>,
    pub evidence: String,
}

/// A field of what users send about a position, for validation problems
/// (indices are profile order). Each surface names it its own way: the
/// pages by form field id (`handlers::form_id`), the API by JSON path
/// (`api::request::Paths`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Unit,
    Purpose,
    Tasks,
    Task(usize),
    Shares,
    Share(usize),
    Level(usize),
    Evidence(usize),
    /// HR's level for criterion `i`.
    HrLevel(usize),
    /// HR's note for criterion `i`.
    HrNote(usize),
    /// The text of a comment (or the manager's answer).
    Comment,
    /// HR's question when returning a position.
    Question,
    /// The level of a decision.
    DecisionLevel,
    /// The rationale of a decision.
    Rationale,
}

/// Problems found, by field.
pub type Problems = Vec<(Field, Msg)>;

/// How strict the check is: a draft may be partial, a submission not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Draft,
    Submit,
}

/// Checks `input` against `content`. Limits always hold (nothing too long
/// is stored); completeness only at submission.
pub fn check(input: &PositionInput, content: &Content, mode: Check) -> Problems {
    let mut problems = Problems::new();
    let submit = mode == Check::Submit;
    text(&mut problems, Field::Title, &input.title, MAX_TITLE, submit);
    text(&mut problems, Field::Unit, &input.unit, MAX_TITLE, submit);
    text(
        &mut problems,
        Field::Purpose,
        &input.purpose,
        MAX_PURPOSE,
        submit,
    );

    if input.tasks.len() > MAX_TASKS {
        problems.push((
            Field::Tasks,
            Msg::new("tasks-too-many").arg("max", MAX_TASKS),
        ));
    } else {
        for (i, task) in input.tasks.iter().enumerate() {
            text(&mut problems, Field::Task(i), task, MAX_TASK, true);
        }
        if submit && input.tasks.is_empty() {
            problems.push((Field::Tasks, Msg::new("tasks-none")));
        }
    }

    let mut sum = 0;
    for (i, share) in input
        .shares
        .iter()
        .enumerate()
        .take(content.result_areas.len())
    {
        match share {
            Some(s) if !(0..=100).contains(s) => {
                problems.push((Field::Share(i), Msg::new("share-range")));
            }
            Some(s) => sum += s,
            None => {}
        }
    }
    if submit && sum != 100 && !problems.iter().any(|(f, _)| matches!(f, Field::Share(_))) {
        problems.push((Field::Shares, Msg::new("shares-sum").arg("sum", sum)));
    }

    for (i, criterion) in content.criteria.iter().enumerate() {
        let placement = input.placements.get(i).cloned().unwrap_or_default();
        if placement.level.is_some_and(|l| l >= content.levels.len()) {
            problems.push((Field::Level(i), Msg::new("level-unknown")));
        } else if submit && placement.level.is_none() {
            problems.push((
                Field::Level(i),
                Msg::new("level-missing").arg("criterion", &criterion.name),
            ));
        }
        let evidence = placement.evidence.trim().chars().count();
        if evidence > MAX_EVIDENCE {
            problems.push((
                Field::Evidence(i),
                Msg::new("text-too-long").arg("max", MAX_EVIDENCE),
            ));
        } else if submit && evidence < MIN_EVIDENCE {
            problems.push((
                Field::Evidence(i),
                Msg::new("evidence-short")
                    .arg("criterion", &criterion.name)
                    .arg("min", MIN_EVIDENCE),
            ));
        } else if has_control(&placement.evidence) {
            problems.push((Field::Evidence(i), Msg::new("text-control")));
        }
    }
    problems
}

fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

fn text(problems: &mut Problems, field: Field, value: &str, max: usize, required: bool) {
    let value = value.trim();
    if value.chars().count() > max {
        problems.push((field, Msg::new("text-too-long").arg("max", max)));
    } else if required && value.is_empty() {
        problems.push((field, Msg::new("field-required")));
    } else if has_control(value) {
        problems.push((field, Msg::new("text-control")));
    }
}

/// Trims texts and drops empty task lines (an empty line is no task).
pub fn normalise(mut input: PositionInput) -> PositionInput {
    input.title = input.title.trim().to_string();
    input.unit = input.unit.trim().to_string();
    input.purpose = input.purpose.trim().replace("\r\n", "\n");
    input.tasks = input
        .tasks
        .into_iter()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    for p in &mut input.placements {
        p.evidence = p.evidence.trim().replace("\r\n", "\n");
    }
    input
}

/// Reads the HTML form's fields: `title`, `unit`, `purpose`, `task`
/// (repeated), `share-{i}`, `level-{i}` (a level code) and `evidence-{i}`.
/// Returns the input and the problems of fields that could not be read.
pub fn from_form(
    fields: &[(String, String)],
    content: &Content,
) -> Result<(PositionInput, Problems), Msg> {
    let single = |name: &str| -> Result<String, Msg> {
        let mut values = fields.iter().filter(|(k, _)| k == name);
        let first = values.next().map(|(_, v)| v.clone()).unwrap_or_default();
        if values.next().is_some() {
            return Err(Msg::new("form-duplicate-field").arg("field", name));
        }
        Ok(first)
    };
    let mut problems = Problems::new();
    let mut input = PositionInput {
        title: single("title")?,
        unit: single("unit")?,
        purpose: single("purpose")?,
        tasks: fields
            .iter()
            .filter(|(k, _)| k == "task")
            .map(|(_, v)| v.clone())
            .collect(),
        ..PositionInput::default()
    };
    for i in 0..content.result_areas.len() {
        let raw = single(&format!("share-{i}"))?;
        let raw = raw.trim().trim_end_matches('%').trim();
        input.shares.push(if raw.is_empty() {
            None
        } else {
            if let Ok(n) = raw.parse::<i32>() {
                Some(n)
            } else {
                problems.push((Field::Share(i), Msg::new("share-range")));
                None
            }
        });
    }
    for i in 0..content.criteria.len() {
        let code = single(&format!("level-{i}"))?;
        let level = if code.is_empty() {
            None
        } else {
            if let Some(l) = content.level_index(&code) {
                Some(l)
            } else {
                problems.push((Field::Level(i), Msg::new("level-unknown")));
                None
            }
        };
        input.placements.push(Placement {
            level,
            evidence: single(&format!("evidence-{i}"))?,
        });
    }
    Ok((input, problems))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::document::{SEED, parse};

    fn content() -> Content {
        Content::from_document(&parse(SEED).unwrap())
    }

    fn complete(content: &Content) -> PositionInput {
        PositionInput {
            title: "Medewerker onthaal".into(),
            unit: "FOD BOSA / Onthaal".into(),
            purpose: "Bezoekers ontvangen en de dienst ondersteunen.".into(),
            tasks: vec!["Bezoekers onthalen".into()],
            shares: vec![Some(40), Some(10), Some(50), Some(0)],
            placements: content
                .criteria
                .iter()
                .map(|_| Placement {
                    level: Some(1),
                    evidence: "Dagelijks aan het onthaal met vragen van bezoekers.".into(),
                })
                .collect(),
        }
    }

    fn fields(problems: &Problems) -> Vec<Field> {
        problems.iter().map(|(f, _)| *f).collect()
    }

    #[test]
    fn a_complete_position_passes_both_checks() {
        let c = content();
        assert!(check(&complete(&c), &c, Check::Submit).is_empty());
        assert!(check(&complete(&c), &c, Check::Draft).is_empty());
    }

    #[test]
    fn a_draft_may_be_partial_but_a_submission_not() {
        let c = content();
        let empty = PositionInput::default();
        assert!(check(&empty, &c, Check::Draft).is_empty());
        let found = fields(&check(&empty, &c, Check::Submit));
        for f in [
            Field::Title,
            Field::Unit,
            Field::Purpose,
            Field::Tasks,
            Field::Shares,
            Field::Level(0),
            Field::Evidence(6),
        ] {
            assert!(found.contains(&f), "{f:?} not in {found:?}");
        }
    }

    #[test]
    fn shares_must_add_up_to_one_hundred() {
        let c = content();
        let mut input = complete(&c);
        input.shares[0] = Some(30);
        let problems = check(&input, &c, Check::Submit);
        assert_eq!(fields(&problems), [Field::Shares]);
        assert_eq!(problems[0].1.args[0], ("sum", "90".to_string()));
        input.shares[0] = Some(140);
        assert_eq!(fields(&check(&input, &c, Check::Draft)), [Field::Share(0)]);
    }

    #[test]
    fn evidence_needs_twenty_characters_at_submission() {
        let c = content();
        let mut input = complete(&c);
        input.placements[2].evidence = "te kort".into();
        assert_eq!(
            fields(&check(&input, &c, Check::Submit)),
            [Field::Evidence(2)]
        );
        assert!(check(&input, &c, Check::Draft).is_empty());
        input.placements[2].evidence = "x".repeat(MAX_EVIDENCE + 1);
        assert_eq!(
            fields(&check(&input, &c, Check::Draft)),
            [Field::Evidence(2)]
        );
    }

    #[test]
    fn too_many_tasks_or_too_long_texts_are_refused_even_in_a_draft() {
        let c = content();
        let mut input = complete(&c);
        input.tasks = vec!["taak".into(); 10_000];
        assert_eq!(fields(&check(&input, &c, Check::Draft)), [Field::Tasks]);
        let mut input = complete(&c);
        input.title = "t".repeat(201);
        input.tasks[0] = "x".repeat(1001);
        assert_eq!(
            fields(&check(&input, &c, Check::Draft)),
            [Field::Title, Field::Task(0)]
        );
    }

    #[test]
    fn the_form_is_read_with_codes_and_bad_numbers_are_named() {
        let c = content();
        let mut f: Vec<(String, String)> = vec![
            ("title".into(), " Onthaal ".into()),
            ("task".into(), "Een".into()),
            ("task".into(), "".into()),
            ("task".into(), "Twee".into()),
            ("share-0".into(), "60%".into()),
            ("share-1".into(), "veel".into()),
            ("level-0".into(), "C".into()),
            ("level-1".into(), "Z".into()),
            ("evidence-0".into(), "bewijs".into()),
        ];
        let (input, problems) = from_form(&f, &c).unwrap();
        let input = normalise(input);
        assert_eq!(input.title, "Onthaal");
        assert_eq!(input.tasks, ["Een", "Twee"]);
        assert_eq!(input.shares[0], Some(60));
        assert_eq!(input.placements[0].level, Some(1));
        assert_eq!(fields(&problems), [Field::Share(1), Field::Level(1)]);
        f.push(("title".into(), "again".into()));
        assert_eq!(from_form(&f, &c).unwrap_err().key, "form-duplicate-field");
    }
}
