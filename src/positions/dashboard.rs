//! `/review/dashboard`: counts per status, decided levels per profile,
//! the median time to a decision, and the consistency report (agreement
//! per criterion, decisions against their precedents, decisions and days
//! to a decision per month), as bar charts with their tables.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::consistency::{self, kappa_reading};
use super::workflow::Status;
use crate::app::AppState;
use crate::assessment::{cached, precedents};
use crate::error::AppResult;
use crate::web::{Layout, render};

/// One bar: a label, its value as shown, and its length as a share of
/// the longest.
pub struct Bar {
    pub label: String,
    pub value: String,
    /// 0–100.
    pub percent: i64,
}

fn bars(items: Vec<(String, i64)>) -> Vec<Bar> {
    let max = items.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1);
    items
        .into_iter()
        .map(|(label, value)| Bar {
            percent: value * 100 / max,
            label,
            value: value.to_string(),
        })
        .collect()
}

/// Bars of (label, value, value as shown), scaled to the largest value
/// (or to `full` when given); negative values draw no bar.
fn scaled(items: Vec<(String, f64, String)>, full: Option<f64>) -> Vec<Bar> {
    let max = full.unwrap_or_else(|| items.iter().map(|i| i.1).fold(0.0, f64::max));
    items
        .into_iter()
        .map(|(label, value, shown)| Bar {
            percent: if max > 0.0 {
                (value.max(0.0) / max * 100.0).round() as i64
            } else {
                0
            },
            label,
            value: shown,
        })
        .collect()
}

/// Agreement of one criterion as the table shows it.
pub struct AgreementRow {
    pub criterion: String,
    pub pairs: i64,
    /// Percent of pairs at the same level.
    pub agreed: i64,
    pub kappa: String,
    /// Message key of the kappa's reading; empty when undefined.
    pub reading: &'static str,
}

/// A decision that differs from its precedents, as listed.
pub struct DifferingRow {
    pub id: i64,
    pub title: String,
    pub level: String,
    pub usual: String,
    pub agreeing: usize,
    pub close: usize,
    pub decided_at: String,
}

/// One profile's decisions against their precedents.
pub struct ProfileDrift {
    pub title: String,
    pub bars: Vec<Bar>,
    /// The most recent first, at most `LISTED`.
    pub differing: Vec<DifferingRow>,
    pub more: usize,
}

/// How many differing decisions a profile lists.
const LISTED: usize = 20;

/// Decided levels of one profile.
pub struct ProfileLevels {
    pub title: String,
    pub bars: Vec<Bar>,
}

#[derive(Template)]
#[template(path = "review/dashboard.html")]
struct DashboardPage {
    l: Layout,
    statuses: Vec<Bar>,
    profiles: Vec<ProfileLevels>,
    /// Median days from first submission to decision.
    median_days: Option<f64>,
    decided: i64,
    agreement: Vec<AgreementRow>,
    kappas: Vec<Bar>,
    drift: Vec<ProfileDrift>,
    per_month: Vec<Bar>,
    days_per_month: Vec<Bar>,
}

impl DashboardPage {
    fn chart_id(&self, i: impl crate::web::AsIndex) -> String {
        format!("levels-{}", i.index())
    }

    fn drift_id(&self, i: impl crate::web::AsIndex) -> String {
        format!("drift-{}", i.index())
    }

    fn median_text(&self) -> String {
        self.median_days
            .map_or_else(|| "–".into(), |d| format!("{d:.1}"))
    }
}

