//! The SQL of notifications: writing them with the change they announce,
//! who gets them, the reader's list, preferences, and the outbox as the
//! admin page and the metrics read it.

use serde_json::Value;
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;

use super::model::{Kind, Recipient, language};

/// Writes the notifications of one event in the caller's transaction (the
/// one that makes the change, so a rollback takes them back): a portal
/// notification for every active user among `recipients` but `actor`,
/// and an e-mail in the outbox for each of them who wants e-mail for
/// `kind` (in their language) and for every external address.
///
/// `link` is a portal path (`/positions/12`); `params` the message's
/// arguments (`title`, `level`, `id`, …; see `model::args`). Duplicate
/// recipients get one notification.
pub async fn notify(
    tx: &mut PgConnection,
    kind: Kind,
    link: &str,
    params: Value,
    actor: Option<i64>,
    recipients: &[Recipient],
) -> sqlx::Result<()> {
    let mut users: Vec<i64> = recipients
        .iter()
        .filter_map(|r| match r {
            Recipient::User(id) if Some(*id) != actor => Some(*id),
            _ => None,
        })
        .collect();
    users.sort_unstable();
    users.dedup();
    if !users.is_empty() {
        sqlx::query!(
            r#"
            with inserted as (
                insert into notifications (user_id, kind, link, params)
                select u.id, $2, $3, $4 from users u where u.id = any($1) and u.active
                returning id, user_id
            )
            insert into outbox (notification_id, user_id, kind, email, name, language, link, params)
            select i.id, u.id, $2, u.email, u.name, u.language, $3, $4
              from inserted i
              join users u on u.id = i.user_id
             where not exists (select 1 from notification_email_off o
                                where o.user_id = u.id and o.kind = $2)
            "#,
            &users,
            kind.as_str(),
            link,
            params
        )
        .execute(&mut *tx)
        .await?;
    }
    let mut emails = Vec::new();
    let mut names = Vec::new();
    let mut languages = Vec::new();
    for r in recipients {
        if let Recipient::Address {
            email,
            name,
            language: lang,
        } = r
        {
            let email = email.trim();
            if !valid_address(email)
                || emails
                    .iter()
                    .any(|e: &String| e.eq_ignore_ascii_case(email))
            {
                continue;
            }
            emails.push(email.to_string());
            names.push(name.trim().chars().take(200).collect::<String>());
            languages.push(language(lang).to_string());
        }
    }
    if !emails.is_empty() {
        sqlx::query!(
            r#"
            insert into outbox (kind, email, name, language, link, params)
            select $1, e, n, l, $2, $3 from unnest($4::text[], $5::text[], $6::text[]) as t(e, n, l)
            "#,
            kind.as_str(),
            link,
            params,
            &emails,
            &names,
            &languages
        )
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// What the events of a position say about it, as the transaction sees it
/// now (after its own writes).
#[derive(Debug, Clone)]
pub struct PositionFacts {
    pub title: String,
    pub unit: String,
    pub owner_id: i64,
    pub reviewer_id: Option<i64>,
    /// The decided level's code, once decided.
    pub level: Option<String>,
}

/// The facts of position `id` (for its notifications).
pub async fn position_facts(tx: &mut PgConnection, id: i64) -> sqlx::Result<PositionFacts> {
    sqlx::query_as!(
        PositionFacts,
        r#"
        select p.title, p.unit, p.owner_id, p.reviewer_id, l.code as "level?"
          from positions p left join levels l on l.id = p.decided_level_id
         where p.id = $1
        "#,
        id
    )
    .fetch_one(&mut *tx)
    .await
}

/// An e-mail address the outbox takes: `something@somewhere`, no spaces,
/// at most 254 characters (as `users.email`).
pub fn valid_address(email: &str) -> bool {
    let email = email.trim();
    email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && !domain.is_empty() && !domain.contains('@')
        })
}

/// The active HR officers who handle `unit` (`handling`: its own or
/// above, else its organisation's, else every officer), never `except`.
pub async fn hr_officers(
    tx: &mut PgConnection,
    unit: Option<&str>,
    except: Option<i64>,
) -> sqlx::Result<Vec<Recipient>> {
    let officers = active_officers(&mut *tx, except).await?;
    let ids = super::handling::handling(&officers, unit.unwrap_or_default());
    Ok(ids.into_iter().map(Recipient::User).collect())
}

/// The active HR officers with their units, by id, never `except`.
pub async fn active_officers(
    db: impl PgExecutor<'_>,
    except: Option<i64>,
) -> sqlx::Result<Vec<super::handling::Officer>> {
    sqlx::query_as!(
        super::handling::Officer,
        r#"
        select id, unit from users
         where role = 'hr' and active and id <> coalesce($1::bigint, 0)
         order by id
        "#,
        except
    )
    .fetch_all(db)
    .await
}

/// Every active admin, never `except`.
pub async fn admins(tx: &mut PgConnection, except: Option<i64>) -> sqlx::Result<Vec<Recipient>> {
    let ids = sqlx::query_scalar!(
        "select id from users where role = 'admin' and active and id <> coalesce($1::bigint, 0) order by id",
        except
    )
    .fetch_all(&mut *tx)
    .await?;
    Ok(ids.into_iter().map(Recipient::User).collect())
}

