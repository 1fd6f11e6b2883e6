//! Background work of an instance, done once across all instances: each
//! period, the first instance to claim a job (`background_runs`, migrations
//! 12 and 15) does it; the others skip it.

use std::time::Duration;

use sqlx::PgPool;
use tower_sessions::ExpiredDeletion;
use tower_sessions_sqlx_store::PostgresStore;

use crate::drafts;

/// How often each instance looks for scheduled versions that are due.
const PROMOTIONS_EVERY: Duration = Duration::from_secs(30);
/// How often expired sessions are deleted.
const CLEANUP_EVERY: Duration = Duration::from_secs(3600);

/// Claims `job` for this period of `every` seconds: true for exactly one
/// caller per period, whatever the number of instances asking.
pub async fn claim(pool: &PgPool, job: &str, every: Duration) -> sqlx::Result<bool> {
    // A little less than the period, so that the claiming instance's next
    // tick is never refused by a few milliseconds of its own clock.
    let seconds = every.as_secs_f64() * 0.9;
    let claimed = sqlx::query_scalar!(
        r#"
        update background_runs set last_run_at = now()
         where job = $1 and last_run_at <= now() - make_interval(secs => $2)
        returning job
        "#,
        job,
        seconds
    )
    .fetch_optional(pool)
    .await?;
    Ok(claimed.is_some())
}

/// Makes scheduled profile versions current when their date comes.
pub fn spawn_promotions(pool: PgPool) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(PROMOTIONS_EVERY);
        loop {
            every.tick().await;
            match claim(&pool, "promotions", PROMOTIONS_EVERY).await {
                Ok(true) => match drafts::promote_due(&pool).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!("{n} scheduled profile version(s) took effect"),
                    Err(err) => tracing::warn!("cannot promote scheduled versions: {err}"),
                },
                Ok(false) => {}
                Err(err) => tracing::warn!("cannot claim the promotions: {err}"),
            }
        }
    });
}

/// Deletes expired session records.
pub fn spawn_session_cleanup(pool: PgPool) {
    tokio::spawn(async move {
        let store = PostgresStore::new(pool.clone());
        let mut every = tokio::time::interval(CLEANUP_EVERY);
        loop {
            every.tick().await;
            match claim(&pool, "session_cleanup", CLEANUP_EVERY).await {
                Ok(true) => {
                    if let Err(err) = store.delete_expired().await {
                        tracing::warn!("cannot delete expired sessions: {err}");
                    }
                    let _ = sqlx::query!(
                        "delete from user_sessions where last_seen_at < now() - interval '2 days'"
                    )
                    .execute(&pool)
                    .await;
                }
                Ok(false) => {}
                Err(err) => tracing::warn!("cannot claim the session clean-up: {err}"),
            }
        }
    });
}

/// Forgets idempotency keys older than a day (`web::idempotency`).
pub fn spawn_idempotency_cleanup(pool: PgPool) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(CLEANUP_EVERY);
        loop {
            every.tick().await;
            match claim(&pool, "idempotency_cleanup", CLEANUP_EVERY).await {
                Ok(true) => match crate::web::idempotency::forget_expired(&pool).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!("{n} expired idempotency key(s) forgotten"),
                    Err(err) => tracing::warn!("cannot forget expired idempotency keys: {err}"),
                },
                Ok(false) => {}
                Err(err) => tracing::warn!("cannot claim the idempotency clean-up: {err}"),
            }
        }
    });
}
