//! One-time messages shown on the next page ("Your password was changed"),
//! kept in the session between a POST and the page it redirects to.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::error::Msg;

const KEY: &str = "flash";

/// A stored message: a catalogue key and its arguments.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    key: String,
    args: Vec<(String, String)>,
}

/// Adds a message for the next page.
pub async fn push(session: &Session, msg: Msg) {
    let mut list: Vec<Stored> = session.get(KEY).await.ok().flatten().unwrap_or_default();
    list.push(Stored {
        key: msg.key.to_string(),
        args: msg
            .args
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    });
    if let Err(err) = session.insert(KEY, list).await {
        tracing::warn!("cannot store a flash message: {err}");
    }
}

/// Takes the pending messages, rendered in `lang`.
pub async fn take(session: &Session, lang: crate::i18n::Lang) -> Vec<String> {
    // Read first: removing marks the session changed, which costs a write.
    let pending: Option<Vec<Stored>> = session.get(KEY).await.ok().flatten();
    let Some(list) = pending else {
        return Vec::new();
    };
    let _ = session.remove::<Vec<Stored>>(KEY).await;
    list.into_iter()
        .map(|stored| {
            let args: Vec<(&'static str, String)> = stored
                .args
                .into_iter()
                .filter_map(|(name, value)| known_arg(&name).map(|n| (n, value)))
                .collect();
            lang.t_args(&stored.key, &args)
        })
        .collect()
}

/// Argument names are `&'static str` in messages; map stored names back.
fn known_arg(name: &str) -> Option<&'static str> {
    [
        "name", "email", "count", "id", "level", "title", "version", "status",
    ]
    .into_iter()
    .find(|known| *known == name)
}
