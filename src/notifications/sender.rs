//! The background sender: delivers the outbox's e-mails over SMTP
//! (`lettre`), with retries.
//!
//! - A sender claims a batch of due rows in one statement (`FOR UPDATE
//!   SKIP LOCKED`), moving their next attempt a lease ahead and counting
//!   the attempt; other senders, in this process or another instance,
//!   skip locked rows and do not see leased ones as due, so one e-mail is
//!   never sent by two senders at once. The rows are sent after the claim
//!   commits and marked sent (or failed) one by one.
//! - A failed attempt is tried again after an exponential backoff
//!   (`base_delay × 2^(attempts-1)`, at most six hours); after
//!   `max_attempts` the row is marked failed, with the last error, for
//!   `/admin/outbox`. A process that stops between sending and marking
//!   sends that mail again after the lease: at least once, never by two
//!   senders at the same time.
//! - Each row's `Message-ID` is made of its id and a token stored with
//!   it, so a retry carries the same one (`mail::message_id`).
//! - Without `JOBCLASS_SMTP_URL` nothing is sent: pending rows are marked
//!   "not sent: no mail server configured" and stay pending, to be sent
//!   once a server is configured.

use std::time::Duration;

use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sqlx::PgPool;

use super::mail::{self, Outgoing};
use crate::config::Config;

/// What `/admin/outbox` shows for e-mails kept while no server is configured.
pub const NO_SERVER: &str = "not sent: no mail server configured";

/// How a sender paces itself.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How often it looks for due e-mails when there were none.
    pub poll: Duration,
    /// Wait after the first failure; doubled after each further one.
    pub base_delay: Duration,
    /// Attempts before an e-mail is given up (marked failed).
    pub max_attempts: i32,
    /// E-mails claimed at a time.
    pub batch: i64,
    /// How long a claimed e-mail is left to its sender before others may
    /// try it (longer than sending a batch can take).
    pub lease: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            poll: Duration::from_secs(3),
            base_delay: Duration::from_secs(30),
            max_attempts: 8,
            batch: 20,
            lease: Duration::from_secs(600),
        }
    }
}

impl Settings {
    /// The wait before attempt `attempts + 1`, after `attempts` failures.
    pub fn backoff(&self, attempts: i32) -> Duration {
        let doublings = u32::try_from(attempts.saturating_sub(1))
            .unwrap_or(0)
            .min(20);
        self.base_delay
            .saturating_mul(1 << doublings)
            .min(Duration::from_secs(6 * 3600))
    }
}

/// What one round of sending did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    /// Failed this time (to be tried again, or given up).
    pub failed: usize,
}

/// Delivers the outbox of one database.
#[derive(Clone)]
pub struct Sender {
    pool: PgPool,
    transport: Option<AsyncSmtpTransport<Tokio1Executor>>,
    from: String,
    public_url: String,
    settings: Settings,
}

