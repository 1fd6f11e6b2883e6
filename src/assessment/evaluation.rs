//! The evaluation sets in `tests/data/` (docs/ASSESSMENT.md): labelled
//! tasks and evidence written the way managers write, read against the
//! seed profile with the starter thesaurus. Prints top-1, top-2, the
//! misses and a confusion table (`cargo test --lib evaluation --
//! --nocapture`) for the set the method was tuned on, the held-out set,
//! the third set (written before the second round of tuning), the
//! fourth set (written blind before the third round) and the fifth
//! (written blind during the fourth round, to decide its last change),
//! and French tasks and evidence (written blind, read with the profile's
//! French translation), and enforces each set's floor once every set is
//! reported.
//!
//! The target (issue 14) is 90 % top-1 over the evaluation set: all its
//! Dutch tasks together, its French tasks, and its evidence together,
//! each enforced. Each file is one round of writing, reported alone: its
//! floor is its figure less one item, so that a change that loses ground
//! on any of them fails. docs/ASSESSMENT.md gives every figure, the
//! held-out task set's below 90 % among them.

use std::collections::BTreeMap;

use super::evidence;
use super::examples;
use super::index::{Confirmed, Decided, Learned, ProfileIndex};
use super::matching::{FIT_THRESHOLD, match_task};
use super::task_examples;
use super::thesaurus::{STARTER, Thesaurus};
use crate::profiles::document::{ProfileDocument, SEED};
use crate::profiles::model::Content;
use crate::profiles::translation::Translation;

/// Least top-1 share of each set: its figure less one item (every
/// evidence set at least 90 %).
fn floor(file: &str) -> f32 {
    match file {
        "tasks.tsv" => 0.901,
        "tasks-holdout.tsv" => 0.852,
        "tasks-third.tsv" => 0.919,
        "tasks-fourth.tsv" => 0.902,
        "tasks-fifth.tsv" => 0.944,
        "tasks-fr.tsv" => 0.895,
        "evidence.tsv" => 0.904,
        "evidence-holdout.tsv" => 0.904,
        "evidence-third.tsv" => 0.952,
        "evidence-fourth.tsv" => 0.928,
        "evidence-fifth.tsv" => 0.904,
        "evidence-fr.tsv" => 0.904,
        _ => 0.9,
    }
}

/// The quality target: top-1 share over the pooled sets.
const TARGET: f32 = 0.9;

/// The pooled top-1 share of `(share, items)` per set.
fn pooled(sets: &[(f32, usize)]) -> f32 {
    let right: f32 = sets.iter().map(|(s, n)| s * *n as f32).sum();
    right / sets.iter().map(|(_, n)| *n).sum::<usize>().max(1) as f32
}

/// The Dutch sets, in the order they were written.
const DUTCH_TASKS: [&str; 5] = [
    "tasks.tsv",
    "tasks-holdout.tsv",
    "tasks-third.tsv",
    "tasks-fourth.tsv",
    "tasks-fifth.tsv",
];
const DUTCH_EVIDENCE: [&str; 5] = [
    "evidence.tsv",
    "evidence-holdout.tsv",
    "evidence-third.tsv",
    "evidence-fourth.tsv",
    "evidence-fifth.tsv",
];

fn seed_content() -> (ProfileDocument, Content) {
    let doc: ProfileDocument = serde_json::from_str(SEED).expect("the seed reads");
    let content = Content::from_document(&doc);
    (doc, content)
}

/// The seed's index with the starter examples (levels and tasks).
fn seed_index() -> ProfileIndex {
    let (doc, content) = seed_content();
    bare_index(&Learned {
        tasks: task_examples::starter_for(&doc.slug, "nl", &content),
        evidence: examples::starter_for(&doc.slug, "nl", &content),
    })
}

/// The seed's index without level examples: its texts and the starter
/// thesaurus, with what decisions `learned`.
fn bare_index(learned: &Learned) -> ProfileIndex {
    let thesaurus = Thesaurus::parse(STARTER).expect("the starter thesaurus reads");
    ProfileIndex::build(&seed_content().1, &thesaurus, learned)
}

