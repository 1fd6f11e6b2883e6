//! A profile's history: every version with who, when and why, and the
//! changes between any two versions.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::changes::{self, Section};
use super::db;
use super::model::VersionSummary;
use crate::app::AppState;
use crate::error::{AppError, AppResult, Msg};
use crate::web::{Layout, render};

#[derive(Template)]
#[template(path = "profiles/history.html")]
struct HistoryPage {
    l: Layout,
    slug: String,
    title: String,
    versions: Vec<VersionSummary>,
}

impl HistoryPage {
    /// The version before `n` in this history, if any.
    fn predecessor(&self, n: &i32) -> Option<i32> {
        self.versions
            .iter()
            .map(|v| v.version)
            .filter(|v| v < n)
            .max()
    }
}

/// `GET /profiles/{slug}/history`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let versions = db::history(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let title = versions
        .first()
        .map_or_else(|| slug.clone(), |v| v.title.clone());
    render(&HistoryPage {
        l,
        slug,
        title,
        versions,
    })
}

#[derive(Deserialize)]
pub struct DiffQuery {
    from: Option<String>,
    to: Option<String>,
}

/// Reads a version number parameter (400 when it is not one).
fn number(name: &'static str, value: Option<&str>) -> AppResult<Option<i32>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse::<i32>()
            .ok()
            .filter(|n| *n > 0)
            .map(Some)
            .ok_or_else(|| {
                AppError::BadRequest(
                    Msg::new("diff-version-invalid")
                        .arg("field", name)
                        .arg("value", v.chars().take(20).collect::<String>()),
                )
            }),
    }
}

/// The two documents to compare: `to` defaults to the newest version,
/// `from` to the one before `to`.
pub async fn pair(
    state: &AppState,
    slug: &str,
    from: Option<i32>,
    to: Option<i32>,
) -> AppResult<(
    i32,
    super::document::ProfileDocument,
    i32,
    super::document::ProfileDocument,
)> {
    let versions = db::history(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = to
        .or_else(|| versions.first().map(|v| v.version))
        .ok_or(AppError::NotFound)?;
    let from = from
        .or_else(|| versions.iter().map(|v| v.version).filter(|v| *v < to).max())
        .unwrap_or(to);
    let load = async |n: i32| -> AppResult<super::document::ProfileDocument> {
        let v = db::published_version(&state.db, slug, n)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(crate::profiles::cached::content(state, &v)
            .await?
            .to_document(slug))
    };
    Ok((from, load(from).await?, to, load(to).await?))
}

#[derive(Template)]
#[template(path = "profiles/diff.html")]
struct DiffPage {
    l: Layout,
    slug: String,
    title: String,
    from: i32,
    to: i32,
    sections: Vec<Section>,
    /// Content language, for the `lang` of the diffs.
    language: String,
}

/// `GET /profiles/{slug}/diff?from=1&to=2`.
pub async fn diff(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
    Query(query): Query<DiffQuery>,
) -> AppResult<Response> {
    let from = number("from", query.from.as_deref())?;
    let to = number("to", query.to.as_deref())?;
    let (from, old, to, new) = pair(&state, &slug, from, to).await?;
    render(&DiffPage {
        l,
        language: new.language.clone(),
        title: new.title.clone(),
        slug,
        from,
        to,
        sections: changes::between(&old, &new),
    })
}

/// Parses `from`/`to` for the API.
pub fn numbers(query: &DiffQuery) -> AppResult<(Option<i32>, Option<i32>)> {
    Ok((
        number("from", query.from.as_deref())?,
        number("to", query.to.as_deref())?,
    ))
}
