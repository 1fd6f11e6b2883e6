//! What every page needs from the request: language, current address (for
//! the language switch), and the asset URLs. Pages hold a `Layout`.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use tower_sessions::Session;

use super::assets;
use crate::i18n::Lang;
/// Who asks, as pages show it; the auth middleware puts it in the request.
#[derive(Debug, Clone, Default)]
pub struct Visitor {
    /// The signed-in user, if any.
    pub user: Option<PageUser>,
    /// The session's CSRF token, if the session has one.
    pub csrf: Option<String>,
}

/// A signed-in user as pages need them: a name and what the menu offers.
#[derive(Debug, Clone)]
pub struct PageUser {
    pub name: String,
    pub is_admin: bool,
    pub is_hr: bool,
    pub is_manager: bool,
    /// Unread notifications (read with the session: no query of its own).
    pub unread: i64,
}

/// The shared part of every page.
#[derive(Debug, Clone)]
pub struct Layout {
    pub lang: Lang,
    path: String,
    query: String,
    /// The signed-in user, if any.
    pub user: Option<PageUser>,
    /// The session's CSRF token, for the hidden field of every form.
    pub csrf: String,
    /// Messages left by the previous request ("Saved.").
    pub flash: Vec<String>,
    /// The content language the reader chose for profiles.
    pub content: super::i18n::ContentChoice,
}

impl Layout {
    /// A layout for `path?query` in `lang`, for nobody in particular.
    pub fn new(lang: Lang, path: &str, query: Option<&str>) -> Self {
        Layout {
            lang,
            path: path.to_string(),
            query: query.unwrap_or("").to_string(),
            user: None,
            csrf: String::new(),
            flash: Vec::new(),
            content: super::i18n::ContentChoice::Ui,
        }
    }

    /// The content language the reader wants: the one chosen, else the UI
    /// language's. An unknown `?content_lang=` is refused, naming the
    /// languages there are.
    pub fn content_language(&self) -> Result<&'static str, crate::error::AppError> {
        use super::i18n::ContentChoice;
        match &self.content {
            ContentChoice::Ui => Ok(self.lang.code()),
            ContentChoice::Chosen(code) => Ok(code),
            ContentChoice::Unknown(value) => {
                super::i18n::content_language(value).map_err(crate::error::AppError::BadRequest)
            }
        }
    }

    /// The current address with `content_lang=` set, keeping the other
    /// parameters.
    pub fn with_content_language(&self, code: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (k, v) in form_urlencoded::parse(self.query.as_bytes()) {
            if k != "content_lang" {
                query.append_pair(&k, &v);
            }
        }
        query.append_pair("content_lang", code);
        format!("{}?{}", self.path, query.finish())
    }

    /// Sets the CSRF token (for forms shown before sign-in).
    pub fn with_csrf(mut self, token: String) -> Self {
        self.csrf = token;
        self
    }

    /// The current path, for `next=` links.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The current path and query.
    pub fn uri(&self) -> String {
        if self.query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, self.query)
        }
    }

    /// Nothing on the page depends on who asks: no user, no session token,
    /// no message. Such a page may be served from a cache.
    pub fn is_anonymous(&self) -> bool {
        self.user.is_none() && self.csrf.is_empty() && self.flash.is_empty()
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_admin)
    }
    pub fn is_hr(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_hr)
    }
    pub fn is_manager(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.is_manager)
    }

    /// A colon after a label, as the language writes it (French puts a
    /// non-breaking space before it).
    pub fn colon(&self) -> &'static str {
        if self.lang.code() == "fr" {
            "\u{a0}:"
        } else {
            ":"
        }
    }

    /// A translated UI message.
    pub fn t(&self, key: impl AsRef<str>) -> String {
        self.lang.t(key.as_ref())
    }

    /// A translated UI message with arguments.
    pub fn t_args(&self, key: &str, args: &[(&'static str, String)]) -> String {
        self.lang.t_args(key, args)
    }

    /// The `<html lang>` value.
    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    /// URL of a static file.
    pub fn asset(&self, name: &str) -> &'static str {
        assets::url(name)
    }

    /// The other UI languages, each with the current page's address in it.
    pub fn other_languages(&self) -> Vec<(Lang, String)> {
        Lang::ALL
            .into_iter()
            .filter(|l| *l != self.lang)
            .map(|l| (l, self.with_lang(l)))
            .collect()
    }

    /// The current address with `lang=` set, keeping the other parameters.
    fn with_lang(&self, lang: Lang) -> String {
        let mut params: Vec<&str> = self
            .query
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("lang="))
            .collect();
        let lang_param = format!("lang={}", lang.code());
        params.push(&lang_param);
        format!("{}?{}", self.path, params.join("&"))
    }

    /// A date as "29/11/2026" (in the portal's time zone).
    pub fn date(&self, at: &time::OffsetDateTime) -> String {
        crate::clock::date(at)
    }

    /// A date and time as "29/11/2026 15:04" (in the portal's time zone).
    pub fn datetime(&self, at: &time::OffsetDateTime) -> String {
        crate::clock::datetime(at)
    }

    /// ISO 8601, for `<time datetime="…">`.
    /// For `<time datetime>`: whole seconds, as HTML accepts (it allows
    /// at most three decimals).
    pub fn iso(&self, at: &time::OffsetDateTime) -> String {
        crate::clock::iso(&at.replace_nanosecond(0).unwrap_or(*at))
    }

    /// Whether `href` is the current page or a section of it (for `aria-current`).
    pub fn is_current(&self, href: &str) -> bool {
        if href == "/" {
            self.path == "/"
        } else {
            self.path == href || self.path.starts_with(&format!("{href}/"))
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Layout {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let mut layout = Layout::new(lang, parts.uri.path(), parts.uri.query());
        if let Some(content) = parts.extensions.get::<super::i18n::ContentChoice>() {
            layout.content = content.clone();
        }
        if let Some(visitor) = parts.extensions.get::<Visitor>() {
            layout.user = visitor.user.clone();
            layout.csrf = visitor.csrf.clone().unwrap_or_default();
        }
        if let Some(session) = parts.extensions.get::<Session>() {
            layout.flash = super::flash::take(session, lang).await;
        }
        Ok(layout)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_links_keep_the_other_parameters() {
        let layout = Layout::new(Lang::Nl, "/profiles/x/compare", Some("levels=C,B&lang=nl"));
        let links = layout.other_languages();
        assert_eq!(
            links[0],
            (
                Lang::Fr,
                "/profiles/x/compare?levels=C,B&lang=fr".to_string()
            )
        );
        assert_eq!(links[1].0, Lang::En);
    }
}