impl Sender {
    /// A sender with the mail server, sender address and public URL of
    /// `config`; an unusable `JOBCLASS_SMTP_URL` or `JOBCLASS_MAIL_FROM`
    /// is an error (at start-up).
    pub fn new(pool: PgPool, config: &Config, settings: Settings) -> anyhow::Result<Self> {
        let transport = match config.smtp_url.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => Some(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|err| anyhow::anyhow!("JOBCLASS_SMTP_URL is not usable: {err}"))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            ),
            _ => None,
        };
        config
            .mail_from
            .parse::<lettre::message::Mailbox>()
            .map_err(|err| anyhow::anyhow!("JOBCLASS_MAIL_FROM is not an address: {err}"))?;
        Ok(Sender {
            pool,
            transport,
            from: config.mail_from.clone(),
            public_url: config.public_url(),
            settings,
        })
    }

    /// Sends what is due now, one batch; see the module's description.
    pub async fn deliver_due(&self) -> sqlx::Result<Round> {
        let Some(transport) = &self.transport else {
            sqlx::query!(
                "update outbox set last_error = $1 where status = 'pending' and last_error is null",
                NO_SERVER
            )
            .execute(&self.pool)
            .await?;
            return Ok(Round::default());
        };
        let lease = self.settings.lease.as_secs_f64();
        let claimed = sqlx::query!(
            r#"
            update outbox o
               set attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
             where o.id in (select id from outbox
                             where status = 'pending' and next_attempt_at <= now()
                             order by next_attempt_at, id
                             limit $1
                               for update skip locked)
            returning o.id, o.kind, o.email, o.name, o.language, o.link, o.params, o.token,
                      o.user_id, o.attempts
            "#,
            self.settings.batch,
            lease
        )
        .fetch_all(&self.pool)
        .await?;
        let mut round = Round::default();
        for row in claimed {
            let outgoing = Outgoing {
                id: row.id,
                kind: row.kind,
                email: row.email,
                name: row.name,
                language: row.language,
                link: row.link,
                params: row.params,
                token: row.token,
                user_id: row.user_id,
            };
            let result = match mail::message(&outgoing, &self.from, &self.public_url) {
                // A mail that cannot be written will never be: give up now.
                Err(err) => Err((err.to_string(), true)),
                Ok(message) => transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(|err| (err.to_string(), err.is_permanent())),
            };
            match result {
                Ok(()) => {
                    sqlx::query!(
                        "update outbox set status = 'sent', sent_at = now(), last_error = null where id = $1",
                        row.id
                    )
                    .execute(&self.pool)
                    .await?;
                    round.sent += 1;
                }
                Err((error, permanent)) => {
                    round.failed += 1;
                    let give_up = permanent || row.attempts >= self.settings.max_attempts;
                    let wait = self.settings.backoff(row.attempts).as_secs_f64();
                    tracing::warn!(
                        "e-mail {} to the outbox's recipient failed (attempt {}{}): {error}",
                        row.id,
                        row.attempts,
                        if give_up { ", given up" } else { "" }
                    );
                    let error: String = error.chars().take(1000).collect();
                    sqlx::query!(
                        r#"
                        update outbox
                           set status = case when $2 then 'failed'::outbox_status else status end,
                               next_attempt_at = now() + make_interval(secs => $3),
                               last_error = $4
                         where id = $1
                        "#,
                        row.id,
                        give_up,
                        wait,
                        error
                    )
                    .execute(&self.pool)
                    .await?;
                }
            }
        }
        Ok(round)
    }

    /// Sends until the process ends: a round at once when the last one
    /// filled its batch, else after `poll`.
    pub async fn run(self) {
        loop {
            let busy = match self.deliver_due().await {
                Ok(round) => {
                    round.sent + round.failed >= usize::try_from(self.settings.batch).unwrap_or(1)
                }
                Err(err) => {
                    tracing::warn!("cannot read the outbox: {err}");
                    false
                }
            };
            if !busy {
                // Without a server there is only marking to do: seldom.
                let wait = if self.transport.is_some() {
                    self.settings.poll
                } else {
                    self.settings.poll.max(Duration::from_secs(30))
                };
                tokio::time::sleep(wait).await;
            }
        }
    }
}

/// Starts a sender for `pool` in the background (as `serve` does, and
/// tests); fails when the configuration is not usable.
pub fn spawn(
    pool: PgPool,
    config: &Config,
    settings: Settings,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let sender = Sender::new(pool, config, settings)?;
    Ok(tokio::spawn(sender.run()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_after_each_failure_up_to_six_hours() {
        let s = Settings {
            base_delay: Duration::from_secs(30),
            ..Settings::default()
        };
        assert_eq!(s.backoff(1), Duration::from_secs(30));
        assert_eq!(s.backoff(2), Duration::from_secs(60));
        assert_eq!(s.backoff(4), Duration::from_secs(240));
        assert_eq!(s.backoff(30), Duration::from_secs(6 * 3600));
        assert_eq!(s.backoff(0), Duration::from_secs(30));
    }

    #[tokio::test]
    async fn a_bad_mail_server_address_is_refused_at_start() {
        let mut config = Config::for_data_dir("/nonexistent".into());
        config.smtp_url = Some("gopher://nowhere".into());
        let pool = sqlx::PgPool::connect_lazy("postgres://nobody@127.0.0.1/none").unwrap();
        let err = Sender::new(pool, &config, Settings::default())
            .err()
            .unwrap();
        assert!(err.to_string().contains("JOBCLASS_SMTP_URL"), "{err}");
    }
}
