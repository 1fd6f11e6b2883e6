//! Share links: read-only access to a decided position's record.

use sqlx::{PgConnection, PgExecutor};

/// Stores a new share link's hash.
pub async fn create_share_link(
    tx: &mut PgConnection,
    id: i64,
    by: i64,
    token: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into share_links (position_id, token_hash, created_by) values ($1, $2, $3) returning id",
        id,
        crate::auth::tokens::digest(token),
        by
    )
    .fetch_one(&mut *tx)
    .await
}

/// Revokes every live share link of a position; returns how many.
pub async fn revoke_share_links(tx: &mut PgConnection, id: i64) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update share_links set revoked_at = now() where position_id = $1 and revoked_at is null",
        id
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected())
}

/// Number of live share links of a position.
pub async fn live_share_links(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from share_links where position_id = $1 and revoked_at is null"#,
        id
    )
    .fetch_one(db)
    .await
}

/// The live share link a token opens, with its decided position:
/// (link id, position id).
pub async fn shared_link(db: impl PgExecutor<'_>, token: &str) -> sqlx::Result<Option<(i64, i64)>> {
    let row = sqlx::query!(
        r#"
        select s.id, s.position_id from share_links s join positions p on p.id = s.position_id
         where s.token_hash = $1 and s.revoked_at is null and p.status = 'decided'
        "#,
        crate::auth::tokens::digest(token)
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.id, r.position_id)))
}
