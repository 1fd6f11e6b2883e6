//! The catalogue page: every profile, or those a search finds.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::query::{self, Hit, Request};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::profiles::cached;
use crate::web::{Layout, render};

#[derive(Deserialize)]
pub struct CatalogueParams {
    q: Option<String>,
    level: Option<String>,
    language: Option<String>,
}

#[derive(Template)]
#[template(path = "search/catalogue.html")]
struct CataloguePage {
    l: Layout,
    request: Request,
    hits: Vec<Hit>,
    /// Searches to offer when nothing was found.
    suggestions: Vec<String>,
    /// Searches to try when nothing is like what was asked.
    examples: Vec<String>,
    /// Level codes of the current versions, for the filter.
    levels: Vec<String>,
}

impl CataloguePage {
    fn query(&self) -> &str {
        &self.request.text
    }
    fn searched(&self) -> bool {
        !self.request.is_plain()
    }
    fn is_level(&self, code: &str) -> bool {
        self.request.level.as_deref() == Some(code)
    }
    fn is_language(&self, code: &str) -> bool {
        self.request.language == Some(code)
    }
    fn languages(&self) -> [(&'static str, &'static str); 4] {
        query::LANGUAGES.map(|code| (code, query::language_key(code)))
    }
    /// `text` encoded for an address's query.
    fn encoded(&self, text: &str) -> String {
        form_urlencoded::byte_serialize(text.as_bytes()).collect()
    }
    /// The address of a search for `text` with the same filters.
    fn search_link(&self, text: &str) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("q", text);
        if let Some(level) = &self.request.level {
            query.append_pair("level", level);
        }
        if let Some(language) = self.request.language {
            query.append_pair("language", language);
        }
        format!("/?{}", query.finish())
    }
}

/// `GET /`: every profile, or those matching `?q=` (with `level` and
/// `language` filters).
pub async fn catalogue(
    State(state): State<AppState>,
    l: Layout,
    Query(params): Query<CatalogueParams>,
) -> AppResult<Response> {
    let all = cached::catalogue(&state).await?;
    let levels = query::known_levels(&all);
    let request = Request::read(
        params.q.as_deref(),
        params.level.as_deref(),
        params.language.as_deref(),
        &levels,
    )
    .map_err(AppError::BadRequest)?;
    let outcome = query::run(&state, &request, l.lang_code()).await?;
    render(&CataloguePage {
        l,
        request,
        hits: outcome.hits,
        suggestions: outcome.suggestions,
        examples: outcome.examples,
        levels,
    })
}
