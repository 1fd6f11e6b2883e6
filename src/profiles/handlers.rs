//! HTML pages of profiles: a profile, the compare view, old versions and
//! the version list. (The catalogue's list and search: `search`.)

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

use super::cached;
use super::compare::{self, Cell, Row, Selection};
use super::db;
use super::languages::{self, InLanguage};
use super::model::{Content, TextPart, VersionRef, annotate};
use crate::app::AppState;
use crate::error::{AppError, AppResult, Msg};
use crate::web::{Layout, render_text};
use axum::body::Bytes;
use axum::response::{Html, IntoResponse};

/// Where the profile and compare views of a version live: the public
/// pages, or the preview of a draft.
pub struct Links {
    pub profile: String,
    pub compare: String,
    /// The compare with other profiles, starting from this one; empty
    /// for a draft (only published versions are compared).
    pub cross: String,
    /// A draft shown as HR will see it.
    pub preview: bool,
    /// Where a preview leads back to; empty on public pages.
    pub editor: String,
}

impl Links {
    pub fn public(slug: &str) -> Self {
        Links {
            profile: format!("/profiles/{slug}"),
            compare: format!("/profiles/{slug}/compare"),
            cross: format!(
                "/compare?{}",
                form_urlencoded::Serializer::new(String::new())
                    .append_pair("from", slug)
                    .finish()
            ),
            preview: false,
            editor: String::new(),
        }
    }

    pub fn preview(slug: &str) -> Self {
        Links {
            profile: format!("/admin/profiles/{slug}/draft/preview"),
            compare: format!("/admin/profiles/{slug}/draft/compare"),
            cross: String::new(),
            preview: true,
            editor: format!("/admin/profiles/{slug}/draft"),
        }
    }
}

/// A profile version as a page; also the preview of a draft.
#[derive(Template)]
#[template(path = "profiles/show.html")]
struct ProfilePage {
    l: Layout,
    v: VersionRef,
    /// The content in the reader's language, and the languages there are.
    r: Arc<InLanguage>,
    c: Arc<Content>,
    links: Links,
    /// The version that takes effect later, if one is scheduled.
    scheduled: Option<(i32, time::OffsetDateTime)>,
    /// A change request form for signed-in users.
    can_request: bool,
}

/// Renders a version as a profile page.
pub async fn profile_page(
    state: &AppState,
    l: Layout,
    v: VersionRef,
    links: Links,
) -> AppResult<Response> {
    let wanted = l.content_language()?;
    let key = cache_key(&l, &v, &links, wanted);
    let render = async {
        let r = languages::read(state, &v, wanted).await?;
        let c = r.content.clone();
        let scheduled = if links.preview {
            None
        } else {
            db::scheduled(&state.db, &v.slug).await?
        };
        let can_request = l.user.is_some() && !links.preview;
        let html = render_text(&ProfilePage {
            l,
            v,
            r,
            c,
            links,
            scheduled,
            can_request,
        })?;
        Ok(Bytes::from(html))
    };
    kept_page(state, key, render).await
}

/// The page-cache key of a public page for a visitor with no session:
/// such a page depends only on the version, the UI and content languages
/// and the address.
fn cache_key(l: &Layout, v: &VersionRef, links: &Links, content: &str) -> Option<String> {
    (l.is_anonymous() && !links.preview)
        .then(|| format!("{}|{}|{content}|{}", v.id, l.lang.code(), l.uri()))
}

/// Answers with the page `render` makes, kept for the next visitor when
/// `key` allows.
pub(crate) async fn kept_page(
    state: &AppState,
    key: Option<String>,
    render: impl Future<Output = AppResult<Bytes>>,
) -> AppResult<Response> {
    let body = match key {
        Some(key) => state.caches.pages.get_or_load(key, render).await?,
        None => render.await?,
    };
    Ok(Html(body).into_response())
}

impl ProfilePage {
    /// A text split where glossary terms are marked.
    fn parts(&self, text: &str) -> Vec<TextPart> {
        annotate(text, &self.c.glossary)
    }

    /// A mission written to follow "Als …:" read as a sentence of its
    /// own: its first letter a capital.
    fn sentence(&self, text: &str) -> Vec<TextPart> {
        let mut chars = text.chars();
        match chars.next() {
            Some(first) if first.is_lowercase() => {
                let capital: String = first.to_uppercase().chain(chars).collect();
                annotate(&capital, &self.c.glossary)
            }
            _ => annotate(text, &self.c.glossary),
        }
    }

    fn level_name(&self, i: impl crate::web::AsIndex) -> &str {
        self.c.levels.get(i.index()).map_or("", |l| l.name.as_str())
    }

