//! Everything an instance keeps in memory, in one place. Each cache is a
//! `Kept` map (`db::kept`) read through with `get_or_load`; the features
//! own what is loaded, this module owns how long it is kept and what
//! forgets it.
//!
//! The portal keeps no state outside PostgreSQL, so several instances can
//! run side by side; what they keep stays right because:
//! - content of frozen versions never changes (the database refuses it);
//! - everything else is kept only while the instance hears the database's
//!   change notices (`db::notices`), which triggers send on every change
//!   (migration 8), whichever instance or tool made it;
//! - a request that may have changed something empties its own instance's
//!   caches of changing data before its answer leaves
//!   (`forget_after_change`), so the user's next request never waits for
//!   the notice (other instances get it about a millisecond later).

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use sqlx::PgPool;

use crate::assessment::index::ProfileIndex;
use crate::assessment::thesaurus::Thesaurus;
use crate::auth::db::TokenUser;
use crate::auth::store::Loaded;
use crate::db::kept::Kept;
use crate::db::notices;
use crate::positions::queue::{Filter, Listing};
use crate::profiles::languages::InLanguage;
use crate::profiles::model::{CatalogueEntry, Content, VersionRef};

/// Announces every status change of a profile version (payload: its
/// profile's id, not used as a key).
pub const PROFILES: &str = "jobclass_profiles";
/// Announces a session ended or re-linked (payload: its record id), and a
/// user's name, role, unit or state changed or a token revoked (`*`).
pub const SESSIONS: &str = "jobclass_sessions";
/// Announces any statement that changes positions.
pub const POSITIONS: &str = "jobclass_positions";
/// Announces any change of the thesaurus (what analysed versions rest on).
pub const ASSESSMENT: &str = "jobclass_assessment";

/// Longest the catalogue is kept: a safety net, every change is announced.
const CATALOGUE_LONGEST: Duration = Duration::from_secs(3600);
/// Longest a session or token is used before it is read again.
const SESSIONS_LONGEST: Duration = Duration::from_secs(30);
/// Longest a queue page is kept.
const QUEUE_LONGEST: Duration = Duration::from_secs(300);

/// A page of the HR queue: its filter, offset and size.
pub type QueueKey = (Filter, i64, i64);

/// The caches of one instance; cheap to clone.
#[derive(Clone)]
pub struct Caches {
    /// Content of frozen (published, superseded, scheduled) versions by
    /// id. Positions pin such versions; drafts are never kept.
    pub content: Kept<i64, Arc<Content>>,
    /// The same read in a content language (translated, or the source),
    /// by version id and the language asked for.
    pub in_language: Kept<(i64, &'static str), Arc<InLanguage>>,
    /// The current version of every profile (the catalogue's list).
    pub catalogue: Kept<(), Arc<Vec<CatalogueEntry>>>,
    /// The current version of a profile, by slug (known slugs only).
    pub current: Kept<String, VersionRef>,
    /// Profile and compare pages rendered for visitors without a session,
    /// by version, language and address.
    pub pages: Kept<String, Bytes>,
    /// Session records with their signed-in user, by record id (expiry
    /// and the idle and absolute limits are checked at each use).
    pub sessions: Kept<String, Arc<Loaded>>,
    /// API tokens (unrevoked, of active users) by the hex of their hash.
    pub tokens: Kept<String, Arc<TokenUser>>,
    /// Pages of the HR queue: HR officers page and filter it far more
    /// often than positions change.
    pub queue: Kept<QueueKey, Arc<Listing>>,
    /// The thesaurus (`assessment::thesaurus`).
    pub thesaurus: Kept<(), Arc<Thesaurus>>,
    /// Frozen profile versions analysed for matching, by version id and
    /// the language read (`""`: the version's own).
    pub analysed: Kept<(i64, &'static str), Arc<ProfileIndex>>,
    /// The same by version id and a fingerprint of the thesaurus and the
    /// confirmed tasks: never stale, so kept without notices too.
    pub built: Kept<(i64, u64), Arc<ProfileIndex>>,
}

impl Default for Caches {
    fn default() -> Self {
        Caches {
            content: Kept::frozen(512).named("content"),
            in_language: Kept::frozen(1024).named("in_language"),
            catalogue: Kept::new(PROFILES, 1, CATALOGUE_LONGEST).named("catalogue"),
            current: Kept::new(PROFILES, 4096, CATALOGUE_LONGEST).named("current"),
            pages: Kept::new(PROFILES, 2048, CATALOGUE_LONGEST).named("pages"),
            sessions: Kept::new(SESSIONS, 20_000, SESSIONS_LONGEST)
                .keyed_by_notice(str::to_owned)
                .named("sessions"),
            tokens: Kept::new(SESSIONS, 20_000, SESSIONS_LONGEST)
                .keyed_by_notice(str::to_owned)
                .named("tokens"),
            queue: Kept::new(POSITIONS, 1024, QUEUE_LONGEST).named("queue"),
            thesaurus: Kept::new(ASSESSMENT, 1, CATALOGUE_LONGEST).named("thesaurus"),
            analysed: Kept::new(ASSESSMENT, 256, CATALOGUE_LONGEST).named("analysed"),
            built: Kept::frozen(64).named("built"),
        }
    }
}

impl Caches {
    /// Keeps the caches of changing data right from the database's change
    /// notices (without this, they keep nothing).
    pub fn listen(&self, pool: PgPool) {
        use notices::Listener;
        let listeners: Vec<(&'static str, Arc<dyn Listener>)> = vec![
            (PROFILES, Arc::new(self.catalogue.clone())),
            (PROFILES, Arc::new(self.current.clone())),
            (PROFILES, Arc::new(self.pages.clone())),
            (SESSIONS, Arc::new(self.sessions.clone())),
            (SESSIONS, Arc::new(self.tokens.clone())),
            (POSITIONS, Arc::new(self.queue.clone())),
            (ASSESSMENT, Arc::new(self.thesaurus.clone())),
            (ASSESSMENT, Arc::new(self.analysed.clone())),
        ];
        notices::spawn(pool, listeners);
    }

    /// Forgets everything kept of changing data (frozen content stays).
    pub fn forget_changing(&self) {
        self.catalogue.clear();
        self.current.clear();
        self.pages.clear();
        self.sessions.clear();
        self.tokens.clear();
        self.queue.clear();
        self.thesaurus.clear();
        self.analysed.clear();
    }
}

/// Marks an answer to a POST that changed nothing (a pure read such as
/// matching), so that its instance keeps its caches.
#[derive(Debug, Clone, Copy)]
pub struct Unchanged;

impl axum::response::IntoResponseParts for Unchanged {
    type Error = std::convert::Infallible;

    fn into_response_parts(
        self,
        mut parts: axum::response::ResponseParts,
    ) -> Result<axum::response::ResponseParts, Self::Error> {
        parts.extensions_mut().insert(Unchanged);
        Ok(parts)
    }
}

/// Middleware: when a request that may have changed something ends, its
/// instance forgets what it keeps of changing data, before the answer
/// leaves (unless the answer says `Unchanged`).
pub async fn forget_after_change(
    State(caches): State<Caches>,
    request: Request,
    next: Next,
) -> Response {
    let changing = !matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let response = next.run(request).await;
    if changing && response.extensions().get::<Unchanged>().is_none() {
        caches.forget_changing();
    }
    response
}
