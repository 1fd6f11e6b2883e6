//! `GET /compare?profiles=A,B&level=C`: one level of several profiles side
//! by side (the rules are in `cross`). Without a choice it is a form; a
//! choice that cannot be compared is the same form with what is wrong.

use std::sync::Arc;

use askama::Template;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::cached;
use super::compare::{Mode, truncate};
use super::cross::{self, Cell, Row, Table};
use super::handlers::kept_page;
use super::model::{CatalogueEntry, Content, TextPart, VersionRef};
use crate::app::AppState;
use crate::error::{AppError, AppResult, Msg};
use crate::web::{Layout, render_text};

/// A profile as compared: its current published version and its content.
pub struct Loaded {
    pub version: VersionRef,
    pub content: Arc<Content>,
}

/// Reads one profile for the cross compare: the current published version
/// of `slug` and its content, in the content language `wanted` where it
/// has a translation (else its source), or `None` when there is no such
/// profile. The one place the cross compare (page and API) loads a profile.
pub async fn load(
    state: &AppState,
    slug: &str,
    wanted: Option<&'static str>,
) -> AppResult<Option<Loaded>> {
    let Some(version) = cached::current(state, slug).await? else {
        return Ok(None);
    };
    let content = match wanted {
        Some(wanted) => super::languages::read(state, &version, wanted)
            .await?
            .content
            .clone(),
        None => cached::content(state, &version).await?,
    };
    Ok(Some(Loaded { version, content }))
}

/// A choice that can be compared: the profiles in the order asked, and
/// the index of the level in each.
pub struct Chosen {
    pub profiles: Vec<Loaded>,
    pub levels: Vec<usize>,
}

impl Chosen {
    /// The grid of the chosen level.
    pub fn table(&self, mode: Mode) -> Table {
        let contents: Vec<&Content> = self.profiles.iter().map(|p| p.content.as_ref()).collect();
        cross::table(&contents, &self.levels, mode)
    }

    /// The level's code as the first profile writes it.
    pub fn level_code(&self) -> &str {
        &self.profiles[0].content.levels[self.levels[0]].code
    }
}

/// Checks a choice and loads its profiles. Refusals: 400 for a choice
/// that is not one (too few, too many, twice the same, no level), 404
/// naming the profile or level that does not exist.
pub async fn resolve(
    state: &AppState,
    slugs: &[String],
    level: Option<&str>,
    wanted: Option<&'static str>,
) -> AppResult<Chosen> {
    cross::check_count(slugs).map_err(AppError::BadRequest)?;
    let mut profiles = Vec::with_capacity(slugs.len());
    for slug in slugs {
        match load(state, slug, wanted).await? {
            Some(loaded) => profiles.push(loaded),
            None => {
                return Err(AppError::Refused {
                    status: StatusCode::NOT_FOUND,
                    code: "unknown_profile",
                    message: Msg::new("xcompare-unknown-profile").arg("slug", truncate(slug)),
                });
            }
        }
    }
    let level = level.ok_or_else(|| AppError::BadRequest(Msg::new("xcompare-no-level")))?;
    let levels = profiles
        .iter()
        .map(|p| cross::level_index(&p.content, level))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|message| AppError::Refused {
            status: StatusCode::NOT_FOUND,
            code: "unknown_level",
            message,
        })?;
    Ok(Chosen { profiles, levels })
}

/// The parameters; `profiles` and `level` may be repeated, `profiles`
/// also comma-separated.
#[derive(Deserialize)]
pub struct CrossParams {
    #[serde(default)]
    pub profiles: Vec<String>,
    #[serde(default)]
    pub level: Vec<String>,
    /// `full`: the whole word diff; else each profile's own text with
    /// what the first profile does not say marked.
    #[serde(default)]
    pub diff: Option<String>,
    /// A profile to tick in the form (the links from a profile).
    #[serde(default)]
    pub from: Option<String>,
    /// The content language (the page reads it through its `Layout`).
    #[serde(default)]
    pub content_lang: Option<String>,
}

