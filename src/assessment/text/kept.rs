//! What an analyzer keeps of what it read: every stem within one request
//! (`reading`), and word readings and separable verbs for as long as the
//! analyzer lives (`Kept`). Neither changes what is read: a stem depends
//! on nothing but the form and the language, a reading on nothing but the
//! analyzer's vocabulary, which never changes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use rust_stemmers::Stemmer;

use super::Language;

/// Words whose reading an analyzer keeps: far more than a profile's
/// managers use, and at most a few megabytes.
const WORDS_KEPT: usize = 20_000;

thread_local! {
    /// Stems by language and folded form, while a `reading` runs.
    static STEMS: RefCell<Option<HashMap<Language, HashMap<String, String>>>> =
        const { RefCell::new(None) };
}

/// Runs `f` with every stem remembered until it returns. One request
/// stems the same forms many times: each task is read with the profile's
/// words and again with its own (`index::ProfileIndex::own`), a compound
/// is cut at every letter, and tasks share words. Snowball stemming is
/// most of a reading's time, and a stem depends on nothing but the form
/// and the language, so what is read does not change.
pub fn reading<R>(f: impl FnOnce() -> R) -> R {
    /// Forgets the stems when the outermost reading ends, even by a panic.
    struct Forget;
    impl Drop for Forget {
        fn drop(&mut self) {
            STEMS.with(|memo| memo.borrow_mut().take());
        }
    }
    let outermost = STEMS.with(|memo| {
        let mut memo = memo.borrow_mut();
        memo.is_none()
            .then(|| *memo = Some(HashMap::new()))
            .is_some()
    });
    let _forget = outermost.then_some(Forget);
    f()
}

/// `f` of the Snowball stem of `folded` in `language`, remembered within a
/// `reading`.
pub(super) fn with_stem<R>(
    language: Language,
    stemmer: &Stemmer,
    folded: &str,
    f: impl FnOnce(&str) -> R,
) -> R {
    STEMS.with(|memo| {
        let mut memo = memo.borrow_mut();
        let Some(memo) = memo.as_mut() else {
            return f(&stemmer.stem(folded));
        };
        let stems = memo.entry(language).or_default();
        if let Some(stem) = stems.get(folded) {
            return f(stem);
        }
        let stem = stemmer.stem(folded).into_owned();
        let out = f(&stem);
        stems.insert(folded.to_string(), stem);
        out
    })
}

/// Answers kept by key, at most `WORDS_KEPT` of them, shared by the
/// requests that read with one analyzer.
#[derive(Default)]
pub(super) struct Kept<V>(Mutex<HashMap<String, V>>);

impl<V: Clone> Kept<V> {
    /// The answer kept for `key`, or `read`'s, then kept.
    pub(super) fn get_or(&self, key: &str, read: impl FnOnce() -> V) -> V {
        let lock = || self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(value) = lock().get(key) {
            return value.clone();
        }
        // Read without the lock: reading may take a while, and another
        // request may read the same key meanwhile (both get the same).
        let value = read();
        let mut kept = lock();
        if kept.len() < WORDS_KEPT {
            kept.insert(key.to_string(), value.clone());
        }
        value
    }
}
