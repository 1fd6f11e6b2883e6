//! Analysed profile versions and the thesaurus, read through the
//! instance's caches (`app::caches::Caches`): a version is analysed once,
//! and again only after the thesaurus, the confirmed tasks, the decisions
//! or the examples change (announced on `jobclass_assessment`, like
//! the catalogue's changes).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::Arc;

use super::index::ProfileIndex;
use super::text::Language;
use super::thesaurus::Thesaurus;
use crate::app::AppState;

/// The thesaurus as stored.
pub async fn thesaurus(state: &AppState) -> sqlx::Result<Arc<Thesaurus>> {
    let load = async { Ok(Arc::new(Thesaurus::load(&state.db).await?)) };
    state.caches.thesaurus.get_or_load((), load).await
}

/// The analysis of the frozen version `version_id`, in its own language.
pub async fn index(state: &AppState, version_id: i64) -> sqlx::Result<Arc<ProfileIndex>> {
    index_in(state, version_id, None).await
}

/// The analysis of `version_id` that reads `texts`: of its translation
/// into the language they are written in (`stopwords::language_of`), when
/// the version has one, else of the version itself. A French-speaking
/// manager's tasks are read against the French texts of the profile.
pub async fn index_for(
    state: &AppState,
    version_id: i64,
    texts: &[&str],
) -> sqlx::Result<Arc<ProfileIndex>> {
    let language = super::stopwords::language_of(texts.iter().copied());
    index_in(state, version_id, language).await
}

/// The analysis of the frozen version `version_id` in `language` (its own
/// when `None`, the same or without a translation into it).
///
/// Kept by version and language while change notices are heard. Without
/// them (an instance starting, or one whose listening connection broke)
/// the thesaurus and confirmed tasks are read at each use, but the
/// analysis itself is built once per distinct set of inputs: it is kept by
/// their fingerprint, which no change can make stale.
async fn index_in(
    state: &AppState,
    version_id: i64,
    language: Option<Language>,
) -> sqlx::Result<Arc<ProfileIndex>> {
    let source = crate::profiles::cached::frozen(state, version_id).await?;
    let translation = match language {
        Some(l) if l.code() != source.language => {
            let read = crate::profiles::languages::read_frozen(state, version_id, l.code()).await?;
            (!read.missing()).then(|| (l, read.content.clone()))
        }
        _ => None,
    };
    let code = translation.as_ref().map_or("", |(l, _)| l.code());
    let load = async {
        let thesaurus = thesaurus(state).await?;
        let mut learned = super::learning::learned_for(&state.db, version_id, &source).await?;
        // What was written in another language says nothing here: a
        // translation learns from texts in its language, the version
        // from texts not told to be in another.
        let read_in = |text: &str| {
            let written = super::stopwords::language_of([text]);
            match &translation {
                Some((l, _)) => written == Some(*l),
                None => written.is_none_or(|w| w.code() == source.language),
            }
        };
        learned.tasks.retain(|c| read_in(&c.text));
        learned.evidence.retain(|d| read_in(&d.text));
        // Admins' examples are stored with their language.
        let language = translation
            .as_ref()
            .map_or(source.language.as_str(), |(l, _)| l.code());
        learned
            .evidence
            .extend(super::examples::for_reading(&state.db, version_id, &source, language).await?);
        learned.tasks.extend(
            super::task_examples::for_reading(&state.db, version_id, &source, language).await?,
        );
        let mut hasher = DefaultHasher::new();
        (&*thesaurus, &learned, code).hash(&mut hasher);
        let build = async {
            let index = match &translation {
                Some((_, content)) => {
                    ProfileIndex::build(content, &thesaurus, &learned).named_as(&source)
                }
                None => ProfileIndex::build(&source, &thesaurus, &learned),
            };
            Ok(Arc::new(index))
        };
        state
            .caches
            .built
            .get_or_load((version_id, hasher.finish()), build)
            .await
    };
    state
        .caches
        .analysed
        .get_or_load((version_id, code), load)
        .await
}
