//! Property tests of the parsers that take input from outside: the profile
//! document importer, the position form, the draft editor's sections and
//! the queue filters. None may panic on any input; what they accept must
//! hold up (a parsed document is valid and survives its own export).

use jobclass::drafts::forms::{Fields, Section};
use jobclass::drafts::sections::{self, Outcome};
use jobclass::drafts::values;
use jobclass::positions::input::{self, Check};
use jobclass::positions::queue::QueueQuery;
use jobclass::positions::view::proposal_of;
use jobclass::positions::workflow::Status;
use jobclass::profiles::document::{self, ProfileDocument, SEED, Strictness};
use jobclass::profiles::model::Content;
use proptest::prelude::*;
use serde_json::Value;

fn seed() -> ProfileDocument {
    document::parse(SEED).unwrap()
}

/// The seed as the position form sees it.
fn content() -> Content {
    Content::from_document(&seed())
}

/// Any JSON value, nested a few levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,40}".prop_map(Value::String),
        Just(Value::String("x".repeat(20_000))),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A change to a document: at a path of keys and indices, replace the
/// value, remove it, or duplicate an array's first element.
#[derive(Debug, Clone)]
enum Edit {
    Replace(Vec<String>, Value),
    Remove(Vec<String>),
    Duplicate(Vec<String>),
}

fn edit() -> impl Strategy<Value = Edit> {
    let key = prop_oneof![
        Just("format"),
        Just("slug"),
        Just("title"),
        Just("language"),
        Just("purpose"),
        Just("footnote"),
        Just("levels"),
        Just("result_areas"),
        Just("criteria"),
        Just("glossary"),
        Just("code"),
        Just("name"),
        Just("mission"),
        Just("tasks"),
        Just("descriptors"),
        Just("term"),
        Just("definition"),
        Just("D"),
        Just("C"),
        Just("B"),
        Just("0"),
        Just("1"),
        Just("2"),
        Just("9"),
        Just("unknown"),
    ]
    .prop_map(String::from);
    let path = prop::collection::vec(key, 1..5);
    prop_oneof![
        (path.clone(), json_value()).prop_map(|(p, v)| Edit::Replace(p, v)),
        path.clone().prop_map(Edit::Remove),
        path.prop_map(Edit::Duplicate),
    ]
}