/// The seed read in its French translation, its criteria named in Dutch
/// (as `cached::index_for` builds it for texts written in French), with
/// the French starter examples (tasks and levels) when `with_examples`.
fn seed_index_fr_with(with_examples: bool) -> ProfileIndex {
    let (doc, source) = seed_content();
    let thesaurus = Thesaurus::parse(STARTER).expect("the starter thesaurus reads");
    let fr = &doc.translations["fr"];
    let translation = Translation {
        language: "fr".into(),
        texts: fr.texts.clone().into_iter().collect(),
        sources: Default::default(),
        unofficial: fr.unofficial,
    };
    let content = crate::profiles::translation::apply(&source, &translation);
    let learned = if with_examples {
        Learned {
            tasks: task_examples::starter_for(&doc.slug, "fr", &source),
            evidence: examples::starter_for(&doc.slug, "fr", &source),
        }
    } else {
        Learned::default()
    };
    ProfileIndex::build(&content, &thesaurus, &learned).named_as(&source)
}

fn seed_index_fr() -> ProfileIndex {
    seed_index_fr_with(true)
}

/// The index a set is read with: French sets (`-fr`) with the French one.
fn index_of<'a>(file: &str, nl: &'a ProfileIndex, fr: &'a ProfileIndex) -> &'a ProfileIndex {
    if file.contains("-fr") { fr } else { nl }
}

/// The rows of a TSV file of `tests/data` (header and comments skipped).
fn rows(file: &str) -> Vec<Vec<String>> {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the evaluation set exists");
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(|c| c.trim().to_string()).collect())
        .collect()
}

fn percent(n: usize, of: usize) -> f32 {
    100.0 * n as f32 / of.max(1) as f32
}

/// Top-1 share of one task set, printed with top-2 and a confusion table.
fn task_accuracy(index: &ProfileIndex, file: &str) -> f32 {
    let rows = rows(file);
    let (mut top1, mut top2, mut fitting) = (0, 0, 0);
    let mut confusion: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for row in &rows {
        let label: usize = row[0].parse().expect("a result area number");
        let m = match_task(index, &row[1]);
        let first = m.areas.first().map_or(0, |(a, _)| a + 1);
        let second = m.areas.get(1).map_or(0, |(a, _)| a + 1);
        if first == label {
            top1 += 1;
        } else {
            println!(
                "  miss {file}: {label} → {first} ({:.2}) terms {:?}: {}",
                m.best(),
                m.terms,
                row[1]
            );
        }
        if first == label || second == label {
            top2 += 1;
        }
        if m.best() >= FIT_THRESHOLD {
            fitting += 1;
        }
        *confusion.entry((label, format!("→{first}"))).or_default() += 1;
    }
    let n = rows.len();
    println!(
        "tasks {file}: {n} tasks, top-1 {top1} ({:.1} %), top-2 {top2} ({:.1} %), above the fit threshold {fitting} ({:.1} %)",
        percent(top1, n),
        percent(top2, n),
        percent(fitting, n)
    );
    println!("  confusion (label →found: count): {confusion:?}");
    top1 as f32 / n as f32
}

/// Top-1 share of one evidence set (a level with the suggested level's
/// descriptor counts), printed with top-2 and a confusion table.
fn evidence_accuracy(index: &ProfileIndex, file: &str) -> f32 {
    let rows = rows(file);
    let (mut top1, mut top2, mut unclear) = (0, 0, 0);
    let mut confusion: BTreeMap<(String, String), usize> = BTreeMap::new();
    for row in &rows {
        let criterion = index.criterion(&row[0]).expect("a known criterion");
        let label = &row[1];
        let r = evidence::read(index, criterion, &row[2]);
        let right = r
            .suggested
            .as_ref()
            .is_some_and(|s| s == label || r.identical.contains(label));
        let found = r.suggested.clone().unwrap_or_else(|| "-".into());
        if right {
            top1 += 1;
        } else {
            if r.suggested.is_none() {
                unclear += 1;
            }
            println!(
                "  miss {file}: {} {label} → {found} {:?}: {}",
                row[0], r.levels, row[2]
            );
        }
        let best_two: Vec<&String> = r.levels.iter().take(2).map(|(c, _)| c).collect();
        if right || best_two.contains(&label) {
            top2 += 1;
        }
        *confusion
            .entry((format!("{} {label}", row[0]), format!("→{found}")))
            .or_default() += 1;
    }
    let n = rows.len();
    println!(
        "evidence {file}: {n} texts, top-1 {top1} ({:.1} %), top-2 {top2} ({:.1} %), no clear level {unclear}",
        percent(top1, n),
        percent(top2, n)
    );
    println!("  confusion: {confusion:?}");
    top1 as f32 / n as f32
}

