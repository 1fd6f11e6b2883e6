//! The session store: tower-sessions' PostgreSQL store, whose load also
//! finds the signed-in user and checks the session's limits, keeps what it
//! read in `app::caches::Caches`, and announces the records it rewrites or deletes.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tower_sessions::SessionStore;
use tower_sessions::session::{Id, Record};
use tower_sessions_sqlx_store::PostgresStore;
use uuid::Uuid;

use super::db;
use crate::db::kept::Kept;

/// Session records by id, as kept in memory.
pub type Sessions = Kept<String, std::sync::Arc<Loaded>>;
use super::model::{CurrentUser, Role};
use super::session::{AUTH_KEY, SessionAuth};

/// Key under which `Store::load` puts the checked user of a signed-in
/// record; removed before every write, so it is never stored.
pub(super) const CHECKED_KEY: &str = "_checked";

/// The user of a signed-in session record, as checked by `Store::load`:
/// the session is within its idle and absolute limits and the user active.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Checked {
    pub(super) handle: Uuid,
    pub(super) user: CheckedUser,
    /// `last_seen_at` is over a minute old.
    pub(super) stale: bool,
    /// The user's unread notifications (for the header).
    #[serde(default)]
    pub(super) unread: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct CheckedUser {
    pub(super) id: i64,
    email: String,
    name: String,
    role: Role,
    unit: String,
}

impl From<CheckedUser> for CurrentUser {
    fn from(u: CheckedUser) -> Self {
        CurrentUser {
            id: u.id,
            email: u.email,
            name: u.name,
            role: u.role,
            unit: u.unit,
            session: None,
        }
    }
}

/// A session record as loaded, with its sign-in if the user is active
/// (kept in `app::caches::Caches`; the time limits are checked at each use).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// As stored: without the checked user.
    record: Record,
    signed_in: Option<SignedIn>,
}

#[derive(Debug, Clone)]
struct SignedIn {
    handle: Uuid,
    user: CheckedUser,
    last_seen_at: OffsetDateTime,
    created_at: OffsetDateTime,
    /// Unread notifications when loaded: a new one, or one read, announces
    /// the user's sessions (migration 17), so a kept count is right.
    unread: i64,
}

/// The session store: tower-sessions' Postgres store, with a load that
/// also finds the signed-in user and their unread notifications (one round
/// trip per request, not two, and
/// none while the record is kept in memory), and noting backend failures
/// for `watch_store`.
#[derive(Clone)]
pub struct Store {
    inner: PostgresStore,
    pool: sqlx::PgPool,
    cache: Sessions,
    idle: time::Duration,
    longest: time::Duration,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    pub fn new(pool: sqlx::PgPool, cache: Sessions, idle_minutes: u32, max_hours: u32) -> Self {
        Store {
            inner: PostgresStore::new(pool.clone()),
            pool,
            cache,
            idle: time::Duration::minutes(idle_minutes.clamp(1, 24 * 60).into()),
            longest: time::Duration::hours(max_hours.clamp(1, 24 * 30).into()),
        }
    }

    fn note<T>(
        result: tower_sessions::session_store::Result<T>,
    ) -> tower_sessions::session_store::Result<T> {
        if let Err(tower_sessions::session_store::Error::Backend(_)) = &result {
            crate::web::errors::note_store_failure();
        }
        result
    }

    /// The record as it is stored: without the checked user.
    fn storable(record: &Record) -> Record {
        let mut record = record.clone();
        record.data.remove(CHECKED_KEY);
        record
    }

    /// The record and, when it is signed in and still valid, its user.
    async fn load_checked(&self, id: &Id) -> tower_sessions::session_store::Result<Option<Record>> {
        let id = id.to_string();
        let now = OffsetDateTime::now_utc();
        let find = async {
            let loaded = self.load_from_database(&id).await?;
            Ok::<_, tower_sessions::session_store::Error>(loaded.map(std::sync::Arc::new))
        };
        // A kept record may have expired since; the database would not
        // give an expired one.
        let Some(loaded) = self
            .cache
            .get_or_find(id.clone(), find)
            .await?
            .filter(|kept| kept.record.expiry_date > now)
        else {
            return Ok(None);
        };
        let mut record = loaded.record.clone();
        if let Some(s) = &loaded.signed_in
            && s.last_seen_at > now - self.idle
            && s.created_at > now - self.longest
        {
            let checked = Checked {
                handle: s.handle,
                user: s.user.clone(),
                stale: s.last_seen_at < now - time::Duration::minutes(1),
                unread: s.unread,
            };
            let value = serde_json::to_value(checked)
                .map_err(|e| tower_sessions::session_store::Error::Encode(e.to_string()))?;
            record.data.insert(CHECKED_KEY.to_string(), value);
        }
        Ok(Some(record))
    }

