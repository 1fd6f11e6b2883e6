//! What the catalogue looks like now — the list of current versions, which
//! version of each profile is current, and pages rendered for visitors who
//! are not signed in — kept in memory and dropped whenever any instance
//! publishes, supersedes or schedules a version.
//!
//! The database announces every such change on the `jobclass_profiles`
//! channel (a trigger, so no code path can forget). Each instance listens,
//! and keeps what it read in `db::kept` maps that every announcement
//! empties.

use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use sqlx::PgPool;

use super::db;
use super::model::{CatalogueEntry, VersionRef};
use crate::db::kept::Kept;

/// The channel the database notifies on.
pub const CHANNEL: &str = "jobclass_profiles";
/// Most rendered pages kept; past this the page cache starts over.
const PAGES: usize = 2048;
/// Most profiles whose current version is kept.
const PROFILES: usize = 4096;
/// Longest anything is kept (a safety net: every change is announced).
const LONGEST: Duration = Duration::from_secs(3600);

/// The shared cache; cheap to clone.
#[derive(Clone)]
pub struct Directory {
    catalogue: Kept<Arc<Vec<CatalogueEntry>>>,
    current: Kept<Option<VersionRef>>,
    pages: Kept<Bytes>,
}

impl Default for Directory {
    fn default() -> Self {
        Directory {
            // Announcements name a profile by id: each empties every map.
            catalogue: Kept::new(CHANNEL, 1, LONGEST).emptied_by_every_notice(),
            current: Kept::new(CHANNEL, PROFILES, LONGEST).emptied_by_every_notice(),
            pages: Kept::new(CHANNEL, PAGES, LONGEST).emptied_by_every_notice(),
        }
    }
}

impl Directory {
    /// Forgets everything.
    pub fn clear(&self) {
        self.catalogue.clear();
        self.current.clear();
        self.pages.clear();
    }

    /// The parts, for `db::notices` (each forgets on every announcement).
    pub fn listeners(&self) -> [Arc<dyn crate::db::notices::Listener>; 3] {
        [
            Arc::new(self.catalogue.clone()),
            Arc::new(self.current.clone()),
            Arc::new(self.pages.clone()),
        ]
    }

    /// The current version of every profile.
    pub async fn catalogue(&self, pool: &PgPool) -> sqlx::Result<Arc<Vec<CatalogueEntry>>> {
        if let Some(found) = self.catalogue.get("") {
            return Ok(found);
        }
        let generation = self.catalogue.generation();
        let entries = Arc::new(db::catalogue(pool, None).await?);
        self.catalogue
            .keep(generation, String::new(), entries.clone());
        Ok(entries)
    }

    /// The current version of `slug`.
    pub async fn current(&self, pool: &PgPool, slug: &str) -> sqlx::Result<Option<VersionRef>> {
        if let Some(found) = self.current.get(slug) {
            return Ok(found);
        }
        let generation = self.current.generation();
        let found = db::current(pool, slug).await?;
        // Only known slugs: unknown ones must not fill the memory.
        if found.is_some() {
            self.current
                .keep(generation, slug.to_string(), found.clone());
        }
        Ok(found)
    }

    /// A page rendered earlier under `key`.
    pub fn page(&self, key: &str) -> Option<Bytes> {
        self.pages.get(key)
    }

    /// The generation to pass to `keep_page` (read before rendering).
    pub fn generation(&self) -> u64 {
        self.pages.generation()
    }

    /// Keeps a rendered page.
    pub fn keep_page(&self, generation: u64, key: String, body: Bytes) {
        self.pages.keep(generation, key, body);
    }
}
