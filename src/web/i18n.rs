//! UI languages: Dutch (default), French, English, from Fluent catalogues
//! in `locales/`. The language comes from `?lang=`, then the `lang` cookie,
//! then `Accept-Language`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use axum::extract::Request;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nl",
        // Unicode isolation marks around arguments confuse screen readers
        // and tests; our arguments are plain words and numbers.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::Fr, Lang::En];

    /// The ISO 639-1 code, as in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language's own name ("Nederlands"), for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Lang::Nl),
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's identifier, parsed once.
    fn id(self) -> &'static LanguageIdentifier {
        static IDS: LazyLock<[LanguageIdentifier; 3]> = LazyLock::new(|| {
            // The codes are valid language tags; parsing cannot fail.
            Lang::ALL.map(|l| l.code().parse().unwrap_or_default())
        });
        &IDS[self as usize]
    }

    /// The message `key` in this language. Kept after the first lookup:
    /// Fluent's lookup and formatting took a third of rendering a page.
    pub fn t(self, key: &str) -> String {
        /// More keys than the catalogues hold; unknown keys stop here.
        const MOST: usize = 4096;
        static KEPT: LazyLock<[RwLock<HashMap<String, String>>; 3]> =
            LazyLock::new(Default::default);
        let kept = &KEPT[self as usize];
        if let Some(found) = kept
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(key)
        {
            return found.clone();
        }
        let text = LOCALES.lookup(self.id(), key);
        let mut kept = kept
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.len() < MOST {
            kept.insert(key.to_string(), text.clone());
        }
        text
    }

    /// The message `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                // Whole numbers go in as numbers, so plural rules apply.
                // (Only canonical ones: "007" typed by a user stays text.)
                let value = match value.parse::<i64>() {
                    Ok(n) if n.to_string() == *value => FluentValue::from(n),
                    _ => FluentValue::from(value.clone()),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        LOCALES.lookup_with_args(self.id(), key, &args)
    }

    /// Picks the language from the request: query, cookie, Accept-Language.
    pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> (Lang, bool) {
        if let Some(lang) = query.and_then(query_lang) {
            return (lang, true);
        }
        let cookie = headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().strip_prefix("lang="))
            .find_map(Lang::from_code);
        if let Some(lang) = cookie {
            return (lang, false);
        }
        let accepted = headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(from_accept_language);
        (accepted.unwrap_or_default(), false)
    }
}

/// `lang=xx` in a query string.
fn query_lang(query: &str) -> Option<Lang> {
    query
        .split('&')
        .filter_map(|pair| pair.strip_prefix("lang="))
        .find_map(Lang::from_code)
}

/// The supported language with the highest q-value in `Accept-Language`.
fn from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, Lang)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        if let Some(lang) = Lang::from_code(primary)
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, lang)| lang)
}

/// Middleware: puts the request's `Lang` in its extensions and remembers a
/// language chosen with `?lang=` in a cookie.
pub async fn negotiate(mut request: Request, next: Next) -> Response {
    let (lang, chosen) = Lang::negotiate(request.uri().query(), request.headers());
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if chosen {
        let cookie = format!(
            "lang={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
            lang.code()
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(SET_COOKIE, value);
        }
    }
    headers.append(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_quality() {
        assert_eq!(
            from_accept_language("fr-BE,fr;q=0.9,en;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(
            from_accept_language("de-DE,en;q=0.5,nl;q=0.7"),
            Some(Lang::Nl)
        );
        assert_eq!(from_accept_language("de, es"), None);
        assert_eq!(from_accept_language("en;q=0"), None);
    }

    #[test]
    fn numbers_choose_the_plural_form() {
        assert_eq!(
            Lang::Nl.t_args("sessions-ended", &[("count", "1".into())]),
            "1 andere sessie is beëindigd."
        );
        assert_eq!(
            Lang::Nl.t_args("sessions-ended", &[("count", "3".into())]),
            "3 andere sessies zijn beëindigd."
        );
    }

    #[test]
    fn the_query_wins_over_cookie_and_header() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; lang=en"));
        headers.insert(ACCEPT_LANGUAGE, HeaderValue::from_static("fr"));
        assert_eq!(
            Lang::negotiate(Some("x=1&lang=fr"), &headers),
            (Lang::Fr, true)
        );
        assert_eq!(
            Lang::negotiate(Some("lang=xx"), &headers),
            (Lang::En, false)
        );
        headers.remove(COOKIE);
        assert_eq!(Lang::negotiate(None, &headers), (Lang::Fr, false));
        assert_eq!(Lang::negotiate(None, &HeaderMap::new()), (Lang::Nl, false));
    }

    /// Message ids defined in a catalogue file.
    /// Message ids defined in every `.ftl` file of a language.
    fn catalogue_keys(lang: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for entry in std::fs::read_dir(format!("locales/{lang}"))
            .unwrap()
            .flatten()
        {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            keys.extend(
                text.lines()
                    .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(" ="))
                    .map(|l| l.split(" =").next().unwrap().trim().to_string()),
            );
        }
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            keys.len(),
            "a message id is defined twice in locales/{lang}"
        );
        keys
    }

    #[test]
    fn every_message_exists_in_every_language() {
        let keys = catalogue_keys;
        let nl = keys("nl");
        assert!(nl.len() > 20);
        for lang in ["fr", "en"] {
            let mut other = keys(lang);
            let mut base = nl.clone();
            other.sort();
            base.sort();
            assert_eq!(
                base, other,
                "locales/{lang}/main.ftl has other keys than nl"
            );
        }
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let mut sources = Vec::new();
        for dir in ["templates", "src"] {
            collect_files(std::path::Path::new(dir), &mut sources);
        }
        // Every catalogue has the same keys (tested above): check against nl.
        let known = catalogue_keys("nl");
        let mut missing = Vec::new();
        for file in sources {
            let text = std::fs::read_to_string(&file).unwrap();
            for key in used_keys(&text) {
                if !known.contains(&key) {
                    missing.push(format!("{key} in {}", file.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "missing messages:\n{}",
            missing.join("\n")
        );
    }

    fn collect_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect_files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// Keys written as `.t("<key>")`, `.t_args("<key>"` or `Msg::new("<key>"` in a source.
    fn used_keys(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for marker in [".t(\"", ".t_args(\"", "Msg::new(\"", "msg(\""] {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len()..];
                if let Some(end) = rest.find('"') {
                    let key = &rest[..end];
                    if key.starts_with(|c: char| c.is_ascii_lowercase())
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                    {
                        keys.push(key.to_string());
                    }
                }
            }
        }
        keys
    }
}