    /// The unexpired record `id` and the active user signed in on it.
    async fn load_from_database(
        &self,
        id: &str,
    ) -> tower_sessions::session_store::Result<Option<Loaded>> {
        use sqlx::Row;
        use tower_sessions::session_store::Error;
        let row = sqlx::query(
            r"
            select s.data, us.handle, us.user_id, u.email, u.name, u.role, u.unit,
                   us.last_seen_at, us.created_at,
                   (select count(*) from notifications n
                     where n.user_id = u.id and n.read_at is null) as unread
              from tower_sessions.session s
              left join user_sessions us on us.record_id = s.id
              left join users u on u.id = us.user_id and u.active
             where s.id = $1 and s.expiry_date > now()
            ",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| Error::Backend(e.to_string()))?;
        let Some(row) = row else { return Ok(None) };
        let decode = |e: sqlx::Error| Error::Decode(e.to_string());
        let data: Vec<u8> = row.try_get("data").map_err(decode)?;
        let mut record: Record =
            rmp_serde::from_slice(&data).map_err(|e| Error::Decode(e.to_string()))?;
        record.data.remove(CHECKED_KEY);
        let email: Option<String> = row.try_get("email").map_err(decode)?;
        let signed_in = match (
            row.try_get::<Option<Uuid>, _>("handle").map_err(decode)?,
            email,
        ) {
            (Some(handle), Some(email)) => Some(SignedIn {
                handle,
                user: CheckedUser {
                    id: row.try_get("user_id").map_err(decode)?,
                    email,
                    name: row.try_get("name").map_err(decode)?,
                    role: row.try_get("role").map_err(decode)?,
                    unit: row.try_get("unit").map_err(decode)?,
                },
                last_seen_at: row.try_get("last_seen_at").map_err(decode)?,
                created_at: row.try_get("created_at").map_err(decode)?,
                unread: row.try_get("unread").map_err(decode)?,
            }),
            _ => None,
        };
        Ok(Some(Loaded { record, signed_in }))
    }

    /// Forgets a record here and tells the other instances.
    async fn announce(&self, id: &Id) -> tower_sessions::session_store::Result<()> {
        let id = id.to_string();
        self.cache.forget(&id);
        sqlx::query("select pg_notify($1, $2)")
            .bind(crate::app::caches::SESSIONS)
            .bind(&id)
            .execute(&self.pool)
            .await
            .map_err(|e| tower_sessions::session_store::Error::Backend(e.to_string()))?;
        Ok(())
    }

    /// Ties the signed-in `user_sessions` row named in `record` to the
    /// record's id (a new id is given at every sign-in).
    async fn link(&self, record: &Record) -> tower_sessions::session_store::Result<()> {
        let Some(auth) = record
            .data
            .get(AUTH_KEY)
            .and_then(|v| serde_json::from_value::<SessionAuth>(v.clone()).ok())
        else {
            return Ok(());
        };
        db::link_session(&self.pool, auth.handle, &record.id.to_string())
            .await
            .map_err(|e| tower_sessions::session_store::Error::Backend(e.to_string()))
    }
}

type StoreFuture<'a, T> = std::pin::Pin<
    Box<dyn std::future::Future<Output = tower_sessions::session_store::Result<T>> + Send + 'a>,
>;

/// Written out by hand: the trait is declared with `async_trait`, which
/// this crate does not depend on.
impl SessionStore for Store {
    fn create<'a, 'b, 'c>(&'a self, record: &'b mut Record) -> StoreFuture<'c, ()>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move {
            let mut stored = Self::storable(record);
            Self::note(self.inner.create(&mut stored).await)?;
            record.id = stored.id;
            Self::note(self.link(&stored).await)
        })
    }

    fn save<'a, 'b, 'c>(&'a self, record: &'b Record) -> StoreFuture<'c, ()>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move {
            Self::note(self.inner.save(&Self::storable(record)).await)?;
            Self::note(self.announce(&record.id).await)
        })
    }

    fn load<'a, 'b, 'c>(&'a self, id: &'b Id) -> StoreFuture<'c, Option<Record>>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move { Self::note(self.load_checked(id).await) })
    }

    fn delete<'a, 'b, 'c>(&'a self, id: &'b Id) -> StoreFuture<'c, ()>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move {
            Self::note(self.inner.delete(id).await)?;
            Self::note(self.announce(id).await)
        })
    }
}
