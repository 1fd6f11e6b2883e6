//! Published and superseded versions never change (the database refuses
//! it), so their loaded content can be kept by version id. This stays
//! correct with several app instances: there is nothing to invalidate.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use sqlx::PgPool;

use super::db;
use super::model::{Content, VersionRef, VersionStatus};

/// Most versions kept; past this the cache starts over (versions are few).
const CAPACITY: usize = 512;

/// Loaded content of frozen versions, by version id.
#[derive(Clone, Default)]
pub struct ContentCache {
    inner: Arc<RwLock<HashMap<i64, Arc<Content>>>>,
}

impl ContentCache {
    /// The content of `version`, from the cache when it is frozen.
    pub async fn get(&self, pool: &PgPool, version: &VersionRef) -> sqlx::Result<Arc<Content>> {
        if version.status == VersionStatus::Draft {
            return Ok(Arc::new(db::content(pool, version.id).await?));
        }
        if let Some(found) = self.read().get(&version.id) {
            return Ok(found.clone());
        }
        let content = Arc::new(db::content(pool, version.id).await?);
        let mut map = self
            .inner
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(version.id, content.clone());
        Ok(content)
    }

    /// The content of a version known to be frozen (positions pin
    /// published versions only).
    pub async fn frozen(&self, pool: &PgPool, version_id: i64) -> sqlx::Result<Arc<Content>> {
        if let Some(found) = self.read().get(&version_id) {
            return Ok(found.clone());
        }
        let content = Arc::new(db::content(pool, version_id).await?);
        let mut map = self
            .inner
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() >= CAPACITY {
            map.clear();
        }
        map.insert(version_id, content.clone());
        Ok(content)
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, HashMap<i64, Arc<Content>>> {
        self.inner
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
