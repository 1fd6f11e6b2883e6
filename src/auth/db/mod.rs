//! All SQL of accounts: users, password links and login throttling here;
//! signed-in sessions and API tokens in their own files.

mod sessions;
mod tokens;

pub use sessions::*;
pub use tokens::*;

use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;

use super::model::{Role, UserRow};

/// An account as needed to sign in.
pub struct LoginAccount {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub password_hash: Option<String>,
    /// May sign in with a password even when password sign-in is off.
    pub break_glass: bool,
}

/// The active account with this address (any case).
pub async fn login_account(
    db: impl PgExecutor<'_>,
    email: &str,
) -> sqlx::Result<Option<LoginAccount>> {
    sqlx::query_as!(
        LoginAccount,
        r#"select id, email, role as "role: Role", password_hash, break_glass from users where lower(email) = lower($1) and active"#,
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
               password_hash is not null as "has_password!", created_at, last_login_at,
               break_glass,
               exists (select 1 from user_identities i where i.user_id = users.id) as "sso!"
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
               password_hash is not null as "has_password!", created_at, last_login_at,
               break_glass,
               exists (select 1 from user_identities i where i.user_id = users.id) as "sso!"
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

/// Marks a user as a break-glass account (or not): one that may sign in
/// with a password even when password sign-in is switched off.
pub async fn set_break_glass(tx: &mut PgConnection, user_id: i64, on: bool) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set break_glass = $2 where id = $1",
        user_id,
        on
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