    /// The page's description for search results: the purpose, cut at a
    /// word near 160 characters.
    fn description(&self) -> String {
        let purpose = self.c.purpose.replace('*', "");
        if purpose.chars().count() <= 160 {
            return purpose;
        }
        let cut: String = purpose.chars().take(160).collect();
        let at = cut.rfind(' ').unwrap_or(cut.len());
        format!("{}…", cut[..at].trim_end())
    }

    /// Managers may start a position on the current version from here.
    fn can_describe(&self) -> bool {
        self.l.is_manager() && !self.links.preview && self.v.is_current()
    }
}

/// `GET /profiles/{slug}`: the current version.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let v = crate::profiles::cached::current(&state, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let links = Links::public(&slug);
    profile_page(&state, l, v, links).await
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
    let links = Links::public(&slug);
    profile_page(&state, l, v, links).await
}

/// Compare parameters; each may be repeated or comma-separated.
#[derive(Deserialize)]
pub struct CompareParams {
    #[serde(default)]
    pub levels: Vec<String>,
    #[serde(default)]
    pub criteria: Vec<String>,
    /// `full`: the whole word diff, dropped words struck; else each
    /// level's own text with what is new marked.
    #[serde(default)]
    pub diff: Option<String>,
}

impl CompareParams {
    fn mode(&self) -> Result<compare::Mode, Msg> {
        compare::Mode::parse(self.diff.as_deref())
    }

    /// The query of the same selection in the other mode.
    fn other_mode(&self, mode: compare::Mode) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for level in &self.levels {
            query.append_pair("levels", level);
        }
        for criterion in &self.criteria {
            query.append_pair("criteria", criterion);
        }
        if mode == compare::Mode::New {
            query.append_pair("diff", "full");
        }
        query.finish()
    }
}

#[derive(Template)]
#[template(path = "profiles/compare.html")]
struct ComparePage {
    l: Layout,
    r: Arc<InLanguage>,
    c: Arc<Content>,
    selection: Selection,
    rows: Vec<Row>,
    links: Links,
    mode: compare::Mode,
    /// The link to the same selection in the other mode.
    toggle: String,
}

impl ComparePage {
    fn full(&self) -> bool {
        self.mode == compare::Mode::Full
    }
    /// How screen readers hear a marked run.
    fn added_key(&self) -> &'static str {
        if self.full() {
            "compare-legend-added"
        } else {
            "compare-legend-new"
        }
    }
    fn level_chosen(&self, index: &usize) -> bool {
        self.selection.levels.contains(index)
    }
    fn criterion_chosen(&self, index: &usize) -> bool {
        self.selection.criteria.len() < self.c.criteria.len()
            && self.selection.criteria.contains(index)
    }
    /// The source language of row `row`'s name when it is untranslated.
    fn fb_row(&self, row: &usize) -> Option<&str> {
        self.r.fb_criterion(self.selection.criteria.get(*row)?)
    }
    /// The same for the cell at `row` and shown column `col`.
    fn fb_cell(&self, row: &usize, col: &usize) -> Option<&str> {
        let criterion = self.selection.criteria.get(*row)?;
        self.r.fb_cell(criterion, self.selection.levels.get(*col)?)
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
    let v = crate::profiles::cached::current(&state, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let links = Links::public(&slug);
    compare_page(&state, l, v, &params, links).await
}

/// Renders the compare view of a version.
pub async fn compare_page(
    state: &AppState,
    l: Layout,
    v: VersionRef,
    params: &CompareParams,
    links: Links,
) -> AppResult<Response> {
    let wanted = l.content_language()?;
    let key = cache_key(&l, &v, &links, wanted);
    let render = async {
        let r = languages::read(state, &v, wanted).await?;
        let c = r.content.clone();
        // Criteria are named in the language shown, or in the source's (a
        // link made by a reader of the other language keeps working).
        let selection = match compare::select(&c, &params.levels, &params.criteria) {
            Ok(selection) => selection,
            Err(msg) if c.language != c.source_language => {
                let source = cached::content(state, &v).await?;
                compare::select(&source, &params.levels, &params.criteria)
                    .map_err(|_| AppError::BadRequest(msg))?
            }
            Err(msg) => return Err(AppError::BadRequest(msg)),
        };
        let mode = params.mode().map_err(AppError::BadRequest)?;
        let rows = compare::grid(&c, &selection, mode);
        let query = params.other_mode(mode);
        let toggle = if query.is_empty() {
            links.compare.clone()
        } else {
            format!("{}?{query}", links.compare)
        };
        let html = render_text(&ComparePage {
            l,
            r,
            c,
            selection,
            rows,
            links,
            mode,
            toggle,
        })?;
        Ok(Bytes::from(html))
    };
    kept_page(state, key, render).await
}