/// `GET /review/dashboard`.
pub async fn show(State(state): State<AppState>, l: Layout) -> AppResult<Response> {
    let counts = sqlx::query!(
        r#"select status as "status: Status", count(*) as "count!" from positions group by status"#
    )
    .fetch_all(&state.db)
    .await?;
    let statuses = bars(
        Status::ALL
            .iter()
            .map(|s| {
                let n = counts
                    .iter()
                    .find(|c| c.status == *s)
                    .map_or(0, |c| c.count);
                (l.t(s.label_key()), n)
            })
            .collect(),
    );
    let levels = sqlx::query!(
        r#"
        select v.title, pr.slug, l.code, l.rank, count(*) as "count!"
          from positions p
          join levels l on l.id = p.decided_level_id
          join profile_versions v on v.id = p.profile_version_id
          join profiles pr on pr.id = v.profile_id
         where p.status = 'decided'
         group by v.title, pr.slug, l.code, l.rank
         order by pr.slug, l.rank
        "#
    )
    .fetch_all(&state.db)
    .await?;
    let mut profiles: Vec<ProfileLevels> = Vec::new();
    let mut current_slug = String::new();
    let mut items: Vec<(String, i64)> = Vec::new();
    let mut title = String::new();
    for row in levels {
        if row.slug != current_slug && !items.is_empty() {
            profiles.push(ProfileLevels {
                title: std::mem::take(&mut title),
                bars: bars(std::mem::take(&mut items)),
            });
        }
        if row.slug != current_slug {
            current_slug.clone_from(&row.slug);
            title.clone_from(&row.title);
        }
        // Levels of the same code across versions add up.
        match items.iter_mut().find(|(code, _)| *code == row.code) {
            Some(item) => item.1 += row.count,
            None => items.push((row.code, row.count)),
        }
    }
    if !items.is_empty() {
        profiles.push(ProfileLevels {
            title,
            bars: bars(items),
        });
    }
    let timing = sqlx::query!(
        r#"
        select percentile_cont(0.5) within group (
                   order by extract(epoch from decided_at - first_submitted_at) / 86400.0) as median,
               count(*) as "decided!"
          from positions where status = 'decided' and first_submitted_at is not null
        "#
    )
    .fetch_one(&state.db)
    .await?;
    let agreement = consistency::agreement(&state.db).await?;
    let kappas = scaled(
        agreement
            .iter()
            .map(|a| {
                let k = a.kappa.unwrap_or(0.0);
                (a.criterion.clone(), k, kappa_text(a.kappa))
            })
            .collect(),
        Some(1.0),
    );
    let agreement = agreement
        .into_iter()
        .map(|a| AgreementRow {
            agreed: if a.pairs > 0 {
                (a.agreed * 100 + a.pairs / 2) / a.pairs
            } else {
                0
            },
            kappa: kappa_text(a.kappa),
            reading: a.kappa.map_or("", kappa_reading),
            criterion: a.criterion,
            pairs: a.pairs,
        })
        .collect();
    let mut drift = Vec::new();
    for (title, version_id) in consistency::decided_profiles(&state.db).await? {
        let index = cached::index(&state, version_id).await?;
        let decided = precedents::decided(&state.db, version_id, 0).await?;
        let found = precedents::drift(&index, decided);
        let more = found.differing.len().saturating_sub(LISTED);
        drift.push(ProfileDrift {
            bars: bars(vec![
                (l.t("drift-in-line"), found.in_line as i64),
                (l.t("drift-differing"), found.differing.len() as i64),
                (l.t("drift-without"), found.without as i64),
            ]),
            differing: found
                .differing
                .into_iter()
                .take(LISTED)
                .map(|d| DifferingRow {
                    decided_at: l.date(&d.decided_at),
                    id: d.id,
                    title: d.title,
                    level: d.level,
                    usual: d.usual,
                    agreeing: d.agreeing,
                    close: d.close,
                })
                .collect(),
            more,
            title,
        });
    }
    let months = consistency::months(&state.db).await?;
    let per_month = bars(
        months
            .iter()
            .map(|m| (m.month.clone(), m.decisions))
            .collect(),
    );
    let days_per_month = scaled(
        months
            .into_iter()
            .map(|m| {
                let days = m.median_days.unwrap_or(0.0);
                let shown = m
                    .median_days
                    .map_or_else(|| "–".into(), |d| format!("{d:.1}"));
                (m.month, days, shown)
            })
            .collect(),
        None,
    );
    render(&DashboardPage {
        l,
        statuses,
        profiles,
        median_days: timing.median,
        decided: timing.decided,
        agreement,
        kappas,
        drift,
        per_month,
        days_per_month,
    })
}

fn kappa_text(kappa: Option<f64>) -> String {
    kappa.map_or_else(|| "–".into(), |k| format!("{k:.2}"))
}
