//! Precedents: decided positions of the same profile (any version) most
//! like a position, by its tasks and the manager's placements, with the
//! level HR decided. Shown to HR and admins only.

use sqlx::PgPool;
use time::OffsetDateTime;

use super::index::{Bag, ProfileIndex};

/// How many recent decisions are compared, and how many are reported.
const COMPARED: i64 = 200;
pub const REPORTED: usize = 5;
/// Least similarity for a decision to count as a close precedent.
pub const CLOSE: f32 = 0.3;

/// A decided position as compared.
pub struct Decided {
    pub id: i64,
    pub title: String,
    pub level: String,
    pub decided_at: OffsetDateTime,
    pub rationale: String,
    pub tasks: Vec<String>,
    /// The manager's placements: (criterion name, level code).
    pub placements: Vec<(String, String)>,
}

/// A precedent with its similarity (0–1).
pub struct Precedent {
    pub decided: Decided,
    pub similarity: f32,
}

/// The most recent decisions of the profile of `version_id`, but not
/// `position_id`'s own.
pub async fn decided(db: &PgPool, version_id: i64, position_id: i64) -> sqlx::Result<Vec<Decided>> {
    let rows = sqlx::query!(
        r#"
        select p.id, p.title, l.code, p.decided_at as "decided_at!", p.rationale as "rationale!",
               coalesce((select array_agg(t.text order by t.position)
                           from position_tasks t where t.position_id = p.id), '{}') as "tasks!",
               coalesce((select array_agg(c.name order by c.position)
                           from placements pl join criteria c on c.id = pl.criterion_id
                          where pl.position_id = p.id and not pl.by_hr and pl.level_id is not null),
                        '{}') as "criteria!",
               coalesce((select array_agg(lv.code order by c.position)
                           from placements pl join criteria c on c.id = pl.criterion_id
                           join levels lv on lv.id = pl.level_id
                          where pl.position_id = p.id and not pl.by_hr), '{}') as "levels!"
          from positions p
          join profile_versions v on v.id = p.profile_version_id
          join levels l on l.id = p.decided_level_id
         where v.profile_id = (select profile_id from profile_versions where id = $1)
           and p.status = 'decided' and p.id <> $2
         order by p.decided_at desc
         limit $3
        "#,
        version_id,
        position_id,
        COMPARED
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Decided {
            id: r.id,
            title: r.title,
            level: r.code,
            decided_at: r.decided_at,
            rationale: r.rationale,
            tasks: r.tasks,
            placements: r.criteria.into_iter().zip(r.levels).collect(),
        })
        .collect())
}

/// The decisions most like a position (its tasks and placements), best
/// first: similarity is the mean of the tasks' weighted cosine and the
/// share of commonly placed criteria at the same level (either alone
/// when the other is missing).
pub fn closest(
    index: &ProfileIndex,
    tasks: &[String],
    placements: &[(String, String)],
    decided: Vec<Decided>,
) -> Vec<Precedent> {
    let own = task_vector(index, tasks);
    let mut found: Vec<Precedent> = decided
        .into_iter()
        .map(|d| {
            let theirs = task_vector(index, &d.tasks);
            let similarity = similarity((&own, placements), (&theirs, &d.placements));
            Precedent {
                decided: d,
                similarity,
            }
        })
        .collect();
    found.sort_by(|a, b| {
        b.similarity
            .total_cmp(&a.similarity)
            .then(b.decided.decided_at.cmp(&a.decided.decided_at))
    });
    found.truncate(REPORTED);
    found
}

/// Similarity of two positions, each given by its task vector and
/// placements: the mean of the tasks' cosine and the placements'
/// agreement, either alone when the other is missing.
fn similarity(a: (&Bag, &[(String, String)]), b: (&Bag, &[(String, String)])) -> f32 {
    let by_placements = agreement(a.1, b.1);
    match (a.0.0.is_empty() || b.0.0.is_empty(), by_placements) {
        (false, Some(p)) => (cosine(a.0, b.0) + p) / 2.0,
        (false, None) => cosine(a.0, b.0),
        (true, Some(p)) => p,
        (true, None) => 0.0,
    }
}