/// The compared profiles and their grid.
struct Shown {
    chosen: Chosen,
    table: Table,
    /// The same choice in the other mode.
    toggle: String,
}

#[derive(Template)]
#[template(path = "profiles/cross.html")]
struct CrossPage {
    l: Layout,
    catalogue: Arc<Vec<CatalogueEntry>>,
    /// Every level code of the catalogue, lowest first.
    level_codes: Vec<String>,
    /// Slugs ticked in the form.
    ticked: Vec<String>,
    /// The level chosen in the form.
    level: String,
    mode: Mode,
    /// Why the choice cannot be compared.
    error: Option<String>,
    shown: Option<Shown>,
}

impl CrossPage {
    fn full(&self) -> bool {
        self.mode == Mode::Full
    }
    fn is_ticked(&self, slug: &str) -> bool {
        self.ticked.iter().any(|s| s == slug)
    }
    fn level_chosen(&self, code: &str) -> bool {
        self.level.eq_ignore_ascii_case(code)
    }
    /// How screen readers hear a marked run.
    fn added_key(&self) -> &'static str {
        if self.full() {
            "compare-legend-added"
        } else {
            "compare-legend-new"
        }
    }
}

impl Shown {
    fn profiles(&self) -> &[Loaded] {
        &self.chosen.profiles
    }
    fn first_title(&self) -> String {
        self.chosen.profiles[0].content.title.clone()
    }
    fn title(&self, column: impl crate::web::AsIndex) -> String {
        self.chosen
            .profiles
            .get(column.index())
            .map_or_else(String::new, |p| p.content.title.clone())
    }
    fn lang(&self, column: impl crate::web::AsIndex) -> &str {
        self.chosen
            .profiles
            .get(column.index())
            .map_or("", |p| p.content.language.as_str())
    }
    fn level_name(&self, column: impl crate::web::AsIndex) -> &str {
        let i = column.index();
        match (self.chosen.profiles.get(i), self.chosen.levels.get(i)) {
            (Some(p), Some(&level)) => p.content.levels[level].name.as_str(),
            _ => "",
        }
    }
    /// "title (version n)", naming a cell on phones.
    fn column_label(&self, column: impl crate::web::AsIndex, version_word: &str) -> String {
        let i = column.index();
        self.chosen.profiles.get(i).map_or_else(String::new, |p| {
            format!("{} ({version_word} {})", p.content.title, p.version.version)
        })
    }
    /// The titles of the profiles a row is missing from.
    fn lacking(&self, row: &Row) -> String {
        row.lacking
            .iter()
            .map(|&c| self.title(c))
            .collect::<Vec<_>>()
            .join(", ")
    }
    /// The tables shown, by caption key (also their id): criteria every
    /// profile has, then those only some have; an empty one is left out.
    fn sections(&self) -> Vec<(&'static str, &[Row])> {
        [
            ("xcompare-caption", self.table.matched.as_slice()),
            ("xcompare-caption-partial", self.table.partial.as_slice()),
        ]
        .into_iter()
        .filter(|(_, rows)| !rows.is_empty())
        .collect()
    }
    fn count(&self) -> String {
        self.chosen.profiles.len().to_string()
    }
}

/// Every level code of the catalogue, lowest first as the profiles list
/// them (the first profile's order, others' codes where they fit).
fn level_codes(catalogue: &[CatalogueEntry]) -> Vec<String> {
    let mut codes: Vec<String> = Vec::new();
    for entry in catalogue {
        let mut at = 0;
        for code in &entry.levels {
            if let Some(found) = codes.iter().position(|c| c == code) {
                at = found + 1;
            } else {
                codes.insert(at, code.clone());
                at += 1;
            }
        }
    }
    codes
}