fn apply_edit(doc: &mut Value, edit: &Edit) {
    let (path, action) = match edit {
        Edit::Replace(p, _) | Edit::Remove(p) | Edit::Duplicate(p) => (p, edit),
    };
    let mut at = doc;
    for key in &path[..path.len() - 1] {
        let next = match at {
            Value::Object(map) => map.get_mut(key),
            Value::Array(list) => key.parse::<usize>().ok().and_then(|i| list.get_mut(i)),
            _ => None,
        };
        match next {
            Some(next) => at = next,
            None => return,
        }
    }
    let last = path.last().unwrap();
    match (at, action) {
        (Value::Object(map), Edit::Replace(_, value)) => {
            map.insert(last.clone(), value.clone());
        }
        (Value::Object(map), Edit::Remove(_)) => {
            map.remove(last);
        }
        (Value::Object(map), Edit::Duplicate(_)) => {
            if let Some(Value::Array(list)) = map.get_mut(last)
                && let Some(first) = list.first().cloned()
            {
                list.push(first);
            }
        }
        (Value::Array(list), Edit::Replace(_, value)) => {
            if let Some(slot) = last.parse::<usize>().ok().and_then(|i| list.get_mut(i)) {
                *slot = value.clone();
            }
        }
        (Value::Array(list), Edit::Remove(_)) => {
            if let Some(i) = last.parse::<usize>().ok().filter(|i| *i < list.len()) {
                list.remove(i);
            }
        }
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: ProptestConfig::default().cases.max(256),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_importer_never_panics_on_any_text(text in "\\PC{0,400}") {
        let _ = document::parse(&text);
        let _ = document::parse_as(&text, Strictness::Draft);
    }

    #[test]
    fn the_importer_never_panics_on_any_json(value in json_value()) {
        let text = value.to_string();
        let _ = document::parse(&text);
        let _ = document::parse_as(&text, Strictness::Draft);
    }

    /// The seed with a few edits anywhere: refused with paths, or accepted
    /// as a valid document that exports and imports to itself.
    #[test]
    fn an_edited_document_is_refused_with_paths_or_survives_its_round_trip(
        edits in prop::collection::vec(edit(), 1..6),
        strict in any::<bool>(),
    ) {
        let mut doc: Value = serde_json::from_str(SEED).unwrap();
        for edit in &edits {
            apply_edit(&mut doc, edit);
        }
        let strictness = if strict { Strictness::Complete } else { Strictness::Draft };
        match document::parse_as(&doc.to_string(), strictness) {
            Ok(parsed) => {
                let again = document::check(&parsed, strictness);
                prop_assert_eq!(again.as_ref(), Ok(&parsed));
                let exported = serde_json::to_string(&parsed).unwrap();
                prop_assert_eq!(document::parse_as(&exported, strictness), Ok(parsed));
            }
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                for error in &errors.0 {
                    prop_assert!(error.path.starts_with('$'), "{:?}", error);
                    prop_assert!(!error.message.is_empty());
                }
            }
        }
    }

    /// Any fields, known names or not, any values: the position form is
    /// read or refused with a message, and what is read can be checked,
    /// normalised and proposed on.
    #[test]
    fn the_position_form_never_panics(
        fields in prop::collection::vec(
            (
                prop_oneof![
                    Just("title".to_string()), Just("unit".to_string()), Just("purpose".to_string()),
                    Just("task".to_string()), Just("revision".to_string()), Just("action".to_string()),
                    (0usize..12).prop_map(|i| format!("share-{i}")),
                    (0usize..12).prop_map(|i| format!("level-{i}")),
                    (0usize..12).prop_map(|i| format!("evidence-{i}")),
                    "\\PC{0,12}",
                ],
                prop_oneof![
                    "\\PC{0,30}",
                    "-?[0-9]{1,25}%?",
                    Just("D".to_string()), Just("C".to_string()), Just("B".to_string()),
                    Just("x".repeat(6000)),
                ],
            ),
            0..60,
        )
    ) {
        let content = content();
        if let Ok((raw, _problems)) = input::from_form(&fields, &content) {
            for mode in [Check::Draft, Check::Submit] {
                let _ = input::check(&raw, &content, mode);
            }
            let normal = input::normalise(raw);
            let _ = input::check(&normal, &content, Check::Submit);
            let _ = proposal_of(&normal, &content);
        }
    }

    /// Any form on any section of the draft editor, including buttons
    /// with indices far out of range.
    #[test]
    fn the_draft_editor_sections_never_panic(
        section in prop_oneof![
            Just("general"), Just("levels"), Just("areas"), Just("criteria"),
            Just("cells"), Just("glossary"), Just("nonsense"),
        ],
        fields in prop::collection::vec(
            (
                prop_oneof![
                    Just("title".to_string()), Just("purpose".to_string()), Just("footnote".to_string()),
                    Just("language".to_string()), Just("confirm".to_string()), Just("criterion".to_string()),
                    (0usize..6).prop_map(|i| format!("level-code-{i}")),
                    (0usize..6).prop_map(|i| format!("level-name-{i}")),
                    (0usize..6).prop_map(|i| format!("level-old-{i}")),
                    (0usize..6).prop_map(|i| format!("area-title-{i}")),
                    (0usize..6).prop_map(|i| format!("area-mission-{i}")),
                    (0usize..6).prop_map(|i| format!("area-tasks-{i}")),
                    (0usize..9).prop_map(|i| format!("criterion-name-{i}")),
                    (0usize..9).prop_map(|i| format!("criterion-old-{i}")),
                    (0usize..4).prop_map(|i| format!("term-{i}")),
                    (0usize..4).prop_map(|i| format!("definition-{i}")),
                    prop_oneof![Just("D"), Just("C"), Just("B"), Just("X")].prop_map(|c| format!("cell-{c}")),
                    "\\PC{0,10}",
                ],
                prop_oneof![
                    "\\PC{0,20}",
                    "[0-9]{1,22}",
                    Just("yes".to_string()),
                    Just("D".to_string()),
                ],
            ),
            0..40,
        ),
        action in prop_oneof![
            Just(String::new()), Just("save".to_string()), Just("add".to_string()),
            "(up|down|remove)-[0-9]{1,21}",
        ],
    ) {
        let mut pairs = fields;
        pairs.push(("action".into(), action));
        let fields = Fields(pairs);
        let doc = seed();
        if let Some(section) = Section::parse(section, &fields) {
            let outcome = sections::apply(&doc, section, &fields);
            if let Outcome::Save(new) | Outcome::AddRow(new) = &outcome {
                let _ = document::check(new, Strictness::Draft);
                let _ = values::values(new, section);
            }
            let _ = values::values(&doc, section);
        }
    }

    /// The queue's filters from any input: a filter or a 400, and pages
    /// only within their range.
    #[test]
    fn the_queue_filters_never_panic(
        status in prop::collection::vec("\\PC{0,30}", 0..5),
        texts in prop::collection::vec("\\PC{0,300}", 7),
        page in proptest::option::of("\\PC{0,25}"),
    ) {
        let query = QueueQuery {
            status,
            unit: texts[0].clone(),
            profile: texts[1].clone(),
            from: texts[2].clone(),
            to: texts[3].clone(),
            level: texts[4].clone(),
            version: texts[5].clone(),
            page,
        };
        let _ = query.filter(&Status::OPEN);
        if let Ok(n) = query.page() {
            prop_assert!((1..=1_000_000).contains(&n));
        }
        let _ = query.with_page(2);
        let _ = query.without_page();
    }
}
