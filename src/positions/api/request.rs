//! What the positions API takes: request bodies, read against the pinned
//! profile version into the input the actions check, and the JSON paths
//! that name each `Field` in the body it came from.

use serde::Deserialize;
use utoipa::ToSchema;

use super::response::{AreaShare, HrPlacementDoc, PlacementDoc};
use crate::error::Msg;
use crate::positions::actions::{DecisionInput, MAX_COMMENT, MAX_RATIONALE, MIN_RATIONALE};
use crate::positions::input::{
    Field, MAX_PURPOSE, MAX_TASK, MAX_TASKS, MAX_TITLE, Placement, PositionInput, Problems,
};
use crate::positions::view::HrPlacement;
use crate::profiles::model::Content;
use crate::web::json::{whole, whole_opt};
use crate::web::schema;
use utoipa::openapi::{RefOr, Schema};

/// A text the server keeps as typed: no control characters but tab, line
/// feed and carriage return (`input::check`).
pub const TEXT_PATTERN: &str = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$";
/// A text that must say something: as `TEXT_PATTERN`, with a character
/// that is not white space (the server trims before it checks).
pub const FILLED_PATTERN: &str = r"^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*[^\s\x00-\x1F\x7F-\x9F][^\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]*$";
/// A comment or question: as `FILLED_PATTERN`, where a carriage return
/// comes only before a line feed (`actions::comments::thread_text`).
pub const THREAD_PATTERN: &str = r"^(?:[^\x00-\x08\x0B-\x1F\x7F-\x9F]|\r\n)*[^\s\x00-\x1F\x7F-\x9F](?:[^\x00-\x08\x0B-\x1F\x7F-\x9F]|\r\n)*$";

/// A rationale: `MIN_RATIONALE` characters or more between its first and
/// last that are not white space (the server trims), and no NUL.
pub const RATIONALE_PATTERN: &str = r"^\s*[^\s\x00][^\x00]{28,}[^\s\x00]\s*$";

/// A new position: the profile it is described against, and its content.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPositionBody {
    /// Profile slug (of a profile with a published version).
    #[schema(min_length = 1)]
    pub profile: String,
    /// Ignored on creation.
    #[serde(default, deserialize_with = "whole_opt")]
    pub revision: Option<i32>,
    #[serde(default)]
    #[schema(schema_with = title_schema)]
    pub title: String,
    #[serde(default)]
    #[schema(schema_with = title_schema)]
    pub unit: String,
    #[serde(default)]
    #[schema(schema_with = purpose_schema)]
    pub purpose: String,
    /// Task lines (empty lines are dropped).
    #[serde(default)]
    #[schema(schema_with = tasks_schema)]
    pub tasks: Vec<String>,
    #[serde(default)]
    pub result_areas: Vec<AreaShare>,
    #[serde(default)]
    pub placements: Vec<PlacementDoc>,
}

/// The content of a position as the API takes it when replacing it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PositionBody {
    /// Ignored: a position keeps its profile.
    #[serde(default)]
    pub profile: Option<String>,
    /// The revision read (`GET /positions/{id}`): 409 `stale_revision`
    /// when the position changed since.
    #[serde(deserialize_with = "whole")]
    #[schema(minimum = 1)]
    pub revision: i32,
    #[serde(default)]
    #[schema(schema_with = title_schema)]
    pub title: String,
    #[serde(default)]
    #[schema(schema_with = title_schema)]
    pub unit: String,
    #[serde(default)]
    #[schema(schema_with = purpose_schema)]
    pub purpose: String,
    /// Task lines (empty lines are dropped).
    #[serde(default)]
    #[schema(schema_with = tasks_schema)]
    pub tasks: Vec<String>,
    #[serde(default)]
    pub result_areas: Vec<AreaShare>,
    #[serde(default)]
    pub placements: Vec<PlacementDoc>,
}

fn title_schema() -> impl Into<RefOr<Schema>> {
    schema::text(0, MAX_TITLE, TEXT_PATTERN)
}

fn purpose_schema() -> impl Into<RefOr<Schema>> {
    schema::text(0, MAX_PURPOSE, TEXT_PATTERN)
}

