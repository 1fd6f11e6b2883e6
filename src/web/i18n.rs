//! Which UI language a request gets: `?lang=` (then remembered in a
//! cookie), then the `lang` cookie, then `Accept-Language`; Dutch by
//! default.

use axum::extract::Request;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::i18n::Lang;

impl Lang {
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

/// The content language a reader chose for profiles (`?content_lang=`,
/// then remembered in a cookie like the UI language).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ContentChoice {
    /// Nothing chosen: the content follows the UI language.
    #[default]
    Ui,
    Chosen(&'static str),
    /// `?content_lang=` named no language the portal knows (pages answer 400).
    Unknown(String),
}

impl ContentChoice {
    /// From the query first, then the `content_lang` cookie; whether the
    /// query chose it (to remember it).
    pub fn negotiate(query: Option<&str>, headers: &HeaderMap) -> (ContentChoice, bool) {
        let asked = query.and_then(|q| {
            form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "content_lang")
                .map(|(_, v)| v.into_owned())
        });
        if let Some(asked) = asked {
            return match known_content_language(&asked) {
                Some(code) => (ContentChoice::Chosen(code), true),
                None => (
                    ContentChoice::Unknown(asked.chars().take(40).collect()),
                    false,
                ),
            };
        }
        let cookie = headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|pair| pair.trim().strip_prefix("content_lang="))
            .find_map(known_content_language);
        (
            cookie.map_or(ContentChoice::Ui, ContentChoice::Chosen),
            false,
        )
    }
}

/// Languages profile content may be written or translated in (the UI
/// has its own, `Lang`).
pub const CONTENT_LANGUAGES: [&str; 4] = ["nl", "fr", "en", "de"];

/// The code of a content language the portal knows.
pub fn known_content_language(code: &str) -> Option<&'static str> {
    CONTENT_LANGUAGES.into_iter().find(|known| *known == code)
}

/// `code` as a content language, or the message that names the ones
/// there are.
pub fn content_language(code: &str) -> Result<&'static str, crate::error::Msg> {
    known_content_language(code).ok_or_else(|| {
        crate::error::Msg::new("translation-unknown-language")
            .arg("value", code.chars().take(40).collect::<String>())
            .arg("known", CONTENT_LANGUAGES.join(", "))
    })
}

/// Middleware: puts the request's `Lang` and `ContentChoice` in its
/// extensions and remembers a language chosen with `?lang=` or
/// `?content_lang=` in a cookie.
pub async fn negotiate(mut request: Request, next: Next) -> Response {
    let (lang, chosen) = Lang::negotiate(request.uri().query(), request.headers());
    let (content, content_chosen) =
        ContentChoice::negotiate(request.uri().query(), request.headers());
    request.extensions_mut().insert(lang);
    request.extensions_mut().insert(content.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut remember = |name: &str, code: &str| {
        let cookie = format!("{name}={code}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(SET_COOKIE, value);
        }
    };
    if chosen {
        remember("lang", lang.code());
    }
    if let (true, ContentChoice::Chosen(code)) = (content_chosen, &content) {
        remember("content_lang", code);
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
}