/// The query of `slugs` at `level` in the other mode than `mode`.
fn toggle_query(slugs: &[String], level: &str, mode: Mode) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.append_pair("profiles", &slugs.join(","));
    query.append_pair("level", level);
    if mode == Mode::New {
        query.append_pair("diff", "full");
    }
    format!("/compare?{}", query.finish())
}

/// `GET /compare`.
pub async fn page(
    State(state): State<AppState>,
    l: Layout,
    axum_extra::extract::Query(params): axum_extra::extract::Query<CrossParams>,
) -> AppResult<Response> {
    let catalogue = cached::catalogue(&state).await?;
    let slugs = cross::slugs(&params.profiles);
    let level = cross::level(&params.level);
    let mode = Mode::parse(params.diff.as_deref());
    let mut form = CrossPage {
        level_codes: level_codes(&catalogue),
        catalogue,
        ticked: if slugs.is_empty() {
            params.from.iter().cloned().collect()
        } else {
            slugs.clone()
        },
        level: level.as_ref().ok().cloned().flatten().unwrap_or_default(),
        mode: mode.clone().unwrap_or_default(),
        error: None,
        shown: None,
        l,
    };
    let nothing_chosen =
        slugs.is_empty() && params.level.iter().all(|v| v.trim().is_empty()) && mode.is_ok();
    if nothing_chosen {
        return rendered(StatusCode::OK, &form);
    }
    let wanted = form.l.content_language()?;
    let checked = match (level, mode) {
        (Err(msg), _) | (_, Err(msg)) => Err(AppError::BadRequest(msg)),
        (Ok(level), Ok(_)) => resolve(&state, &slugs, level.as_deref(), Some(wanted)).await,
    };
    let chosen = match checked {
        Ok(chosen) => chosen,
        Err(AppError::BadRequest(message)) => {
            form.error = Some(message.render(form.l.lang));
            return rendered(StatusCode::BAD_REQUEST, &form);
        }
        Err(AppError::Refused {
            status, message, ..
        }) => {
            form.error = Some(message.render(form.l.lang));
            return rendered(status, &form);
        }
        Err(other) => return Err(other),
    };
    // A visitor without a session sees what anyone sees: keep the page
    // by the versions compared, the language and the address.
    let key = form.l.is_anonymous().then(|| {
        let ids: Vec<String> = chosen
            .profiles
            .iter()
            .map(|p| p.version.id.to_string())
            .collect();
        format!(
            "x{}|{}|{wanted}|{}",
            ids.join(","),
            form.l.lang.code(),
            form.l.uri()
        )
    });
    let render = async move {
        let table = chosen.table(form.mode);
        let toggle = toggle_query(&slugs, chosen.level_code(), form.mode);
        form.level = chosen.level_code().to_string();
        form.shown = Some(Shown {
            chosen,
            table,
            toggle,
        });
        Ok(Bytes::from(render_text(&form)?))
    };
    kept_page(&state, key, render).await
}

fn rendered(status: StatusCode, page: &CrossPage) -> AppResult<Response> {
    Ok((status, Html(render_text(page)?)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(codes: &[&str]) -> CatalogueEntry {
        CatalogueEntry {
            slug: String::new(),
            title: String::new(),
            purpose: String::new(),
            version: 1,
            levels: codes.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn level_codes_keep_the_profiles_order() {
        let codes = level_codes(&[
            entry(&["D", "C", "B"]),
            entry(&["C", "B", "A"]),
            entry(&["E", "D"]),
        ]);
        assert_eq!(codes, ["E", "D", "C", "B", "A"]);
    }

    #[test]
    fn the_toggle_keeps_the_choice() {
        assert_eq!(
            toggle_query(&["a".into(), "b".into()], "C", Mode::New),
            "/compare?profiles=a%2Cb&level=C&diff=full"
        );
        assert_eq!(
            toggle_query(&["a".into(), "b".into()], "C", Mode::Full),
            "/compare?profiles=a%2Cb&level=C"
        );
    }
}
