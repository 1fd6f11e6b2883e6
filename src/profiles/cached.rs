//! Profiles read through the instance's caches (`app::caches::Caches`): the
//! catalogue, which version is current, and version content.

use std::sync::Arc;

use super::db;
use super::model::{CatalogueEntry, Content, VersionRef, VersionStatus};
use crate::app::AppState;

/// The current version of every profile.
pub async fn catalogue(state: &AppState) -> sqlx::Result<Arc<Vec<CatalogueEntry>>> {
    let load = async { Ok(Arc::new(db::catalogue(&state.db).await?)) };
    state.caches.catalogue.get_or_load((), load).await
}

/// The current version of `slug`.
pub async fn current(state: &AppState, slug: &str) -> sqlx::Result<Option<VersionRef>> {
    let find = db::current(&state.db, slug);
    state
        .caches
        .current
        .get_or_find(slug.to_string(), find)
        .await
}

/// The content of `version`; a draft's is read afresh every time.
pub async fn content(state: &AppState, version: &VersionRef) -> sqlx::Result<Arc<Content>> {
    if version.status == VersionStatus::Draft {
        return Ok(Arc::new(db::content(&state.db, version.id).await?));
    }
    frozen(state, version.id).await
}

/// The content of a version known to be frozen (positions pin published
/// versions only).
pub async fn frozen(state: &AppState, version_id: i64) -> sqlx::Result<Arc<Content>> {
    let load = async { Ok(Arc::new(db::content(&state.db, version_id).await?)) };
    state.caches.content.get_or_load(version_id, load).await
}
