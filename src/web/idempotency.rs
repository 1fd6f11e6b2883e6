//! `Idempotency-Key` on the API's creating requests (`POST
//! /api/v1/positions`, `POST /api/v1/positions/{id}/comments`): a client
//! that got no answer sends the same request again with the same key and
//! gets the first answer (same status, same body) instead of a second
//! position or comment.
//!
//! Keys belong to a user and live in PostgreSQL (`idempotency_keys`,
//! migration 15), so every instance behind a proxy knows them. A handler
//! first asks [`stored`] (a replay, or 422 `idempotency_key_reused` for the
//! same key with another request), then creates in one transaction and
//! [`keep`]s the key with its answer in that same transaction. A concurrent
//! request with the same key waits at `keep` (on the table's primary key)
//! until the first one commits, then replays its answer; if the first rolled
//! back, it goes on. Only successful creations are kept: a refused request
//! wrote nothing and may be sent again with the same key. Keys are
//! forgotten after [`KEEP_HOURS`] (`app::background`).

use axum::Json;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgExecutor};

use crate::error::{AppError, AppResult, Msg};

/// The request header.
pub const HEADER: &str = "idempotency-key";

/// The answer header set on a replayed answer.
pub const REPLAYED: &str = "idempotent-replayed";

/// Longest key.
pub const MAX_KEY: usize = 255;

/// How long a key is remembered.
pub const KEEP_HOURS: i32 = 24;

/// What the OpenAPI document says of the header (the routes' `params`).
pub const DESCRIPTION: &str = "Makes a retry safe: 1 to 255 printable ASCII characters, unique per \
     request (a UUID). The same key with the same request (method, path, body) within 24 hours \
     answers what the first one answered, with `Idempotent-Replayed: true`, and creates nothing; \
     with another request: 422 `idempotency_key_reused`. A request sent while the first is still \
     running waits for it. Keys are per user.";

/// The pattern the header's value follows (what [`parse`] accepts, as
/// HTTP leaves it: without spaces at either end).
pub const PATTERN: &str = r"^[\x21-\x7E](?:[\x20-\x7E]{0,253}[\x21-\x7E])?$";

/// The request's `Idempotency-Key`, if it sent one; a malformed key (or
/// two of them) is a 400 `idempotency_key_invalid`.
#[derive(Debug, Clone, Default)]
pub struct IdempotencyKey(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let mut values = parts.headers.get_all(HEADER).iter();
        let Some(value) = values.next() else {
            return Ok(IdempotencyKey(None));
        };
        if values.next().is_some() {
            return Err(invalid());
        }
        parse(value).map(|key| IdempotencyKey(Some(key)))
    }
}

/// A key: 1 to 255 printable ASCII characters (spaces inside allowed).
fn parse(value: &HeaderValue) -> AppResult<String> {
    let bytes = value.as_bytes();
    if bytes.is_empty() || bytes.len() > MAX_KEY || !bytes.iter().all(|b| (0x20..=0x7e).contains(b))
    {
        return Err(invalid());
    }
    // Printable ASCII only: the bytes are the text.
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

fn invalid() -> AppError {
    AppError::Refused {
        status: StatusCode::BAD_REQUEST,
        code: "idempotency_key_invalid",
        message: Msg::new("idempotency-key-invalid").arg("max", MAX_KEY),
    }
}

fn reused() -> AppError {
    AppError::Refused {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "idempotency_key_reused",
        message: Msg::new("idempotency-key-reused"),
    }
}

/// One keyed request: whose, its key, and what it asked.
#[derive(Debug, Clone)]
pub struct Attempt {
    user_id: i64,
    key: String,
    hash: Vec<u8>,
}

impl IdempotencyKey {
    /// The attempt of `user_id` sending `body` to `path` (a POST), or (`Err`) the
    /// answer to give again when that request was answered before.
    pub async fn start(
        &self,
        db: &sqlx::PgPool,
        user_id: i64,
        path: &str,
        body: &[u8],
    ) -> AppResult<Result<Option<Attempt>, Response>> {
        let attempt = self.attempt(user_id, "POST", path, body);
        if let Some(attempt) = &attempt
            && let Some(replay) = stored(db, attempt).await?
        {
            return Ok(Err(replay));
        }
        Ok(Ok(attempt))
    }

    /// The attempt of `user_id` sending `method path` with `body`; `None`
    /// without a key.
    pub fn attempt(&self, user_id: i64, method: &str, path: &str, body: &[u8]) -> Option<Attempt> {
        let key = self.0.clone()?;
        let mut hash = Sha256::new();
        for part in [method.as_bytes(), path.as_bytes(), body] {
            // Length-prefixed, so parts cannot run into each other.
            hash.update((part.len() as u64).to_be_bytes());
            hash.update(part);
        }
        Some(Attempt {
            user_id,
            key,
            hash: hash.finalize().to_vec(),
        })
    }
}

/// The answer kept for `attempt`'s key: a replay of it when the request is
/// the same, 422 `idempotency_key_reused` when it is another; `None` when
/// the key is new (or expired).
pub async fn stored(db: impl PgExecutor<'_>, attempt: &Attempt) -> AppResult<Option<Response>> {
    let row = sqlx::query!(
        r#"
        select request_hash, status, response
          from idempotency_keys
         where user_id = $1 and key = $2
           and created_at > now() - make_interval(hours => $3)
        "#,
        attempt.user_id,
        attempt.key,
        KEEP_HOURS
    )
    .fetch_optional(db)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    if row.request_hash != attempt.hash {
        return Err(reused());
    }
    let status = u16::try_from(row.status)
        .ok()
        .and_then(|s| StatusCode::from_u16(s).ok())
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("stored status {}", row.status)))?;
    let mut response = (status, Json(row.response)).into_response();
    response
        .headers_mut()
        .insert(REPLAYED, HeaderValue::from_static("true"));
    Ok(Some(response))
}

