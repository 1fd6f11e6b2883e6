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

/// Writes several entries in one statement (one round trip), in order.
pub async fn record_all(tx: &mut PgConnection, entries: &[Entry<'_>]) -> sqlx::Result<()> {
    let actors: Vec<Option<i64>> = entries.iter().map(|e| e.actor).collect();
    let actions: Vec<&str> = entries.iter().map(|e| e.action).collect();
    let types: Vec<&str> = entries.iter().map(|e| e.subject_type).collect();
    let ids: Vec<&str> = entries.iter().map(|e| e.subject_id.as_str()).collect();
    let details: Vec<Value> = entries.iter().map(|e| e.details.clone()).collect();
    let requests: Vec<&str> = entries
        .iter()
        .map(|e| e.client.request_id.as_str())
        .collect();
    sqlx::query!(
        r#"
        insert into audit_log (actor_id, action, subject_type, subject_id, details, request_id)
        select a, b, c, d, f, g from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[])
         with ordinality as e(a, b, c, d, f, g, n)
         order by n
        "#,
        &actors as &[Option<i64>],
        &actions as &[&str],
        &types as &[&str],
        &ids as &[&str],
        &details,
        &requests as &[&str]
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}