#[test]
fn tasks_match_their_result_area() {
    let (nl, fr) = (seed_index(), seed_index_fr());
    let mut below = Vec::new();
    let mut dutch = Vec::new();
    for file in DUTCH_TASKS.into_iter().chain(["tasks-fr.tsv"]) {
        let accuracy = task_accuracy(index_of(file, &nl, &fr), file);
        if accuracy < floor(file) {
            below.push(format!("{file}: top-1 {accuracy:.3}"));
        }
        if DUTCH_TASKS.contains(&file) {
            dutch.push((accuracy, rows(file).len()));
        } else if accuracy < TARGET {
            below.push(format!("{file}: top-1 {accuracy:.3} below the target"));
        }
    }
    let pooled = pooled(&dutch);
    println!("tasks in Dutch, pooled: top-1 {:.1} %", 100.0 * pooled);
    if pooled < TARGET {
        below.push(format!(
            "Dutch tasks pooled: top-1 {pooled:.3} below the target"
        ));
    }
    assert!(below.is_empty(), "below the floor: {below:?}");
}

#[test]
fn evidence_reads_as_its_level() {
    let (nl, fr) = (seed_index(), seed_index_fr());
    let mut below = Vec::new();
    let mut all = Vec::new();
    for file in DUTCH_EVIDENCE.into_iter().chain(["evidence-fr.tsv"]) {
        let accuracy = evidence_accuracy(index_of(file, &nl, &fr), file);
        if accuracy < floor(file) || accuracy < TARGET {
            below.push(format!("{file}: top-1 {accuracy:.3}"));
        }
        all.push((accuracy, rows(file).len()));
    }
    println!("evidence, pooled: top-1 {:.1} %", 100.0 * pooled(&all));
    assert!(below.is_empty(), "below the floor: {below:?}");
}

#[test]
fn work_of_other_jobs_fits_far_less_often_than_the_profiles_own() {
    let index = seed_index();
    let share_fitting = |texts: Vec<String>| {
        let fitting = texts
            .iter()
            .filter(|t| match_task(&index, t).matches())
            .count();
        fitting as f32 / texts.len() as f32
    };
    let other = share_fitting(
        rows("tasks-other-jobs.tsv")
            .into_iter()
            .map(|r| r[0].clone())
            .collect(),
    );
    let own = share_fitting(
        rows("tasks.tsv")
            .into_iter()
            .map(|r| r[1].clone())
            .collect(),
    );
    println!(
        "above the fit threshold {FIT_THRESHOLD}: own tasks {:.1} %, other jobs' tasks {:.1} %",
        100.0 * own,
        100.0 * other
    );
    assert!(own >= 0.8, "{own}");
    assert!(other <= own / 2.0, "{other} against {own}");
}

/// The starter level examples, against the descriptors alone: they must
/// add right readings over the sets, lose none on any set but one item,
/// and not make confident readings wrong more often.
#[test]
fn level_examples_lift_evidence_reading() {
    let (bare, with) = (bare_index(&Learned::default()), seed_index());
    let (bare_fr, with_fr) = (seed_index_fr_with(false), seed_index_fr());
    let mut gained = 0.0;
    let (mut confident_bare, mut confident_with) = ((0, 0), (0, 0));
    let mut summary = Vec::new();
    for file in [
        "evidence.tsv",
        "evidence-holdout.tsv",
        "evidence-third.tsv",
        "evidence-fourth.tsv",
        "evidence-fifth.tsv",
        "evidence-fr.tsv",
    ] {
        let before = evidence_accuracy(index_of(file, &bare, &bare_fr), file);
        let after = evidence_accuracy(index_of(file, &with, &with_fr), file);
        let n = rows(file).len() as f32;
        summary.push(format!(
            "{file}: {:.1} → {:.1}",
            100.0 * before,
            100.0 * after
        ));
        assert!((after - before) * n >= -1.0, "{file}: {before} → {after}");
        gained += (after - before) * n;
        let (c, w) = confident_readings(index_of(file, &bare, &bare_fr), file);
        confident_bare = (confident_bare.0 + c, confident_bare.1 + w);
        let (c, w) = confident_readings(index_of(file, &with, &with_fr), file);
        confident_with = (confident_with.0 + c, confident_with.1 + w);
    }
    println!("level examples: {summary:#?}, items gained {gained:.0}");
    println!("confident readings, wrong among them: {confident_bare:?} → {confident_with:?}");
    let share = |(c, w): (usize, usize)| w as f32 / c.max(1) as f32;
    assert!(share(confident_with) <= share(confident_bare) + 0.01);
    assert!(gained >= 10.0, "items gained: {gained}");
}

