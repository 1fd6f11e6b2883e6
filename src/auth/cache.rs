//! Session records kept in memory with their signed-in user, and API
//! tokens with theirs, so that a request needs no statement to learn who
//! is asking (the check was a third of the cost of a signed-in page under
//! load).
//!
//! It stays right with several instances: whatever can end a session or
//! change its user is announced on the `jobclass_sessions` channel —
//! triggers on `user_sessions`, `api_tokens` and `users` (migration 8),
//! and the session store for the records it rewrites or deletes — and each
//! instance forgets it (`db::kept`). An entry is used for at most
//! `LONGEST`; expiry and the idle and absolute limits are checked on every
//! use against the times it holds (`store::Store`, `session::token_user`).
//!
//! On the instance that made a change, the next request sees it: changing
//! requests forget what the instance keeps when they end
//! (`AppState::forget_cached`). Other instances see it when the notice
//! arrives, about a millisecond later.

use std::sync::Arc;
use std::time::Duration;

use super::db::TokenUser;
use super::store::Loaded;
use crate::db::kept::Kept;

/// The channel the database and the session store announce changes on.
pub const CHANNEL: &str = "jobclass_sessions";
/// Longest an entry is used before it is read again.
const LONGEST: Duration = Duration::from_secs(30);
/// Most entries kept.
const MOST: usize = 20_000;

/// Session records by id.
pub type Sessions = Kept<Arc<Loaded>>;

pub fn sessions() -> Sessions {
    Kept::new(CHANNEL, MOST, LONGEST)
}

/// API tokens (unrevoked, of active users) by the hex of their hash.
pub type Tokens = Kept<Arc<TokenUser>>;

pub fn tokens() -> Tokens {
    Kept::new(CHANNEL, MOST, LONGEST)
}