/// Task lines: at most `MAX_TASKS`, each at most `MAX_TASK` characters.
fn tasks_schema() -> impl Into<RefOr<Schema>> {
    schema::texts(MAX_TASKS, schema::text(0, MAX_TASK, TEXT_PATTERN))
}

fn thread_schema() -> impl Into<RefOr<Schema>> {
    schema::text(1, MAX_COMMENT, THREAD_PATTERN)
}

fn rationale_schema() -> impl Into<RefOr<Schema>> {
    schema::text(MIN_RATIONALE, MAX_RATIONALE, RATIONALE_PATTERN)
}

impl From<NewPositionBody> for PositionBody {
    fn from(body: NewPositionBody) -> Self {
        PositionBody {
            profile: Some(body.profile),
            revision: body.revision.unwrap_or(0),
            title: body.title,
            unit: body.unit,
            purpose: body.purpose,
            tasks: body.tasks,
            result_areas: body.result_areas,
            placements: body.placements,
        }
    }
}

/// The revision the client read.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RevisionBody {
    #[serde(default, deserialize_with = "whole_opt")]
    #[schema(minimum = 1)]
    pub revision: Option<i32>,
}

/// HR's question when returning a position.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageBody {
    #[schema(schema_with = thread_schema)]
    pub message: String,
}

/// A comment for the thread.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CommentBody {
    #[schema(schema_with = thread_schema)]
    pub body: String,
}

/// A decision: the level (code), a rationale and, optionally, HR's own
/// placements (criterion by name, level by code), saved with it.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// A level code of the position's profile version.
    #[schema(min_length = 1)]
    pub level: String,
    /// Why: at least `MIN_RATIONALE` characters (after trimming).
    #[schema(schema_with = rationale_schema)]
    pub rationale: String,
    #[serde(default)]
    pub hr_placements: Vec<HrPlacementDoc>,
}

/// Problems at JSON paths of a request body.
pub type Fields = Vec<(String, Msg)>;

/// A body read against the profile: what it says, where each part of the
/// profile sits in it, and the names it gave that the profile lacks.
pub struct Read<T> {
    pub value: T,
    pub paths: Paths,
    pub errors: Fields,
}

/// Where the items of a list sit: in the body the caller sent, or (with no
/// body) in profile order, as GET returns the position.
#[derive(Debug, Clone, Default)]
enum Order {
    #[default]
    Profile,
    /// The body index of each item of the profile (profile order).
    Body(Vec<Option<usize>>),
}

impl Order {
    fn of(&self, i: usize) -> Option<usize> {
        match self {
            Order::Profile => Some(i),
            Order::Body(at) => at.get(i).copied().flatten(),
        }
    }
}

/// The JSON path of each `Field` in a request body.
#[derive(Debug, Clone, Default)]
pub struct Paths {
    result_areas: Order,
    placements: Order,
    hr_placements: Order,
}

impl Paths {
    /// Paths into the position as GET returns it, for requests without a
    /// body that names things (submit).
    pub fn profile_order() -> Self {
        Paths::default()
    }

    /// The JSON path of `field`; a list itself when the item is not in it.
    pub fn path(&self, field: Field) -> String {
        let item = |order: &Order, list: &str, i: usize, name: &str| match order.of(i) {
            Some(k) => format!("{list}[{k}].{name}"),
            None => list.to_string(),
        };
        match field {
            Field::Title => "title".into(),
            Field::Unit => "unit".into(),
            Field::Purpose => "purpose".into(),
            Field::Tasks => "tasks".into(),
            Field::Task(i) => format!("tasks[{i}]"),
            Field::Shares => "result_areas".into(),
            Field::Share(i) => item(&self.result_areas, "result_areas", i, "share"),
            Field::Level(i) => item(&self.placements, "placements", i, "level"),
            Field::Evidence(i) => item(&self.placements, "placements", i, "evidence"),
            Field::HrLevel(i) => item(&self.hr_placements, "hr_placements", i, "level"),
            Field::HrNote(i) => item(&self.hr_placements, "hr_placements", i, "note"),
            Field::Comment => "body".into(),
            Field::Question => "message".into(),
            Field::DecisionLevel => "level".into(),
            Field::Rationale => "rationale".into(),
        }
    }

