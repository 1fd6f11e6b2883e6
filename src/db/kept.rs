//! A map kept in memory while the database's change notices are heard
//! (`db::notices`): an entry lives until a notice on its channel names it
//! (or says `*`, or the map is emptied by every notice), for at most
//! `longest`. A reader keeps what it read only if nothing was announced
//! since it began reading, so a slow read cannot put a stale entry back;
//! while the instance does not listen (starting, or its listening
//! connection broke) nothing is kept.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Payload of a notice that concerns every entry.
pub const EVERY: &str = "*";

/// The shared map; cheap to clone.
pub struct Kept<V> {
    channel: &'static str,
    /// Every notice empties the map, whatever it names.
    whole: bool,
    most: usize,
    longest: Duration,
    inner: Arc<Inner<V>>,
}

struct Inner<V> {
    map: RwLock<HashMap<String, (Instant, V)>>,
    /// Counts announced changes, forgotten entries and reconnections.
    generation: AtomicU64,
    listening: AtomicBool,
}

impl<V> Clone for Kept<V> {
    fn clone(&self) -> Self {
        Kept {
            channel: self.channel,
            whole: self.whole,
            most: self.most,
            longest: self.longest,
            inner: self.inner.clone(),
        }
    }
}

impl<V: Clone> Kept<V> {
    /// At most `most` entries (past this the map starts over), each used
    /// for at most `longest`.
    pub fn new(channel: &'static str, most: usize, longest: Duration) -> Self {
        Kept {
            channel,
            whole: false,
            most,
            longest,
            inner: Arc::new(Inner {
                map: RwLock::default(),
                generation: AtomicU64::new(0),
                listening: AtomicBool::new(false),
            }),
        }
    }

    /// Empties the map at every notice (its payloads do not name keys).
    pub fn emptied_by_every_notice(mut self) -> Self {
        self.whole = true;
        self
    }

    /// A kept value, if it is recent enough and changes are being heard.
    pub fn get(&self, key: &str) -> Option<V> {
        if !self.inner.listening.load(Ordering::SeqCst) {
            return None;
        }
        let map = self.inner.map.read().unwrap_or_else(|p| p.into_inner());
        map.get(key)
            .filter(|(at, _)| at.elapsed() < self.longest)
            .map(|(_, value)| value.clone())
    }

    /// The generation to pass to `keep` (read before reading the database).
    pub fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::SeqCst)
    }

    /// Keeps `value` unless something changed since `generation`.
    pub fn keep(&self, generation: u64, key: String, value: V) {
        if !self.inner.listening.load(Ordering::SeqCst) || self.generation() != generation {
            return;
        }
        let mut map = self.inner.map.write().unwrap_or_else(|p| p.into_inner());
        if self.generation() == generation {
            if map.len() >= self.most {
                map.clear();
            }
            map.insert(key, (Instant::now(), value));
        }
    }

    /// Forgets one entry.
    pub fn forget(&self, key: &str) {
        self.inner.generation.fetch_add(1, Ordering::SeqCst);
        let mut map = self.inner.map.write().unwrap_or_else(|p| p.into_inner());
        map.remove(key);
    }

    /// Forgets every entry.
    pub fn clear(&self) {
        self.inner.generation.fetch_add(1, Ordering::SeqCst);
        let mut map = self.inner.map.write().unwrap_or_else(|p| p.into_inner());
        map.clear();
    }
}

impl<V: Clone + Send + Sync + 'static> super::notices::Listener for Kept<V> {
    fn channel(&self) -> &'static str {
        self.channel
    }

    fn notice(&self, payload: &str) {
        if self.whole || payload.is_empty() || payload == EVERY {
            self.clear();
        } else {
            self.forget(payload);
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

    fn kept() -> Kept<i32> {
        let kept = Kept::new("test", 2, Duration::from_secs(60));
        kept.listening(true);
        kept
    }

    #[test]
    fn nothing_is_kept_while_not_listening() {
        let kept = Kept::new("test", 10, Duration::from_secs(60));
        kept.keep(kept.generation(), "a".into(), 1);
        assert_eq!(kept.get("a"), None);
        kept.listening(true);
        kept.keep(kept.generation(), "a".into(), 1);
        assert_eq!(kept.get("a"), Some(1));
        kept.listening(false);
        assert_eq!(kept.get("a"), None);
    }

    #[test]
    fn a_read_that_began_before_a_notice_is_not_kept() {
        let kept = kept();
        let before = kept.generation();
        kept.notice("b");
        kept.keep(before, "a".into(), 1);
        assert_eq!(kept.get("a"), None);
    }

    #[test]
    fn notices_forget_their_entry_or_every_entry() {
        let kept = kept();
        kept.keep(kept.generation(), "a".into(), 1);
        kept.keep(kept.generation(), "b".into(), 2);
        kept.notice("a");
        assert_eq!((kept.get("a"), kept.get("b")), (None, Some(2)));
        kept.notice(EVERY);
        assert_eq!(kept.get("b"), None);
        let whole = kept.emptied_by_every_notice();
        whole.keep(whole.generation(), "a".into(), 1);
        whole.notice("b");
        assert_eq!(whole.get("a"), None);
    }

    #[test]
    fn entries_are_bounded_in_number_and_age() {
        let kept = kept();
        for (key, value) in [("a", 1), ("b", 2), ("c", 3)] {
            kept.keep(kept.generation(), key.into(), value);
        }
        assert_eq!(kept.get("c"), Some(3));
        assert_eq!(kept.get("a"), None, "past `most` the map starts over");
        let brief = Kept::new("test", 10, Duration::ZERO);
        brief.listening(true);
        brief.keep(brief.generation(), "a".into(), 1);
        assert_eq!(brief.get("a"), None);
    }
}
