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
            let by_tasks = cosine(&own, &theirs);
            let by_placements = agreement(placements, &d.placements);
            let similarity = match (own.0.is_empty() || theirs.0.is_empty(), by_placements) {
                (false, Some(p)) => (by_tasks + p) / 2.0,
                (false, None) => by_tasks,
                (true, Some(p)) => p,
                (true, None) => 0.0,
            };
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

/// The level most close precedents received, when more than half of them
/// agree on it.
pub fn usual_level(precedents: &[Precedent]) -> Option<(String, usize, usize)> {
    let close: Vec<&Precedent> = precedents
        .iter()
        .filter(|p| p.similarity >= CLOSE)
        .collect();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for p in &close {
        match counts.iter_mut().find(|(l, _)| *l == p.decided.level) {
            Some(slot) => slot.1 += 1,
            None => counts.push((p.decided.level.clone(), 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    let (level, n) = counts.first()?.clone();
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