    /// `problems` at their JSON paths.
    pub fn fields(&self, problems: Problems) -> Fields {
        problems
            .into_iter()
            .map(|(field, msg)| (self.path(field), msg))
            .collect()
    }
}

/// A criterion a body list names, with the level it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Named {
    /// Index of the item in the body's list.
    at: usize,
    /// Index of the level in the profile.
    level: Option<usize>,
}

/// Resolves the items of the body list `list`, each a criterion name and
/// an optional level code, against `content`: per criterion (profile
/// order), the item that names it. Unknown or repeated criteria and
/// unknown levels are errors at `{list}[k].criterion` / `{list}[k].level`.
/// The one resolver of every body that names criteria and levels.
fn resolve<'a>(
    list: &str,
    items: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    content: &Content,
    errors: &mut Fields,
) -> Vec<Option<Named>> {
    let mut found: Vec<Option<Named>> = vec![None; content.criteria.len()];
    for (k, (criterion, level)) in items.enumerate() {
        let Some(ci) = content
            .criteria
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(criterion.trim()))
        else {
            errors.push((
                format!("{list}[{k}].criterion"),
                Msg::new("api-unknown-criterion"),
            ));
            continue;
        };
        if found[ci].is_some() {
            errors.push((format!("{list}[{k}].criterion"), Msg::new("api-duplicate")));
            continue;
        }
        let level = match level.map(str::trim).filter(|l| !l.is_empty()) {
            None => None,
            Some(code) => {
                let index = content.level_index(code);
                if index.is_none() {
                    errors.push((format!("{list}[{k}].level"), Msg::new("level-unknown")));
                }
                index
            }
        };
        found[ci] = Some(Named { at: k, level });
    }
    found
}

/// The body index of each criterion.
fn order(found: &[Option<Named>]) -> Order {
    Order::Body(found.iter().map(|n| n.map(|n| n.at)).collect())
}

/// Reads a position body into the input aligned with the profile.
pub fn read_position(body: &PositionBody, content: &Content) -> Read<PositionInput> {
    let mut errors = Fields::new();
    let mut areas = vec![None; content.result_areas.len()];
    let mut shares = vec![None; content.result_areas.len()];
    for (j, area) in body.result_areas.iter().enumerate() {
        match content
            .result_areas
            .iter()
            .position(|a| a.title.eq_ignore_ascii_case(area.title.trim()))
        {
            Some(i) if shares[i].is_none() => {
                shares[i] = Some(area.share);
                areas[i] = Some(j);
            }
            Some(_) => errors.push((
                format!("result_areas[{j}].title"),
                Msg::new("api-duplicate"),
            )),
            None => errors.push((
                format!("result_areas[{j}].title"),
                Msg::new("api-unknown-area"),
            )),
        }
    }
    let items = body
        .placements
        .iter()
        .map(|p| (p.criterion.as_str(), p.level.as_deref()));
    let found = resolve("placements", items, content, &mut errors);
    let placements = found
        .iter()
        .map(|n| match n {
            Some(n) => Placement {
                level: n.level,
                evidence: body.placements[n.at].evidence.clone(),
            },
            None => Placement::default(),
        })
        .collect();
    Read {
        value: PositionInput {
            title: body.title.clone(),
            unit: body.unit.clone(),
            purpose: body.purpose.clone(),
            tasks: body.tasks.clone(),
            shares,
            placements,
        },
        paths: Paths {
            result_areas: Order::Body(areas),
            placements: order(&found),
            hr_placements: Order::Profile,
        },
        errors,
    }
}