/// A decision whose level differs from the level most of its close
/// precedents (decided before it) received.
pub struct Differing {
    pub id: i64,
    pub title: String,
    pub level: String,
    pub decided_at: OffsetDateTime,
    /// The level most close precedents received.
    pub usual: String,
    /// How many close precedents received `usual`, of how many.
    pub agreeing: usize,
    pub close: usize,
}

/// How a profile's decisions stand against their precedents.
#[derive(Default)]
pub struct Drift {
    /// Decisions with close precedents whose usual level they share.
    pub in_line: usize,
    pub differing: Vec<Differing>,
    /// Decisions without close precedents agreeing on a level.
    pub without: usize,
}

/// Each decision against the decisions taken before it (as `closest`
/// finds them when HR reviewed it): does it follow the level most of
/// its close precedents received? Each position's tasks are read once.
pub fn drift(index: &ProfileIndex, mut decided: Vec<Decided>) -> Drift {
    decided.sort_by(|a, b| a.decided_at.cmp(&b.decided_at).then(a.id.cmp(&b.id)));
    let vectors: Vec<Bag> = decided
        .iter()
        .map(|d| task_vector(index, &d.tasks))
        .collect();
    let mut drift = Drift::default();
    for (i, d) in decided.iter().enumerate() {
        let mut earlier: Vec<(f32, usize)> = (0..i)
            .map(|j| {
                let s = similarity(
                    (&vectors[i], &d.placements),
                    (&vectors[j], &decided[j].placements),
                );
                (s, j)
            })
            .collect();
        earlier.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        earlier.truncate(REPORTED);
        let levels: Vec<(f32, &str)> = earlier
            .iter()
            .map(|(s, j)| (*s, decided[*j].level.as_str()))
            .collect();
        match usual(&levels) {
            Some((level, _, _)) if level == d.level => drift.in_line += 1,
            Some((level, agreeing, close)) => drift.differing.push(Differing {
                id: d.id,
                title: d.title.clone(),
                level: d.level.clone(),
                decided_at: d.decided_at,
                usual: level.to_owned(),
                agreeing,
                close,
            }),
            None => drift.without += 1,
        }
    }
    drift.differing.reverse();
    drift
}

/// The level most close precedents received, when more than half of them
/// agree on it.
pub fn usual_level(precedents: &[Precedent]) -> Option<(String, usize, usize)> {
    let levels: Vec<(f32, &str)> = precedents
        .iter()
        .map(|p| (p.similarity, p.decided.level.as_str()))
        .collect();
    usual(&levels).map(|(level, n, close)| (level.to_owned(), n, close))
}

