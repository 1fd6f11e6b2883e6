//! HTML pages of the catalogue: list and search, a profile, the compare
//! view, old versions and the version list.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::compare::{self, Cell, Row, Selection};
use super::db;
use super::model::{CatalogueEntry, Content, TextPart, VersionRef, VersionSummary, annotate};
use crate::app::AppState;
use crate::error::{AppError, AppResult};
use crate::web::{Layout, render};

/// Longest search text accepted; longer input is cut, not refused.
const MAX_QUERY: usize = 200;

#[derive(Deserialize)]
pub struct CatalogueParams {
    q: Option<String>,
}

#[derive(Template)]
#[template(path = "profiles/catalogue.html")]
struct CataloguePage {
    l: Layout,
    query: String,
    entries: Vec<CatalogueEntry>,
}

/// `GET /`: every profile, or those matching `?q=`.
pub async fn catalogue(
    State(state): State<AppState>,
    l: Layout,
    Query(params): Query<CatalogueParams>,
) -> AppResult<Response> {
    let query: String = params
        .q
        .unwrap_or_default()
        .trim()
        .chars()
        .take(MAX_QUERY)
        .collect();
    let search = (!query.is_empty()).then_some(query.as_str());
    let entries = db::catalogue(&state.db, search).await?;
    render(&CataloguePage { l, query, entries })
}

/// A profile version as a page; also the draft preview later on.
#[derive(Template)]
#[template(path = "profiles/show.html")]
struct ProfilePage {
    l: Layout,
    v: VersionRef,
    c: Arc<Content>,
}

impl ProfilePage {
    /// A text split where glossary terms are marked.
    fn parts(&self, text: &str) -> Vec<TextPart> {
        annotate(text, &self.c.glossary)
    }
}

/// `GET /profiles/{slug}`: the current version.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let v = db::current(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = state.profiles.get(&state.db, &v).await?;
    render(&ProfilePage { l, v, c })
}

/// `GET /profiles/{slug}/versions/{n}`: any published or superseded version.
pub async fn version(
    State(state): State<AppState>,
    l: Layout,
    Path((slug, number)): Path<(String, i32)>,
) -> AppResult<Response> {
    let v = db::published_version(&state.db, &slug, number)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = state.profiles.get(&state.db, &v).await?;
    render(&ProfilePage { l, v, c })
}

#[derive(Template)]
#[template(path = "profiles/history.html")]
struct HistoryPage {
    l: Layout,
    slug: String,
    title: String,
    versions: Vec<VersionSummary>,
}

/// `GET /profiles/{slug}/history`: every version, newest first.
pub async fn history(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let versions = db::history(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = versions
        .first()
        .map(|v| v.title.clone())
        .unwrap_or_else(|| slug.clone());
    render(&HistoryPage {
        l,
        slug,
        title,
        versions,
    })
}

/// Compare parameters; each may be repeated or comma-separated.
#[derive(Deserialize)]
pub struct CompareParams {
    #[serde(default)]
    levels: Vec<String>,
    #[serde(default)]
    criteria: Vec<String>,
}

#[derive(Template)]
#[template(path = "profiles/compare.html")]
struct ComparePage {
    l: Layout,
    v: VersionRef,
    c: Arc<Content>,
    selection: Selection,
    rows: Vec<Row>,
}

impl ComparePage {
    fn level_chosen(&self, index: &usize) -> bool {
        self.selection.levels.contains(index)
    }
    fn criterion_chosen(&self, index: &usize) -> bool {
        self.selection.criteria.len() < self.c.criteria.len()
            && self.selection.criteria.contains(index)
    }
    /// Codes of the shown levels, for the column headers.
    fn shown_levels(&self) -> Vec<&super::model::Level> {
        self.selection
            .levels
            .iter()
            .map(|&i| &self.c.levels[i])
            .collect()
    }
}

/// `GET /profiles/{slug}/compare?levels=C,B&criteria=…`.
pub async fn compare(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
    axum_extra::extract::Query(params): axum_extra::extract::Query<CompareParams>,
) -> AppResult<Response> {
    let v = db::current(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let c = state.profiles.get(&state.db, &v).await?;
    let selection =
        compare::select(&c, &params.levels, &params.criteria).map_err(AppError::BadRequest)?;
    let rows = compare::grid(&c, &selection);
    render(&ComparePage {
        l,
        v,
        c,
        selection,
        rows,
    })
}