/// The appeals queue: every active HR officer and admin, never `except`
/// (the officer who took the decision under appeal).
pub async fn hr_and_admins(
    tx: &mut PgConnection,
    except: Option<i64>,
) -> sqlx::Result<Vec<Recipient>> {
    let ids = sqlx::query_scalar!(
        "select id from users where role in ('hr', 'admin') and active and id <> coalesce($1::bigint, 0) order by id",
        except
    )
    .fetch_all(&mut *tx)
    .await?;
    Ok(ids.into_iter().map(Recipient::User).collect())
}

/// A notification as its reader sees it.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub kind: String,
    pub link: String,
    pub params: Value,
    pub created_at: OffsetDateTime,
    pub read_at: Option<OffsetDateTime>,
}

/// The newest `limit` notifications of `user`, newest first.
pub async fn list(db: impl PgExecutor<'_>, user: i64, limit: i64) -> sqlx::Result<Vec<Row>> {
    sqlx::query_as!(
        Row,
        r#"
        select id, kind, link, params, created_at, read_at
          from notifications where user_id = $1
         order by id desc
         limit $2
        "#,
        user,
        limit
    )
    .fetch_all(db)
    .await
}

/// How many of `user`'s notifications are unread (the partial index
/// `notifications_unread`).
pub async fn unread(db: impl PgExecutor<'_>, user: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from notifications where user_id = $1 and read_at is null"#,
        user
    )
    .fetch_one(db)
    .await
}

/// Marks one of `user`'s notifications read; false when it is not theirs
/// (or not there). Marking a read one again changes nothing.
pub async fn mark_read(tx: &mut PgConnection, user: i64, id: i64) -> sqlx::Result<bool> {
    let found = sqlx::query_scalar!(
        r#"
        with target as (select id, read_at from notifications where id = $1 and user_id = $2),
             marked as (update notifications n set read_at = now()
                          from target t where n.id = t.id and t.read_at is null)
        select count(*) as "count!" from target
        "#,
        id,
        user
    )
    .fetch_one(&mut *tx)
    .await?;
    Ok(found > 0)
}

/// Marks all of `user`'s notifications read; how many were unread.
pub async fn mark_all_read(tx: &mut PgConnection, user: i64) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update notifications set read_at = now() where user_id = $1 and read_at is null",
        user
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected())
}

/// The user's language and the kinds they do not want by e-mail.
pub async fn preferences(db: &sqlx::PgPool, user: i64) -> sqlx::Result<(String, Vec<String>)> {
    let lang = sqlx::query_scalar!("select language from users where id = $1", user)
        .fetch_optional(db)
        .await?
        .unwrap_or_else(|| "nl".to_string());
    let off = sqlx::query_scalar!(
        "select kind from notification_email_off where user_id = $1 order by kind",
        user
    )
    .fetch_all(db)
    .await?;
    Ok((lang, off))
}

/// Sets the user's language and the kinds they want by e-mail (the others
/// are off).
pub async fn set_preferences(
    tx: &mut PgConnection,
    user: i64,
    lang: &str,
    email_on: &[Kind],
) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set language = $2 where id = $1",
        user,
        language(lang)
    )
    .execute(&mut *tx)
    .await?;
    let off: Vec<String> = Kind::ALL
        .into_iter()
        .filter(|k| !email_on.contains(k))
        .map(|k| k.as_str().to_string())
        .collect();
    sqlx::query!(
        "delete from notification_email_off where user_id = $1",
        user
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into notification_email_off (user_id, kind) select $1, k from unnest($2::text[]) as t(k)",
        user,
        &off
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// An e-mail of the outbox as `/admin/outbox` lists it.
#[derive(Debug, Clone)]
pub struct OutboxRow {
    pub id: i64,
    pub kind: String,
    pub email: String,
    pub status: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: OffsetDateTime,
    pub sent_at: Option<OffsetDateTime>,
    pub next_attempt_at: OffsetDateTime,
}

/// The newest `limit` e-mails of the outbox, newest first.
pub async fn outbox(db: impl PgExecutor<'_>, limit: i64) -> sqlx::Result<Vec<OutboxRow>> {
    sqlx::query_as!(
        OutboxRow,
        r#"
        select id, kind, email, status::text as "status!", attempts, last_error,
               created_at, sent_at, next_attempt_at
          from outbox
         order by created_at desc, id desc
         limit $1
        "#,
        limit
    )
    .fetch_all(db)
    .await
}

/// E-mails not sent yet (pending, whether tried or not).
pub async fn pending(db: impl PgExecutor<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select count(*) as "count!" from outbox where status = 'pending'"#)
        .fetch_one(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::valid_address;

    #[test]
    fn only_plain_addresses_go_to_the_outbox() {
        assert!(valid_address("an@example.be"));
        assert!(valid_address(" an@example.be "));
        for bad in ["", "an", "@x", "an@", "a n@x.be", "a@b@c", "a\u{7}b@c"] {
            assert!(!valid_address(bad), "{bad:?}");
        }
        assert!(!valid_address(&format!("{}@x.be", "a".repeat(260))));
    }
}
