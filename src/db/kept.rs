//! A map kept in memory, read through with `get_or_load`.
//!
//! A map of changing data is tied to a notice channel (`db::notices`):
//! an entry lives until a notice on its channel names it (or every notice,
//! for maps whose payloads do not name keys), for at most `longest`. A
//! reader keeps what it loaded only if nothing was announced since it
//! began loading, so a slow load cannot put a stale entry back; while the
//! instance does not listen (starting, or its listening connection broke)
//! nothing is kept. A map of frozen data (`Kept::frozen`) needs no notices.

use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Payload of a notice that concerns every entry.
pub const EVERY: &str = "*";

/// The shared map; cheap to clone.
pub struct Kept<K, V> {
    /// Its name in the metrics (`jobclass_cache_hits_total{cache=…}`).
    name: &'static str,
    /// The channel whose notices change what is kept (none: frozen data).
    channel: Option<&'static str>,
    /// The key a notice's payload names; `None`: every notice empties the map.
    key_of: Option<fn(&str) -> K>,
    most: usize,
    longest: Duration,
    inner: Arc<Inner<K, V>>,
}

struct Inner<K, V> {
    map: RwLock<HashMap<K, (Instant, V)>>,
    /// Counts announced changes, forgotten entries and reconnections.
    generation: AtomicU64,
    listening: AtomicBool,
}

impl<K, V> Clone for Kept<K, V> {
    fn clone(&self) -> Self {
        Kept {
            name: self.name,
            channel: self.channel,
            key_of: self.key_of,
            most: self.most,
            longest: self.longest,
            inner: self.inner.clone(),
        }
    }
}

impl<K: Hash + Eq, V: Clone> Kept<K, V> {
    /// A map of data that changes, kept right by the notices of `channel`
    /// (each empties the map): at most `most` entries (past this the map
    /// starts over), each used for at most `longest`.
    pub fn new(channel: &'static str, most: usize, longest: Duration) -> Self {
        Self::make(Some(channel), most, longest, false)
    }

    /// A map of data that never changes once written (frozen versions):
    /// kept whether or not notices are heard, until `most` is reached.
    pub fn frozen(most: usize) -> Self {
        Self::make(None, most, Duration::MAX, true)
    }

    fn make(channel: Option<&'static str>, most: usize, longest: Duration, on: bool) -> Self {
        Kept {
            name: "unnamed",
            channel,
            key_of: None,
            most,
            longest,
            inner: Arc::new(Inner {
                map: RwLock::default(),
                generation: AtomicU64::new(0),
                listening: AtomicBool::new(on),
            }),
        }
    }

    /// Names the map in the metrics.
    #[must_use]
    pub fn named(mut self, name: &'static str) -> Self {
        self.name = name;
        self
    }

    /// Notices name the key to forget (`*` or an empty payload: every key).
    pub fn keyed_by_notice(mut self, key_of: fn(&str) -> K) -> Self {
        self.key_of = Some(key_of);
        self
    }

    /// The channel this map listens to (`None` for frozen data).
    pub fn channel(&self) -> Option<&'static str> {
        self.channel
    }

    /// The kept value of `key`, or else what `load` gives, kept for the
    /// next reader. `load` is only awaited when nothing is kept.
    pub async fn get_or_load<E>(
        &self,
        key: K,
        load: impl Future<Output = Result<V, E>>,
    ) -> Result<V, E> {
        if let Some(found) = self.get(&key) {
            crate::web::metrics::cache(self.name, true);
            return Ok(found);
        }
        crate::web::metrics::cache(self.name, false);
        let generation = self.generation();
        let value = load.await?;
        self.keep(generation, key, value.clone());
        Ok(value)
    }

    /// As `get_or_load` for a load that may find nothing: only what was
    /// found is kept (unknown keys must not fill the memory).
    pub async fn get_or_find<E>(
        &self,
        key: K,
        find: impl Future<Output = Result<Option<V>, E>>,
    ) -> Result<Option<V>, E> {
        if let Some(found) = self.get(&key) {
            crate::web::metrics::cache(self.name, true);
            return Ok(Some(found));
        }
        crate::web::metrics::cache(self.name, false);
        let generation = self.generation();
        let found = find.await?;
        if let Some(value) = &found {
            self.keep(generation, key, value.clone());
        }
        Ok(found)
    }

    /// A kept value, if it is recent enough and changes are being heard.
    fn get(&self, key: &K) -> Option<V> {
        if !self.inner.listening.load(Ordering::SeqCst) {
            return None;
        }
        let map = self
            .inner
            .map
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.get(key)
            .filter(|(at, _)| at.elapsed() < self.longest)
            .map(|(_, value)| value.clone())
    }

    fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::SeqCst)
    }

    /// Keeps `value` unless something changed since `generation`.
    fn keep(&self, generation: u64, key: K, value: V) {
        if !self.inner.listening.load(Ordering::SeqCst) || self.generation() != generation {
            return;
        }
        let mut map = self
            .inner
            .map
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if self.generation() == generation {
            if map.len() >= self.most {
                map.clear();
            }
            map.insert(key, (Instant::now(), value));
        }
    }

    /// Forgets one entry.
    pub fn forget(&self, key: &K) {
        self.inner.generation.fetch_add(1, Ordering::SeqCst);
        let mut map = self
            .inner
            .map
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.remove(key);
    }

    /// Forgets every entry.
    pub fn clear(&self) {
        self.inner.generation.fetch_add(1, Ordering::SeqCst);
        let mut map = self
            .inner
            .map
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        map.clear();
    }
}

