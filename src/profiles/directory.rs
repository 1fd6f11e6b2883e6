//! What the catalogue looks like now — the list of current versions, which
//! version of each profile is current, and pages rendered for visitors who
//! are not signed in — kept in memory and dropped whenever any instance
//! publishes, supersedes or schedules a version.
//!
//! The database announces every such change on the `jobclass_profiles`
//! channel (a trigger, so no code path can forget). Each instance listens;
//! while it is not listening (starting, or its listening connection
//! broke) it caches nothing and reads the database every time. A reader
//! stores what it read only if no change was announced since it started
//! reading, so a slow read cannot put stale data back after a change.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use sqlx::PgPool;

use super::db;
use super::model::{CatalogueEntry, VersionRef};

/// The channel the database notifies on.
pub const CHANNEL: &str = "jobclass_profiles";
/// Most rendered pages kept; past this the page cache starts over.
const PAGES: usize = 2048;

#[derive(Default)]
struct Cached {
    catalogue: Option<Arc<Vec<CatalogueEntry>>>,
    current: HashMap<String, Option<VersionRef>>,
    pages: HashMap<String, Bytes>,
}

/// The shared cache; cheap to clone.
#[derive(Clone, Default)]
pub struct Directory {
    cached: Arc<RwLock<Cached>>,
    /// Counts announced changes (and reconnections).
    generation: Arc<AtomicU64>,
    listening: Arc<AtomicBool>,
}

impl Directory {
    fn read(&self) -> std::sync::RwLockReadGuard<'_, Cached> {
        self.cached.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Cached> {
        self.cached.write().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets everything (a change was announced).
    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        *self.write() = Cached::default();
    }

    /// Runs `store` if nothing changed since `generation` and we listen.
    fn keep(&self, generation: u64, store: impl FnOnce(&mut Cached)) {
        if self.listening.load(Ordering::SeqCst)
            && self.generation.load(Ordering::SeqCst) == generation
        {
            let mut cached = self.write();
            if self.generation.load(Ordering::SeqCst) == generation {
                store(&mut cached);
            }
        }
    }

    /// The current version of every profile.
    pub async fn catalogue(&self, pool: &PgPool) -> sqlx::Result<Arc<Vec<CatalogueEntry>>> {
        if let Some(found) = self.read().catalogue.clone() {
            return Ok(found);
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let entries = Arc::new(db::catalogue(pool, None).await?);
        self.keep(generation, |c| c.catalogue = Some(entries.clone()));
        Ok(entries)
    }

    /// The current version of `slug`.
    pub async fn current(&self, pool: &PgPool, slug: &str) -> sqlx::Result<Option<VersionRef>> {
        if let Some(found) = self.read().current.get(slug) {
            return Ok(found.clone());
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let found = db::current(pool, slug).await?;
        // Only known slugs: unknown ones must not fill the memory.
        if found.is_some() {
            self.keep(generation, |c| {
                c.current.insert(slug.to_string(), found.clone());
            });
        }
        Ok(found)
    }

    /// A page rendered earlier under `key`.
    pub fn page(&self, key: &str) -> Option<Bytes> {
        self.read().pages.get(key).cloned()
    }

    /// The generation to pass to `keep_page` (read before rendering).
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Keeps a rendered page.
    pub fn keep_page(&self, generation: u64, key: String, body: Bytes) {
        self.keep(generation, |c| {
            if c.pages.len() >= PAGES {
                c.pages.clear();
            }
            c.pages.insert(key, body);
        });
    }
}

impl crate::db::notices::Listener for Directory {
    fn channel(&self) -> &'static str {
        CHANNEL
    }

    fn notice(&self, _payload: &str) {
        self.clear();
    }

    fn listening(&self, on: bool) {
        if on {
            self.clear();
            self.listening.store(true, Ordering::SeqCst);
        } else {
            self.listening.store(false, Ordering::SeqCst);
            self.clear();
        }
    }
}
