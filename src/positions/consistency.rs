//! How consistently positions are classified (the HR dashboard): how far
//! managers and HR agree per criterion (Cohen's kappa), which decisions
//! differ from their closest precedents, and decisions and days to a
//! decision per month.

use std::collections::BTreeSet;

use sqlx::PgPool;

/// Agreement between the manager's and HR's placements of one criterion
/// over decided positions.
pub struct Agreement {
    pub criterion: String,
    /// Positions where both placed the criterion.
    pub pairs: i64,
    /// Of which at the same level.
    pub agreed: i64,
    /// Cohen's kappa; `None` when chance agreement is certain (both
    /// always used one and the same level), where kappa is undefined.
    pub kappa: Option<f64>,
}

/// Cohen's kappa of paired ratings given as (first, second, count):
/// observed agreement corrected for the agreement the two raters'
/// own level frequencies would give by chance, `(p_o − p_e) / (1 − p_e)`.
pub fn kappa(counts: &[(String, String, i64)]) -> Option<f64> {
    let n: i64 = counts.iter().map(|c| c.2).sum();
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let categories: BTreeSet<&str> = counts
        .iter()
        .flat_map(|(a, b, _)| [a.as_str(), b.as_str()])
        .collect();
    let observed = counts
        .iter()
        .filter(|c| c.0 == c.1)
        .map(|c| c.2)
        .sum::<i64>() as f64
        / n;
    let chance: f64 = categories
        .iter()
        .map(|k| {
            let first = counts
                .iter()
                .filter(|c| c.0 == *k)
                .map(|c| c.2)
                .sum::<i64>() as f64;
            let second = counts
                .iter()
                .filter(|c| c.1 == *k)
                .map(|c| c.2)
                .sum::<i64>() as f64;
            (first / n) * (second / n)
        })
        .sum();
    (chance < 1.0 - 1e-9).then(|| (observed - chance) / (1.0 - chance))
}

/// The message key of Landis and Koch's reading of a kappa, the scale
/// most HR literature quotes.
pub fn kappa_reading(kappa: f64) -> &'static str {
    match kappa {
        k if k < 0.0 => "kappa-poor",
        k if k <= 0.20 => "kappa-slight",
        k if k <= 0.40 => "kappa-fair",
        k if k <= 0.60 => "kappa-moderate",
        k if k <= 0.80 => "kappa-substantial",
        _ => "kappa-almost-perfect",
    }
}

/// Manager–HR agreement per criterion name, over all decided positions.
pub async fn agreement(db: &PgPool) -> sqlx::Result<Vec<Agreement>> {
    let rows = sqlx::query!(
        r#"
        select c.name, m.code as manager, h.code as hr, count(*) as "count!",
               min(c.position) as "order!"
          from positions p
          join placements pm on pm.position_id = p.id and not pm.by_hr
          join placements ph on ph.position_id = p.id and ph.by_hr
                            and ph.criterion_id = pm.criterion_id
          join criteria c on c.id = pm.criterion_id
          join levels m on m.id = pm.level_id
          join levels h on h.id = ph.level_id
         where p.status = 'decided'
         group by c.name, m.code, h.code
        "#
    )
    .fetch_all(db)
    .await?;
    let mut names: Vec<(i32, String)> = rows.iter().map(|r| (r.order, r.name.clone())).collect();
    names.sort();
    names.dedup_by(|a, b| a.1 == b.1);
    Ok(names
        .into_iter()
        .map(|(_, name)| {
            let counts: Vec<(String, String, i64)> = rows
                .iter()
                .filter(|r| r.name == name)
                .map(|r| (r.manager.clone(), r.hr.clone(), r.count))
                .collect();
            Agreement {
                pairs: counts.iter().map(|c| c.2).sum(),
                agreed: counts.iter().filter(|c| c.0 == c.1).map(|c| c.2).sum(),
                kappa: kappa(&counts),
                criterion: name,
            }
        })
        .collect())
}

/// Decisions in one calendar month.
pub struct Month {
    /// `YYYY-MM`.
    pub month: String,
    pub decisions: i64,
    /// Median days from first submission to decision.
    pub median_days: Option<f64>,
}

/// The last twelve months, the current one last, months without
/// decisions included.
pub async fn months(db: &PgPool) -> sqlx::Result<Vec<Month>> {
    let rows = sqlx::query!(
        r#"
        select to_char(m, 'YYYY-MM') as "month!", count(p.id) as "decisions!",
               percentile_cont(0.5) within group (
                   order by extract(epoch from p.decided_at - p.first_submitted_at) / 86400.0)
                   as median
          from generate_series(date_trunc('month', now()) - interval '11 months',
                               date_trunc('month', now()), interval '1 month') as m
          left join positions p on p.status = 'decided'
                               and p.decided_at >= m and p.decided_at < m + interval '1 month'
         group by m
         order by m
        "#
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Month {
            month: r.month,
            decisions: r.decisions,
            median_days: r.median,
        })
        .collect())
}

/// The version of each profile's latest decision, as the profile's
/// decisions are read against it: (profile title, version id).
pub async fn decided_profiles(db: &PgPool) -> sqlx::Result<Vec<(String, i64)>> {
    let rows = sqlx::query!(
        r#"
        select distinct on (v.profile_id) v.title, p.profile_version_id
          from positions p
          join profile_versions v on v.id = p.profile_version_id
         where p.status = 'decided'
         order by v.profile_id, p.decided_at desc
        "#
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.title, r.profile_version_id))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(rows: &[(&str, &str, i64)]) -> Vec<(String, String, i64)> {
        rows.iter()
            .map(|(a, b, n)| ((*a).into(), (*b).into(), *n))
            .collect()
    }

    #[test]
    fn kappa_matches_a_worked_example() {
        // 50 pairs: 20 both C, 15 both B, 5 C/B, 10 B/C. p_o = 0.7;
        // first rater C 25, B 25; second C 30, B 20; p_e = 0.5·0.6 + 0.5·0.4 = 0.5.
        let k = kappa(&counts(&[
            ("C", "C", 20),
            ("B", "B", 15),
            ("C", "B", 5),
            ("B", "C", 10),
        ]))
        .expect("defined");
        assert!((k - 0.4).abs() < 1e-9, "{k}");
    }

    #[test]
    fn kappa_is_one_for_full_agreement_and_negative_below_chance() {
        let full = kappa(&counts(&[("C", "C", 4), ("B", "B", 3), ("D", "D", 1)])).expect("defined");
        assert!((full - 1.0).abs() < 1e-9);
        let opposite = kappa(&counts(&[("C", "B", 5), ("B", "C", 5)])).expect("defined");
        assert!((opposite + 1.0).abs() < 1e-9, "{opposite}");
    }

    #[test]
    fn kappa_is_undefined_without_pairs_or_when_one_level_is_certain() {
        assert_eq!(kappa(&[]), None);
        assert_eq!(kappa(&counts(&[("C", "C", 7)])), None);
    }

    #[test]
    fn readings_follow_landis_and_koch() {
        assert_eq!(kappa_reading(-0.1), "kappa-poor");
        assert_eq!(kappa_reading(0.2), "kappa-slight");
        assert_eq!(kappa_reading(0.4), "kappa-fair");
        assert_eq!(kappa_reading(0.41), "kappa-moderate");
        assert_eq!(kappa_reading(0.75), "kappa-substantial");
        assert_eq!(kappa_reading(0.81), "kappa-almost-perfect");
    }
}