impl<K, V> super::notices::Listener for Kept<K, V>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    fn notice(&self, payload: &str) {
        match self.key_of {
            Some(key_of) if !payload.is_empty() && payload != EVERY => {
                self.forget(&key_of(payload));
            }
            _ => self.clear(),
        }
    }

    fn listening(&self, on: bool) {
        if on {
            self.clear();
            self.inner.listening.store(true, Ordering::SeqCst);
        } else {
            self.inner.listening.store(false, Ordering::SeqCst);
            self.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::notices::Listener;

    type Map = Kept<String, i32>;

    fn keyed() -> Map {
        let kept = Kept::new("test", 2, Duration::from_secs(60)).keyed_by_notice(str::to_owned);
        kept.listening(true);
        kept
    }

    async fn load(kept: &Map, key: &str, value: i32) -> i32 {
        kept.get_or_load(key.to_string(), async { Ok::<_, ()>(value) })
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn nothing_is_kept_while_not_listening() {
        let kept: Map = Kept::new("test", 10, Duration::from_secs(60));
        assert_eq!(load(&kept, "a", 1).await, 1);
        assert_eq!(load(&kept, "a", 2).await, 2, "not kept");
        kept.listening(true);
        assert_eq!(load(&kept, "a", 3).await, 3);
        assert_eq!(load(&kept, "a", 4).await, 3, "kept");
        kept.listening(false);
        assert_eq!(load(&kept, "a", 5).await, 5);
    }

    #[tokio::test]
    async fn a_load_that_began_before_a_notice_is_not_kept() {
        let kept = keyed();
        let value = kept
            .get_or_load("a".to_string(), async {
                kept.notice("b");
                Ok::<_, ()>(1)
            })
            .await;
        assert_eq!(value, Ok(1));
        assert_eq!(load(&kept, "a", 2).await, 2);
    }

    #[tokio::test]
    async fn notices_forget_their_entry_or_every_entry() {
        let kept = keyed();
        load(&kept, "a", 1).await;
        load(&kept, "b", 2).await;
        kept.notice("a");
        assert_eq!(
            (load(&kept, "a", 3).await, load(&kept, "b", 4).await),
            (3, 2)
        );
        kept.notice(EVERY);
        assert_eq!(load(&kept, "b", 5).await, 5);
        let whole: Map = Kept::new("test", 10, Duration::from_secs(60));
        whole.listening(true);
        load(&whole, "a", 1).await;
        whole.notice("b");
        assert_eq!(load(&whole, "a", 2).await, 2, "every notice empties it");
    }

    #[tokio::test]
    async fn entries_are_bounded_in_number_and_age() {
        let kept = keyed();
        for (key, value) in [("a", 1), ("b", 2), ("c", 3)] {
            load(&kept, key, value).await;
        }
        assert_eq!(load(&kept, "c", 0).await, 3);
        assert_eq!(
            load(&kept, "a", 0).await,
            0,
            "past `most` the map starts over"
        );
        let brief: Map = Kept::new("test", 10, Duration::ZERO);
        brief.listening(true);
        load(&brief, "a", 1).await;
        assert_eq!(load(&brief, "a", 2).await, 2);
    }

    #[tokio::test]
    async fn only_what_was_found_is_kept_and_frozen_maps_need_no_notices() {
        let kept = keyed();
        let none = kept.get_or_find("a".into(), async { Ok::<_, ()>(None) });
        assert_eq!(none.await, Ok(None));
        let found = kept.get_or_find("a".into(), async { Ok::<_, ()>(Some(1)) });
        assert_eq!(found.await, Ok(Some(1)));
        let again = kept.get_or_find("a".into(), async { Ok::<_, ()>(Some(2)) });
        assert_eq!(again.await, Ok(Some(1)));
        let frozen: Kept<i64, i32> = Kept::frozen(10);
        assert_eq!(frozen.channel(), None);
        frozen
            .get_or_load(7, async { Ok::<_, ()>(1) })
            .await
            .unwrap();
        let kept = frozen.get_or_load(7, async { Ok::<_, ()>(2) }).await;
        assert_eq!(kept, Ok(1));
        let failed = frozen.get_or_load(8, async { Err::<i32, _>("down") }).await;
        assert_eq!(failed, Err("down"));
    }
}
