//! SQL of signed-in sessions (`user_sessions`): start, touch, link to the
//! session record, end, and list.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

/// Starts a signed-in session: returns its handle.
pub async fn start_session(
    tx: &mut PgConnection,
    user_id: i64,
    ip: &str,
    user_agent: &str,
) -> sqlx::Result<Uuid> {
    let handle = Uuid::new_v4();
    let agent: String = user_agent.chars().take(300).collect();
    sqlx::query!(
        "insert into user_sessions (handle, user_id, ip, user_agent) values ($1, $2, $3, $4)",
        handle,
        user_id,
        ip,
        agent
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "update users set last_login_at = now() where id = $1",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("delete from login_failures where lower(email) = (select lower(email) from users where id = $1)", user_id)
        .execute(&mut *tx)
        .await?;
    Ok(handle)
}

/// Notes that a session was used (at most once a minute, see `Store::load`).
pub async fn touch_session(db: &sqlx::PgPool, handle: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update user_sessions set last_seen_at = now() where handle = $1",
        handle
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Ties a signed-in session to the id of its session record.
pub async fn link_session(db: &sqlx::PgPool, handle: Uuid, record_id: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update user_sessions set record_id = $2 where handle = $1",
        handle,
        record_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Ends one session; returns whether it existed.
pub async fn end_session(db: impl PgExecutor<'_>, handle: Uuid) -> sqlx::Result<bool> {
    let done = sqlx::query!("delete from user_sessions where handle = $1", handle)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends one of a user's sessions; returns whether it was theirs and existed.
pub async fn end_own_session(
    db: impl PgExecutor<'_>,
    user_id: i64,
    handle: Uuid,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from user_sessions where handle = $1 and user_id = $2",
        handle,
        user_id
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Ends every session of a user except `keep`; returns how many ended.
pub async fn end_sessions(
    db: impl PgExecutor<'_>,
    user_id: i64,
    keep: Option<Uuid>,
) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from user_sessions where user_id = $1 and ($2::uuid is null or handle <> $2)",
        user_id,
        keep
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// A signed-in session as the account page lists it.
pub struct SessionRow {
    pub handle: Uuid,
    pub created_at: OffsetDateTime,
    pub last_seen_at: OffsetDateTime,
    pub ip: String,
    pub user_agent: String,
}

pub async fn sessions_of(db: impl PgExecutor<'_>, user_id: i64) -> sqlx::Result<Vec<SessionRow>> {
    sqlx::query_as!(
        SessionRow,
        "select handle, created_at, last_seen_at, ip, user_agent from user_sessions where user_id = $1 order by last_seen_at desc",
        user_id
    )
    .fetch_all(db)
    .await
}