/// Of (similarity, level) pairs: the level more than half of the close
/// ones share, with how many share it and how many are close.
fn usual<'a>(levels: &[(f32, &'a str)]) -> Option<(&'a str, usize, usize)> {
    let close: Vec<&str> = levels
        .iter()
        .filter(|(s, _)| *s >= CLOSE)
        .map(|(_, l)| *l)
        .collect();
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for level in &close {
        match counts.iter_mut().find(|(l, _)| l == level) {
            Some(slot) => slot.1 += 1,
            None => counts.push((level, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let (level, n) = *counts.first()?;
    (2 * n > close.len()).then_some((level, n, close.len()))
}

fn task_vector(index: &ProfileIndex, tasks: &[String]) -> Bag {
    let mut bag = Bag::default();
    for task in tasks {
        bag.add(&index.analyzer.analyze(task), 1.0);
    }
    for (feature, weight) in &mut bag.0 {
        *weight *= index.weight(*feature);
    }
    bag.0.retain(|_, w| *w > 0.0);
    bag
}

fn cosine(a: &Bag, b: &Bag) -> f32 {
    let norm = |bag: &Bag| bag.0.values().map(|w| w * w).sum::<f32>().sqrt();
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let dot: f32 =
        a.0.iter()
            .filter_map(|(f, w)| b.get(*f).map(|v| w * v))
            .sum();
    dot / (na * nb)
}

/// The share of criteria both placed at the same level (by name: versions
/// of one profile keep their criteria's names).
fn agreement(ours: &[(String, String)], theirs: &[(String, String)]) -> Option<f32> {
    let common: Vec<bool> = ours
        .iter()
        .filter_map(|(name, level)| {
            theirs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, l)| l == level)
        })
        .collect();
    if common.is_empty() {
        return None;
    }
    Some(common.iter().filter(|same| **same).count() as f32 / common.len() as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::thesaurus::{STARTER, Thesaurus};
    use crate::profiles::document::{ProfileDocument, SEED};
    use crate::profiles::model::Content;

    fn seed_index() -> ProfileIndex {
        let doc: ProfileDocument = serde_json::from_str(SEED).expect("the seed reads");
        let thesaurus = Thesaurus::parse(STARTER).expect("the starter thesaurus reads");
        ProfileIndex::build(
            &Content::from_document(&doc),
            &thesaurus,
            &Default::default(),
        )
    }

    fn decided(id: i64, day: i64, level: &str, tasks: &[&str]) -> Decided {
        Decided {
            id,
            title: format!("position {id}"),
            level: level.into(),
            decided_at: OffsetDateTime::UNIX_EPOCH + time::Duration::days(day),
            rationale: String::new(),
            tasks: tasks.iter().map(|t| (*t).to_owned()).collect(),
            placements: vec![("Kennis".into(), level.into())],
        }
    }

    const FILING: &[&str] = &[
        "Klasseert de inkomende brieven en dossiers",
        "Beheert de agenda van het diensthoofd",
    ];
    const EVENTS: &[&str] = &["Organiseert de jaarlijkse opleidingsdag voor het personeel"];

    #[test]
    fn a_decision_unlike_its_close_precedents_is_reported_with_their_level() {
        let index = seed_index();
        let mut differing = decided(4, 4, "B", FILING);
        // Same tasks, but the manager placed Kennis at C like the others.
        differing.placements = vec![("Kennis".into(), "C".into())];
        let drift = drift(
            &index,
            vec![
                differing,
                decided(1, 1, "C", FILING),
                decided(2, 2, "C", FILING),
                decided(3, 3, "C", FILING),
            ],
        );
        assert_eq!(drift.differing.len(), 1, "the later B stands out");
        let d = &drift.differing[0];
        assert_eq!((d.id, d.level.as_str(), d.usual.as_str()), (4, "B", "C"));
        assert_eq!((d.agreeing, d.close), (3, 3));
        // The first has no precedent; the second and third follow the first.
        assert_eq!((drift.in_line, drift.without), (2, 1));
    }

    #[test]
    fn a_decision_without_close_precedents_is_counted_apart() {
        let index = seed_index();
        let mut events = decided(2, 2, "B", EVENTS);
        events.placements.clear();
        let mut filing = decided(1, 1, "C", FILING);
        filing.placements.clear();
        let drift = drift(&index, vec![filing, events]);
        assert!(drift.differing.is_empty());
        assert_eq!((drift.in_line, drift.without), (0, 2));
    }

    #[test]
    fn the_usual_level_needs_more_than_half_of_the_close_precedents() {
        assert_eq!(usual(&[(0.9, "C"), (0.8, "B")]), None);
        assert_eq!(
            usual(&[(0.9, "C"), (0.8, "C"), (0.7, "B")]),
            Some(("C", 2, 3))
        );
        // Precedents below CLOSE do not count.
        assert_eq!(
            usual(&[(0.9, "C"), (0.1, "B"), (0.1, "B")]),
            Some(("C", 1, 1))
        );
        assert_eq!(usual(&[(0.1, "C")]), None);
    }
}