/// The Dutch starter task examples, against the profile's texts with the
/// level examples alone: they must add right answers over the sets, lose
/// no set more than one item, and let other jobs' work fit no more often.
#[test]
fn task_examples_lift_task_matching() {
    let (doc, content) = seed_content();
    let without = bare_index(&Learned {
        tasks: Vec::new(),
        evidence: examples::starter_for(&doc.slug, "nl", &content),
    });
    let with = seed_index();
    let mut gained = 0;
    let mut summary = Vec::new();
    for file in DUTCH_TASKS {
        let right = |index: &ProfileIndex| {
            rows(file)
                .iter()
                .filter(|r| {
                    let m = match_task(index, &r[1]);
                    m.areas.first().map(|(a, _)| a + 1) == r[0].parse().ok()
                })
                .count() as i32
        };
        let (before, after) = (right(&without), right(&with));
        summary.push(format!("{file}: {before} → {after}"));
        assert!(after + 1 >= before, "{file}: {before} → {after}");
        gained += after - before;
    }
    let (other_before, other_after) = (other_jobs_fitting(&without), other_jobs_fitting(&with));
    println!("task examples: {summary:#?}, items gained {gained}");
    println!("other jobs' tasks that fit: {other_before} → {other_after}");
    assert!(other_after <= other_before);
    assert!(gained >= 10, "items gained: {gained}");
}

/// How many of the other jobs' tasks fit the profile as `index` reads it.
fn other_jobs_fitting(index: &ProfileIndex) -> usize {
    rows("tasks-other-jobs.tsv")
        .iter()
        .filter(|r| match_task(index, &r[0]).matches())
        .count()
}

/// Of the readings of `file`'s texts: how many lead by `CONFIDENT` (would
/// flag a disagreement), and how many of those are wrong.
fn confident_readings(index: &ProfileIndex, file: &str) -> (usize, usize) {
    let (mut confident, mut wrong) = (0, 0);
    for row in rows(file) {
        let criterion = index.criterion(&row[0]).expect("a known criterion");
        let r = evidence::read(index, criterion, &row[2]);
        if r.suggested.is_some() && r.lead >= evidence::CONFIDENT {
            confident += 1;
            if r.disagrees(&row[1]) {
                wrong += 1;
            }
        }
    }
    (confident, wrong)
}