/// Keeps `attempt`'s key with its answer, in the transaction that made the
/// answer true. `Some(replay)` when a concurrent request with the same key
/// committed first (this call waited for it): the caller answers that and
/// drops its transaction, so nothing is created twice.
pub async fn keep(
    tx: &mut PgConnection,
    attempt: &Attempt,
    status: StatusCode,
    body: &impl Serialize,
) -> AppResult<Option<Response>> {
    let response = serde_json::to_value(body).map_err(|err| AppError::Internal(err.into()))?;
    let kept = sqlx::query_scalar!(
        r#"
        insert into idempotency_keys (user_id, key, request_hash, status, response)
        values ($1, $2, $3, $4, $5)
        on conflict (user_id, key) do update
              set request_hash = excluded.request_hash, status = excluded.status,
                  response = excluded.response, created_at = excluded.created_at
            -- An expired key not yet cleaned up is free again.
            where idempotency_keys.created_at <= now() - make_interval(hours => $6)
        returning 1 as "kept!"
        "#,
        attempt.user_id,
        attempt.key,
        attempt.hash,
        i16::try_from(status.as_u16()).unwrap_or(i16::MAX),
        response,
        KEEP_HOURS
    )
    .fetch_optional(&mut *tx)
    .await?;
    if kept.is_some() {
        return Ok(None);
    }
    // Taken by a request that committed while this one ran: its answer (or
    // 422 if it asked something else).
    stored(&mut *tx, attempt)
        .await?
        .map(Some)
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("idempotency key vanished")))
}

/// Forgets keys older than [`KEEP_HOURS`]; how many.
pub async fn forget_expired(db: impl PgExecutor<'_>) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "delete from idempotency_keys where created_at <= now() - make_interval(hours => $1)",
        KEEP_HOURS
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_one_to_255_printable_ascii_characters() {
        for good in [
            "a",
            "0f8e-11",
            "with space inside",
            &"k".repeat(255),
            "~!{}",
        ] {
            assert_eq!(parse(&HeaderValue::from_str(good).unwrap()).unwrap(), good);
        }
        let long = "k".repeat(256);
        let bad: [&[u8]; 4] = [b"", long.as_bytes(), b"tab\there", b"caf\xc3\xa9"];
        for value in bad {
            let value = HeaderValue::from_bytes(value).unwrap();
            assert!(matches!(
                parse(&value),
                Err(AppError::Refused {
                    code: "idempotency_key_invalid",
                    ..
                })
            ));
        }
    }

    #[test]
    fn the_hash_covers_method_path_and_body() {
        let key = IdempotencyKey(Some("k".into()));
        let a = key.attempt(1, "POST", "/a", b"{}").unwrap();
        let b = key.attempt(1, "POST", "/a", b"{ }").unwrap();
        let c = key.attempt(1, "POST", "/a{", b"}").unwrap();
        assert_ne!(a.hash, b.hash);
        assert_ne!(a.hash, c.hash);
        assert_eq!(a.hash, key.attempt(1, "POST", "/a", b"{}").unwrap().hash);
        assert!(IdempotencyKey(None).attempt(1, "POST", "/a", b"").is_none());
    }
}
