//! All SQL of accounts: users, sessions, tokens, password links, throttling.

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::{CurrentUser, Role, UserRow};

/// An account as needed to sign in.
pub struct LoginAccount {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub password_hash: Option<String>,
}

/// The active account with this address (any case).
pub async fn login_account(
    db: impl PgExecutor<'_>,
    email: &str,
) -> sqlx::Result<Option<LoginAccount>> {
    sqlx::query_as!(
        LoginAccount,
        r#"select id, email, role as "role: Role", password_hash from users where lower(email) = lower($1) and active"#,
        email
    )
    .fetch_optional(db)
    .await
}

/// Failed logins for an address and from a client address within the window.
pub async fn recent_failures(
    db: impl PgExecutor<'_>,
    email: &str,
    ip: &str,
    window_minutes: i32,
) -> sqlx::Result<(i64, i64, Option<OffsetDateTime>)> {
    let row = sqlx::query!(
        r#"
        select count(*) filter (where lower(email) = lower($1)) as "by_email!",
               count(*) filter (where ip = $2) as "by_ip!",
               min(at) filter (where lower(email) = lower($1) or ip = $2) as oldest
          from login_failures
         where at > now() - make_interval(mins => $3)
           and (lower(email) = lower($1) or ip = $2)
        "#,
        email,
        ip,
        window_minutes
    )
    .fetch_one(db)
    .await?;
    Ok((row.by_email, row.by_ip, row.oldest))
}

/// Records a failed login and forgets failures older than a day.
pub async fn record_failure(tx: &mut PgConnection, email: &str, ip: &str) -> sqlx::Result<()> {
    let email: String = email.chars().take(254).collect();
    sqlx::query!(
        "insert into login_failures (email, ip) values ($1, $2)",
        email,
        ip
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!("delete from login_failures where at < now() - interval '1 day'")
        .execute(&mut *tx)
        .await?;
    Ok(())
}

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
        super::tokens::digest(token),
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

/// The stored password hash of a user.
pub async fn password_hash(db: impl PgExecutor<'_>, user_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!("select password_hash from users where id = $1", user_id)
        .fetch_one(db)
        .await
}

pub async fn set_password(tx: &mut PgConnection, user_id: i64, hash: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set password_hash = $2 where id = $1",
        user_id,
        hash
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Creates a one-time link to set a password, valid for `hours`.
pub async fn create_password_link(
    tx: &mut PgConnection,
    user_id: i64,
    created_by: Option<i64>,
    token: &str,
    hours: i32,
) -> sqlx::Result<()> {
    sqlx::query!(
        r#"
        insert into password_links (token_hash, user_id, created_by, expires_at)
        values ($1, $2, $3, now() + make_interval(hours => $4))
        "#,
        super::tokens::digest(token),
        user_id,
        created_by,
        hours
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// The user a live (unused, unexpired) link is for, with their address.
pub async fn password_link_user(
    db: impl PgExecutor<'_>,
    token: &str,
) -> sqlx::Result<Option<(i64, String)>> {
    let row = sqlx::query!(
        r#"
        select u.id, u.email from password_links l join users u on u.id = l.user_id
         where l.token_hash = $1 and l.used_at is null and l.expires_at > now() and u.active
        "#,
        super::tokens::digest(token)
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.id, r.email)))
}

/// Marks a link used, and retires the user's other links; false when it
/// was used in the meantime.
pub async fn use_password_link(tx: &mut PgConnection, token: &str) -> sqlx::Result<bool> {
    let user = sqlx::query_scalar!(
        "update password_links set used_at = now() where token_hash = $1 and used_at is null and expires_at > now() returning user_id",
        super::tokens::digest(token)
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(user) = user else { return Ok(false) };
    retire_password_links(tx, user).await?;
    Ok(true)
}

/// Makes every unused link of a user unusable.
pub async fn retire_password_links(tx: &mut PgConnection, user_id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update password_links set used_at = now() where user_id = $1 and used_at is null",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A new user; `None` when the address is taken.
pub async fn create_user(
    tx: &mut PgConnection,
    email: &str,
    name: &str,
    role: Role,
    unit: &str,
    password_hash: Option<&str>,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        r#"
        insert into users (email, name, role, unit, password_hash)
        values ($1, $2, $3, $4, $5)
        on conflict (lower(email)) do nothing
        returning id
        "#,
        email,
        name,
        role as Role,
        unit,
        password_hash
    )
    .fetch_optional(&mut *tx)
    .await
}

pub async fn user_by_id(db: impl PgExecutor<'_>, id: i64) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as!(
        UserRow,
        r#"
        select id, email, name, role as "role: Role", unit, active,
               password_hash is not null as "has_password!", created_at, last_login_at
          from users where id = $1
        "#,
        id
    )
    .fetch_optional(db)
    .await
}

pub async fn user_id_by_email(db: impl PgExecutor<'_>, email: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!("select id from users where lower(email) = lower($1)", email)
        .fetch_optional(db)
        .await
}

/// Users matching `query` (in address, name or unit) and `role`, by name.
pub async fn list_users(
    db: impl PgExecutor<'_>,
    query: Option<&str>,
    role: Option<Role>,
) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as!(
        UserRow,
        r#"
        select id, email, name, role as "role: Role", unit, active,
               password_hash is not null as "has_password!", created_at, last_login_at
          from users
         where ($1::text is null
                or strpos(lower(email), lower($1)) > 0
                or strpos(lower(name), lower($1)) > 0
                or strpos(lower(unit), lower($1)) > 0)
           and ($2::user_role is null or role = $2)
         order by lower(name), id
         limit 500
        "#,
        query,
        role as Option<Role>
    )
    .fetch_all(db)
    .await
}

/// Whether any account exists (first run).
pub async fn any_user(db: impl PgExecutor<'_>) -> sqlx::Result<bool> {
    sqlx::query_scalar!(r#"select exists (select 1 from users) as "any!""#)
        .fetch_one(db)
        .await
}

/// Changes name, role and unit. Refuses (false) to leave no active admin.
pub async fn update_user(
    tx: &mut PgConnection,
    id: i64,
    name: &str,
    role: Role,
    unit: &str,
) -> sqlx::Result<bool> {
    let admins = lock_active_admins(tx).await?;
    if role != Role::Admin && admins == [id] {
        return Ok(false);
    }
    sqlx::query!(
        "update users set name = $2, role = $3, unit = $4 where id = $1",
        id,
        name,
        role as Role,
        unit
    )
    .execute(&mut *tx)
    .await?;
    Ok(true)
}

/// Activates or deactivates; deactivating ends the user's sessions. Refuses
/// (false) to deactivate the last active admin.
pub async fn set_active(tx: &mut PgConnection, id: i64, active: bool) -> sqlx::Result<bool> {
    let admins = lock_active_admins(tx).await?;
    if !active && admins == [id] {
        return Ok(false);
    }
    sqlx::query!("update users set active = $2 where id = $1", id, active)
        .execute(&mut *tx)
        .await?;
    if !active {
        end_sessions(&mut *tx, id, None).await?;
    }
    Ok(true)
}

/// The active admins, locked in id order: two concurrent demotions then
/// run one after the other, and the second sees the first's result.
async fn lock_active_admins(tx: &mut PgConnection) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar!(
        "select id from users where role = 'admin' and active order by id for update"
    )
    .fetch_all(&mut *tx)
    .await
}

/// Removes a user's password (a reset: only the new link can set one).
pub async fn clear_password(tx: &mut PgConnection, user_id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set password_hash = null where id = $1",
        user_id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