/// The Dutch sets, each read with the other sets as decided positions:
/// their tasks confirmed by HR and their evidence placed at its level
/// (leave one set out). Measures what learning from decisions adds to the
/// profile's texts alone, as for a profile without level examples.
#[test]
fn learning_from_the_other_sets_decisions() {
    let plain = bare_index(&Learned::default());
    let (tasks, evidence) = (DUTCH_TASKS, DUTCH_EVIDENCE);
    let criterion = |name: &str| {
        plain
            .criteria
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name))
            .expect("a known criterion")
    };
    let learned_without = |left_out: &str| Learned {
        tasks: tasks
            .iter()
            .filter(|f| **f != left_out)
            .flat_map(|f| rows(f))
            .map(|r| Confirmed {
                area: r[0].parse::<usize>().expect("an area") - 1,
                text: r[1].clone(),
            })
            .collect(),
        evidence: evidence
            .iter()
            .filter(|f| **f != left_out)
            .flat_map(|f| rows(f))
            .map(|r| Decided {
                criterion: criterion(&r[0]),
                level: r[1].clone(),
                text: r[2].clone(),
                example: false,
            })
            .collect(),
    };
    let mut summary = Vec::new();
    let mut gain = |file: &str, before: f32, after: f32| {
        summary.push(format!(
            "{file}: {:.1} → {:.1}",
            100.0 * before,
            100.0 * after
        ));
        // Items gained (negative: lost).
        (after - before) * rows(file).len() as f32
    };
    let mut gained = [0.0f32; 2];
    let (mut confident_before, mut confident_after) = ((0, 0), (0, 0));
    for file in tasks {
        let before = task_accuracy(&plain, file);
        let learning = bare_index(&learned_without(file));
        let after = task_accuracy(&learning, file);
        // One task of a set may go either way.
        let one = 1.0 / rows(file).len() as f32;
        assert!(after + one >= floor(file), "{file}: {after} with learning");
        // The profile's own work fits at least as often.
        let fitting = |index: &ProfileIndex| {
            rows(file)
                .iter()
                .filter(|r| match_task(index, &r[1]).matches())
                .count()
        };
        let (fit_before, fit_after) = (fitting(&plain), fitting(&learning));
        println!("{file}: tasks that fit {fit_before} → {fit_after}");
        assert!(
            fit_after >= fit_before,
            "{file}: {fit_after} fit with learning"
        );
        gained[0] += gain(file, before, after);
    }
    for file in evidence {
        let before = evidence_accuracy(&plain, file);
        let learning = bare_index(&learned_without(file));
        let after = evidence_accuracy(&learning, file);
        // The floors are for reading with the starter examples; without
        // them, learning may cost a set no more than a few texts.
        assert!(
            after + 0.05 >= before,
            "{file}: {before} → {after} with learning"
        );
        let (c, w) = confident_readings(&plain, file);
        confident_before = (confident_before.0 + c, confident_before.1 + w);
        let (c, w) = confident_readings(&learning, file);
        confident_after = (confident_after.0 + c, confident_after.1 + w);
        gained[1] += gain(file, before, after);
    }
    println!("learning from the other sets: {summary:#?}");
    println!(
        "confident readings (lead ≥ {}), wrong among them: {confident_before:?} → {confident_after:?}",
        evidence::CONFIDENT
    );
    // Other jobs' work fits no more often with every set learnt.
    let learnt = bare_index(&learned_without(""));
    let (other_before, other_after) = (other_jobs_fitting(&plain), other_jobs_fitting(&learnt));
    println!("other jobs' tasks that fit: {other_before} → {other_after}");
    assert!(other_after <= other_before);
    // A flag on a learnt reading is wrong no more often than before.
    let share = |(c, w): (usize, usize)| w as f32 / c.max(1) as f32;
    assert!(share(confident_after) <= share(confident_before) + 0.01);
    // Decisions must teach: more right answers over all sets, tasks and
    // evidence each.
    assert!(
        gained[0] >= 5.0 && gained[1] >= 5.0,
        "items gained: {gained:?}"
    );
}

/// Prints how the texts of `DEBUG_TEXTS` (separated by `|`) are read.
#[test]
fn debug_texts() {
    let Ok(texts) = std::env::var("DEBUG_TEXTS") else {
        return;
    };
    let index = seed_index();
    for text in texts.split('|') {
        println!("== {text}");
        for token in index.analyzer.analyze(text) {
            let features: Vec<String> = token
                .features
                .iter()
                .map(|(f, x)| {
                    format!(
                        "{}:{x:.1}:idf{:.2}",
                        index.analyzer.name(*f),
                        index.weight(*f)
                    )
                })
                .collect();
            println!(
                "  {}{} {features:?}",
                token.surface,
                if token.negated { " (neg)" } else { "" }
            );
        }
        let m = match_task(&index, text);
        println!("  areas {:?} terms {:?}", m.areas, m.terms);
        for (e, sc) in &m.examples {
            let ex = &index.examples[*e];
            println!("    ex {:.2} a{} {}", sc, ex.area + 1, ex.text);
        }
    }
}
