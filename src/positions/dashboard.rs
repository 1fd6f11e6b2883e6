//! `/review/dashboard`: counts per status, decided levels per profile and
//! the median time to a decision, as bar charts with their tables.

use askama::Template;
use axum::extract::State;
use axum::response::Response;

use super::workflow::Status;
use crate::app::AppState;
use crate::error::AppResult;
use crate::web::{Layout, render};

/// One bar: a label, a value, and its length as a share of the longest.
pub struct Bar {
    pub label: String,
    pub value: i64,
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
            value,
        })
        .collect()
}

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
}

impl DashboardPage {
    fn chart_id(&self, i: impl crate::web::AsIndex) -> String {
        format!("levels-{}", i.index())
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
    render(&DashboardPage {
        l,
        statuses,
        profiles,
        median_days: timing.median,
        decided: timing.decided,
    })
}