/// Reads a decision body; its HR placements, when it has any, aligned with
/// the profile.
pub fn read_decision(body: DecisionBody, content: &Content) -> Read<DecisionInput> {
    let mut errors = Fields::new();
    let mut paths = Paths::profile_order();
    let placements = if body.hr_placements.is_empty() {
        None
    } else {
        let items = body
            .hr_placements
            .iter()
            .map(|p| (p.criterion.as_str(), p.level.as_deref()));
        let found = resolve("hr_placements", items, content, &mut errors);
        paths.hr_placements = order(&found);
        Some(
            found
                .iter()
                .map(|n| match n {
                    Some(n) => HrPlacement {
                        level: n.level,
                        note: body.hr_placements[n.at].note.clone(),
                    },
                    None => HrPlacement::default(),
                })
                .collect(),
        )
    };
    Read {
        value: DecisionInput {
            level: body.level,
            rationale: body.rationale,
            placements,
        },
        paths,
        errors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::document::{SEED, parse};

    fn content() -> Content {
        Content::from_document(&parse(SEED).unwrap())
    }

    fn paths(errors: &Fields) -> Vec<&str> {
        errors.iter().map(|(p, _)| p.as_str()).collect()
    }

    #[test]
    fn criteria_and_levels_are_resolved_by_name_and_code_at_their_body_index() {
        let c = content();
        let (b, a) = (
            c.criteria[1].name.clone(),
            c.criteria[0].name.to_uppercase(),
        );
        let items = [
            (b.as_str(), Some("C")),
            ("Moed", Some("C")),
            (a.as_str(), Some(" ")),
            (b.as_str(), None),
            (c.criteria[3].name.as_str(), Some("Z")),
        ];
        let mut errors = Fields::new();
        let found = resolve("xs", items.into_iter(), &c, &mut errors);
        assert_eq!(
            paths(&errors),
            ["xs[1].criterion", "xs[3].criterion", "xs[4].level"]
        );
        assert_eq!(
            found[..4],
            [
                Some(Named { at: 2, level: None }),
                Some(Named {
                    at: 0,
                    level: c.level_index("C")
                }),
                None,
                Some(Named { at: 4, level: None }),
            ]
        );
    }

    #[test]
    fn problems_of_a_decision_are_named_at_the_path_of_the_body() {
        let c = content();
        let body = DecisionBody {
            level: "C".into(),
            rationale: String::new(),
            hr_placements: vec![HrPlacementDoc {
                criterion: c.criteria[5].name.clone(),
                level: None,
                note: "x".into(),
            }],
        };
        let read = read_decision(body, &c);
        assert!(read.errors.is_empty());
        let placements = read.value.placements.as_deref().unwrap();
        assert_eq!(placements[5].note, "x");
        let p = &read.paths;
        assert_eq!(p.path(Field::HrNote(5)), "hr_placements[0].note");
        assert_eq!(p.path(Field::HrLevel(2)), "hr_placements");
        assert_eq!(p.path(Field::Rationale), "rationale");
        assert_eq!(p.path(Field::DecisionLevel), "level");
        assert_eq!(p.path(Field::Evidence(5)), "placements[5].evidence");
        assert_eq!(Paths::profile_order().path(Field::Question), "message");
        assert_eq!(Paths::profile_order().path(Field::Comment), "body");
    }

    #[test]
    fn problems_of_a_position_are_named_at_the_path_of_the_body() {
        let c = content();
        let body = PositionBody {
            profile: None,
            revision: 1,
            title: String::new(),
            unit: String::new(),
            purpose: String::new(),
            tasks: Vec::new(),
            result_areas: vec![AreaShare {
                title: c.result_areas[2].title.clone(),
                share: 140,
            }],
            placements: vec![PlacementDoc {
                criterion: c.criteria[4].name.clone(),
                level: Some("C".into()),
                evidence: "bewijs".into(),
            }],
        };
        let read = read_position(&body, &c);
        assert!(read.errors.is_empty());
        assert_eq!(read.value.shares[2], Some(140));
        assert_eq!(read.value.placements[4].evidence, "bewijs");
        let p = &read.paths;
        assert_eq!(p.path(Field::Share(2)), "result_areas[0].share");
        assert_eq!(p.path(Field::Share(1)), "result_areas");
        assert_eq!(p.path(Field::Evidence(4)), "placements[0].evidence");
        assert_eq!(p.path(Field::Level(0)), "placements");
        assert_eq!(p.path(Field::Task(1)), "tasks[1]");
    }
}
