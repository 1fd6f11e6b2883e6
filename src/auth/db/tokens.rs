//! SQL of personal API tokens: find the user of a token, list, create,
//! revoke.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;

use crate::auth::model::{CurrentUser, Role};

/// An API token that is not revoked, with its active user (kept by
/// `app::caches::Caches`, so its expiry is checked at each use).
#[derive(Debug, Clone)]
pub struct TokenUser {
    pub token_id: i64,
    pub user: CurrentUser,
    pub expires_at: Option<OffsetDateTime>,
    pub last_used_at: Option<OffsetDateTime>,
}

/// The token with this hash, unless revoked, expired or its user inactive.
pub async fn token_user(db: &sqlx::PgPool, token_hash: &[u8]) -> sqlx::Result<Option<TokenUser>> {
    let row = sqlx::query!(
        r#"
        select t.id as token_id, t.expires_at, t.last_used_at,
               u.id, u.email, u.name, u.role as "role: Role", u.unit
          from api_tokens t
          join users u on u.id = t.user_id
         where t.token_hash = $1 and t.revoked_at is null
           and (t.expires_at is null or t.expires_at > now())
           and u.active
        "#,
        token_hash
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|row| TokenUser {
        token_id: row.token_id,
        expires_at: row.expires_at,
        last_used_at: row.last_used_at,
        user: CurrentUser {
            id: row.id,
            email: row.email,
            name: row.name,
            role: row.role,
            unit: row.unit,
            session: None,
        },
    }))
}

/// Notes that a token was used (at most once a minute per token).
pub async fn touch_token(db: &sqlx::PgPool, token_id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update api_tokens set last_used_at = now() where id = $1",
        token_id
    )
    .execute(db)
    .await?;
    Ok(())
}

/// An API token as its owner sees it.
pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: OffsetDateTime,
    pub expires_at: Option<OffsetDateTime>,
    pub revoked_at: Option<OffsetDateTime>,
    pub last_used_at: Option<OffsetDateTime>,
}

impl TokenRow {
    /// Usable now: not revoked, not expired.
    pub fn is_live(&self) -> bool {
        self.revoked_at.is_none()
            && self
                .expires_at
                .is_none_or(|at| at > OffsetDateTime::now_utc())
    }
}

pub async fn tokens_of(db: impl PgExecutor<'_>, user_id: i64) -> sqlx::Result<Vec<TokenRow>> {
    sqlx::query_as!(
        TokenRow,
        r#"
        select id, name, prefix, created_at, expires_at, revoked_at, last_used_at
          from api_tokens where user_id = $1 order by created_at desc, id desc
        "#,
        user_id
    )
    .fetch_all(db)
    .await
}

/// Stores a new token's hash; returns its id.
pub async fn create_token(
    tx: &mut PgConnection,
    user_id: i64,
    name: &str,
    token: &str,
    expires_days: Option<i32>,
) -> sqlx::Result<i64> {
    let prefix: String = token.chars().take(10).collect();
    sqlx::query_scalar!(
        r#"
        insert into api_tokens (user_id, name, token_hash, prefix, expires_at)
        values ($1, $2, $3, $4, case when $5::int is null then null else now() + make_interval(days => $5) end)
        returning id
        "#,
        user_id,
        name,
        crate::auth::tokens::digest(token),
        prefix,
        expires_days
    )
    .fetch_one(&mut *tx)
    .await
}

/// Revokes one of a user's tokens; returns whether it was live and theirs.
pub async fn revoke_token(
    tx: &mut PgConnection,
    user_id: i64,
    token_id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "update api_tokens set revoked_at = now() where id = $1 and user_id = $2 and revoked_at is null",
        token_id,
        user_id
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() > 0)
}
