//! The daily digest for HR officers: the positions waiting in their queue
//! longer than `JOBCLASS_REMINDER_DAYS` (a `reminder` notification each,
//! listing them). Claimed once a day across instances
//! (`background_runs`, job `reminder_digest`, as `app::background::claim`).
//!
//! An officer's queue: positions submitted longer ago than the limit that
//! are unclaimed and that they handle (the rule of `db::hr_officers`:
//! the officers of the unit or one above it, else of its organisation,
//! else every officer), and those in review that they claimed. Returned positions wait on their manager, not on HR.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::json;
use sqlx::PgPool;
use time::OffsetDateTime;

use super::db::notify;
use super::handling::handling;
use super::model::{Kind, Recipient};

/// A position waiting on an officer.
struct Waiting {
    officer: i64,
    position: i64,
    title: String,
    submitted_at: OffsetDateTime,
}

/// The period of the digest.
pub const EVERY: Duration = Duration::from_secs(24 * 3600);
/// Most positions one digest lists.
const MOST_ITEMS: usize = 50;

/// Sends the digest if this call claims this day's run (`None` when
/// another call or instance already did); the number of officers who got
/// one. `now` is the time the waiting is measured at (`AppState::clock`).
pub async fn run_once(
    pool: &PgPool,
    now: OffsetDateTime,
    reminder_days: u32,
) -> sqlx::Result<Option<usize>> {
    // Claimed in the digest's own transaction: a digest that fails leaves
    // the day unclaimed, to be tried again at the next look. (A second
    // instance's claim waits for this one's row lock, then finds it taken.)
    let mut tx = pool.begin().await?;
    let claimed = sqlx::query_scalar!(
        r#"
        update background_runs set last_run_at = now()
         where job = 'reminder_digest' and last_run_at <= now() - make_interval(secs => $1)
        returning job
        "#,
        EVERY.as_secs_f64() * 0.9
    )
    .fetch_optional(&mut *tx)
    .await?;
    if claimed.is_none() {
        return Ok(None);
    }
    let cutoff = now - time::Duration::days(reminder_days.into());
    let officers = super::db::active_officers(&mut *tx, None).await?;
    let waiting = sqlx::query!(
        r#"
        select id, title, unit, status = 'in_review' as "in_review!", reviewer_id,
               submitted_at as "submitted_at!"
          from positions
         where status in ('submitted', 'in_review') and submitted_at < $1
         order by submitted_at, id
        "#,
        cutoff
    )
    .fetch_all(&mut *tx)
    .await?;
    // Each waiting position to whom it waits on: its claimer, or (not
    // claimed) the officers who handle its unit. Units are few: each is
    // looked up once.
    let mut handlers: HashMap<&str, Vec<i64>> = HashMap::new();
    let mut rows: Vec<Waiting> = Vec::new();
    for w in &waiting {
        let to: Vec<i64> = if w.in_review {
            w.reviewer_id.into_iter().collect()
        } else {
            handlers
                .entry(w.unit.as_str())
                .or_insert_with(|| handling(&officers, &w.unit))
                .clone()
        };
        rows.extend(to.into_iter().map(|officer| Waiting {
            officer,
            position: w.id,
            title: w.title.clone(),
            submitted_at: w.submitted_at,
        }));
    }
    // By officer, then as waiting (a stable sort keeps the query's order).
    rows.sort_by_key(|r| r.officer);
    let mut officers = 0;
    let mut start = 0;
    while start < rows.len() {
        let officer = rows[start].officer;
        let end = rows[start..]
            .iter()
            .position(|r| r.officer != officer)
            .map_or(rows.len(), |n| start + n);
        let mine = &rows[start..end];
        let items: Vec<_> = mine
            .iter()
            .take(MOST_ITEMS)
            .map(|r| {
                let days = (now - r.submitted_at).whole_days();
                json!({"text": format!("#{} {} ({days} d)", r.position, r.title),
                       "link": format!("/review/{}", r.position)})
            })
            .collect();
        let params = json!({"count": mine.len(), "days": reminder_days, "items": items});
        notify(
            &mut tx,
            Kind::Reminder,
            "/review",
            params,
            None,
            &[Recipient::User(officer)],
        )
        .await?;
        officers += 1;
        start = end;
    }
    tx.commit().await?;
    Ok(Some(officers))
}

/// Looks every hour whether today's digest is due, as `serve` runs it.
pub fn spawn(pool: PgPool, clock: crate::clock::Clock, reminder_days: u32) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every.tick().await;
            match run_once(&pool, clock.now(), reminder_days).await {
                Ok(Some(n)) if n > 0 => tracing::info!("reminder digest sent to {n} HR officer(s)"),
                Ok(_) => {}
                Err(err) => tracing::warn!("cannot send the reminder digest: {err}"),
            }
        }
    });
}
