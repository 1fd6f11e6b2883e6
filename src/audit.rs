//! The append-only audit log. Every state change writes one row in the same
//! transaction as the change, so the log and the data never disagree.

use serde_json::Value;
use sqlx::PgConnection;

use crate::web::client::Client;

/// One audit entry.
pub struct Entry<'a> {
    /// What happened, as `subject.verb` (`login.failed`, `user.created`, …).
    pub action: &'static str,
    pub subject_type: &'static str,
    pub subject_id: String,
    /// What changed; never a password or a token.
    pub details: Value,
    pub actor: Option<i64>,
    pub client: &'a Client,
}

/// Writes `entry` inside the caller's transaction.
pub async fn record(tx: &mut PgConnection, entry: Entry<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        r#"
        insert into audit_log (actor_id, action, subject_type, subject_id, details, request_id)
        values ($1, $2, $3, $4, $5, $6)
        "#,
        entry.actor,
        entry.action,
        entry.subject_type,
        entry.subject_id,
        entry.details,
        entry.client.request_id
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
