//! The events of the portal's own workflows, each a call in the
//! transaction of its change: who a position's event concerns, a shared
//! decision told to the employee, a published draft, an answered change
//! request.

use serde_json::json;
use sqlx::PgConnection;

use super::db::{admins, hr_officers, notify, position_facts};
use super::model::{Kind, Recipient};

/// Notifies the people position `id`'s event `kind` concerns, `actor`
/// aside:
/// - `Submitted`: the HR officers of its unit (else all), at `/review/{id}`;
/// - `Answered` (the manager answered HR's question, or resubmitted after
///   one): the officer who claimed it (else as `Submitted`);
/// - `Returned`: its manager, at `/positions/{id}`;
/// - `Decided`: its manager, at `/positions/{id}/record`.
///
/// Other kinds are not position events and notify nobody here.
pub async fn position_event(
    tx: &mut PgConnection,
    kind: Kind,
    id: i64,
    actor: i64,
) -> sqlx::Result<()> {
    let facts = position_facts(&mut *tx, id).await?;
    let (link, recipients) = match kind {
        Kind::Submitted => (
            format!("/review/{id}"),
            hr_officers(&mut *tx, Some(&facts.unit), Some(actor)).await?,
        ),
        Kind::Answered => (
            format!("/review/{id}"),
            match facts.reviewer_id {
                Some(reviewer) => vec![Recipient::User(reviewer)],
                None => hr_officers(&mut *tx, Some(&facts.unit), Some(actor)).await?,
            },
        ),
        Kind::Returned => (
            format!("/positions/{id}"),
            vec![Recipient::User(facts.owner_id)],
        ),
        Kind::Decided => (
            format!("/positions/{id}/record"),
            vec![Recipient::User(facts.owner_id)],
        ),
        _ => return Ok(()),
    };
    let params = json!({ "title": facts.title, "id": id, "level": facts.level });
    notify(tx, kind, &link, params, Some(actor), &recipients).await
}

/// Someone without an account to tell about a decision (an employee given
/// when the record is shared).
#[derive(Debug, Clone)]
pub struct Employee {
    pub email: String,
    pub name: String,
    /// `nl`, `fr` or `en`.
    pub language: String,
}

/// Tells `employee` that position `id` was decided, with the share link
/// `/shared/{token}` (made absolute in the e-mail).
pub async fn decision_shared(
    tx: &mut PgConnection,
    id: i64,
    token: &str,
    employee: &Employee,
) -> sqlx::Result<()> {
    let facts = position_facts(&mut *tx, id).await?;
    let params = json!({ "title": facts.title, "id": id, "level": facts.level });
    let to = Recipient::Address {
        email: employee.email.clone(),
        name: employee.name.clone(),
        language: employee.language.clone(),
    };
    notify(
        tx,
        Kind::Decided,
        &format!("/shared/{token}"),
        params,
        None,
        &[to],
    )
    .await
}

/// Tells the other admins that `actor` published version `version` of
/// profile `slug` (titled `title`).
pub async fn draft_published(
    tx: &mut PgConnection,
    slug: &str,
    title: &str,
    version: i32,
    actor: i64,
) -> sqlx::Result<()> {
    let to = admins(&mut *tx, Some(actor)).await?;
    let params = json!({ "profile": title, "title": title, "version": version });
    notify(
        tx,
        Kind::DraftPublished,
        &format!("/profiles/{slug}"),
        params,
        Some(actor),
        &to,
    )
    .await
}

/// Tells `requester` that their change request about `part` was answered
/// (the answer is on their account page).
pub async fn request_answered(
    tx: &mut PgConnection,
    requester: i64,
    part: &str,
    actor: i64,
) -> sqlx::Result<()> {
    notify(
        tx,
        Kind::RequestAnswered,
        "/account",
        json!({ "title": part }),
        Some(actor),
        &[Recipient::User(requester)],
    )
    .await
}
