//! Analysed profile versions and the thesaurus, read through the
//! instance's caches (`app::caches::Caches`): a version is analysed once,
//! and again only after the thesaurus or the confirmed tasks change
//! (announced on `jobclass_assessment`, like the catalogue's changes).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::index::ProfileIndex;
use super::thesaurus::Thesaurus;
use crate::app::AppState;

/// The thesaurus as stored.
pub async fn thesaurus(state: &AppState) -> sqlx::Result<Arc<Thesaurus>> {
    let load = async { Ok(Arc::new(Thesaurus::load(&state.db).await?)) };
    state.caches.thesaurus.get_or_load((), load).await
}

/// The analysis of the frozen version `version_id`.
///
/// Kept by version while change notices are heard. Without them (an
/// instance starting, or one whose listening connection broke) the
/// thesaurus and confirmed tasks are read at each use, but the analysis
/// itself is built once per distinct set of inputs: it is kept by their
/// fingerprint, which no change can make stale.
pub async fn index(state: &AppState, version_id: i64) -> sqlx::Result<Arc<ProfileIndex>> {
    let load = async {
        let content = crate::profiles::cached::frozen(state, version_id).await?;
        let thesaurus = thesaurus(state).await?;
        let confirmed = super::learning::confirmed_for(&state.db, version_id, &content).await?;
        let mut hasher = DefaultHasher::new();
        (&*thesaurus, &confirmed).hash(&mut hasher);
        let build = async {
            Ok(Arc::new(ProfileIndex::build(
                &content, &thesaurus, &confirmed,
            )))
        };
        state
            .caches
            .built
            .get_or_load((version_id, hasher.finish()), build)
            .await
    };
    state.caches.analysed.get_or_load(version_id, load).await
}
