//! SQL of single sign-on: identities at a provider (issuer + `sub`)
//! linked to local users.

use sqlx::{PgConnection, PgExecutor};

use crate::auth::model::Role;

/// A local user as a sign-in sees them.
pub struct LocalUser {
    pub id: i64,
    pub email: String,
    pub active: bool,
}

/// The user linked to the identity `subject` at `issuer`.
pub async fn linked_user(
    db: impl PgExecutor<'_>,
    issuer: &str,
    subject: &str,
) -> sqlx::Result<Option<LocalUser>> {
    sqlx::query_as!(
        LocalUser,
        r"
        select u.id, u.email, u.active
          from user_identities i join users u on u.id = i.user_id
         where i.issuer = $1 and i.subject = $2
        ",
        issuer,
        subject
    )
    .fetch_optional(db)
    .await
}

/// The user with this address (any case), active or not.
pub async fn user_by_email(
    db: impl PgExecutor<'_>,
    email: &str,
) -> sqlx::Result<Option<LocalUser>> {
    sqlx::query_as!(
        LocalUser,
        "select id, email, active from users where lower(email) = lower($1)",
        email
    )
    .fetch_optional(db)
    .await
}

/// Links the identity to a user; false when another sign-in linked it first.
pub async fn link(
    tx: &mut PgConnection,
    issuer: &str,
    subject: &str,
    user_id: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        r"
        insert into user_identities (issuer, subject, user_id, last_login_at)
        values ($1, $2, $3, now())
        on conflict (issuer, subject) do nothing
        ",
        issuer,
        subject,
        user_id
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Notes a sign-in with the identity.
pub async fn touch(tx: &mut PgConnection, issuer: &str, subject: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update user_identities set last_login_at = now() where issuer = $1 and subject = $2",
        issuer,
        subject
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A user's role and unit before a sign-in refreshed them.
pub struct Before {
    pub role: Role,
    pub unit: String,
}

/// Sets the role (and the unit, when given) the provider's claims map to;
/// returns what they were.
pub async fn refresh(
    tx: &mut PgConnection,
    user_id: i64,
    role: Role,
    unit: Option<&str>,
) -> sqlx::Result<Before> {
    sqlx::query_as!(
        Before,
        r#"
        with before as (select id, role, unit from users where id = $1 for update)
        update users u set role = $2, unit = coalesce($3, u.unit)
          from before where u.id = before.id
        returning before.role as "role: Role", before.unit
        "#,
        user_id,
        role as Role,
        unit
    )
    .fetch_one(&mut *tx)
    .await
}

/// Whether a user signs in with single sign-on (has a linked identity).
pub async fn has_identity(db: impl PgExecutor<'_>, user_id: i64) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from user_identities where user_id = $1) as "linked!""#,
        user_id
    )
    .fetch_one(db)
    .await
}
