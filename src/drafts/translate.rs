//! Translating a draft: source and translation side by side, section by
//! section, with each section's progress and the texts whose source
//! changed since they were translated. Saving a section is one audited
//! transaction under the draft's revision, like every draft save.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::PgPool;
use tower_sessions::Session;

use super::actions::{By, Via};
use super::db::{self, DraftRef};
use super::error::DraftError;
use crate::app::AppState;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::db::content_on;
use crate::profiles::languages::native_name;
use crate::profiles::model::Content;
use crate::profiles::translation::{self, Report, Section, Translation};
use crate::profiles::translation_db;
use crate::web::client::Client;
use crate::web::i18n::known_content_language;
use crate::web::{Layout, flash, render};

/// What a section's form sends.
pub struct SectionInput {
    /// Translated texts by key (blank: not translated).
    pub texts: BTreeMap<String, String>,
    /// Keys whose translation the admin confirms still fits a changed source.
    pub still_right: Vec<String>,
    /// Only the general section carries it.
    pub unofficial: Option<bool>,
}

/// Saves one section of the translation into `language` of the draft of
/// `slug`, made on `revision`; the new revision.
pub async fn save(
    pool: &PgPool,
    by: &By<'_>,
    slug: &str,
    language: &str,
    revision: i32,
    section: Section,
    input: SectionInput,
) -> Result<i32, DraftError> {
    let draft = db::draft_of(pool, slug)
        .await?
        .ok_or(DraftError::NotFound)?;
    let mut tx = pool.begin().await?;
    let source = content_on(&mut tx, draft.id).await?;
    let checked = translation::check(&source, language, input.texts)
        .map_err(|msg| DraftError::field("texts", msg))?;
    let mut tr = translation_db::one(&mut *tx, draft.id, language).await?;
    let mut changed = 0;
    for (key, now) in translation::texts(&source) {
        if Section::of(&key) != section {
            continue;
        }
        if let Some(text) = checked.get(&key) {
            let same = tr.texts.get(&key) == Some(text);
            if !same || !tr.sources.contains_key(&key) || input.still_right.contains(&key) {
                tr.sources.insert(key.clone(), now.to_string());
            }
            changed += usize::from(!same);
            tr.texts.insert(key, text.clone());
        } else {
            changed += usize::from(tr.texts.remove(&key).is_some());
            tr.sources.remove(&key);
        }
    }
    if let Some(unofficial) = input.unofficial {
        tr.unofficial = unofficial;
    }
    let Some(new_revision) = db::bump_revision(&mut tx, draft.id, revision).await? else {
        return Err(match db::revision_of(&mut *tx, draft.id).await? {
            Some(current) => DraftError::Stale { current },
            None => DraftError::NotFound,
        });
    };
    translation_db::write(&mut tx, draft.id, &tr).await?;
    let report = translation::report(&source, &tr);
    let details = json!({ "slug": slug, "revision": new_revision, "language": language,
                          "section": section.slug(), "changed": changed,
                          "translated": report.translated, "total": report.total });
    audit::record(
        &mut tx,
        by.entry("draft.translation_saved", draft.id, details),
    )
    .await?;
    tx.commit().await?;
    Ok(new_revision)
}

/// One text of the translation view.
pub struct Row {
    pub key: String,
    pub label: String,
    pub source: String,
    pub target: String,
    /// The source text it was translated from, when the source changed since.
    pub changed_from: Option<String>,
    /// A long text (a textarea rather than a line).
    pub long: bool,
}

/// One section of the translation view.
pub struct SectionView {
    pub slug: String,
    pub heading: String,
    pub rows: Vec<Row>,
    pub done: usize,
    pub outdated: usize,
}

#[derive(Template)]
#[template(path = "admin/translation.html")]
struct TranslatePage {
    l: Layout,
    draft: DraftRef,
    language: &'static str,
    source_language: String,
    sections: Vec<SectionView>,
    report: Report,
    unofficial: bool,
    /// A refusal to show above the form (the input is kept in the rows).
    problem: Option<String>,
    /// Hints of the gender-neutral wording check on the texts translated
    /// so far, with the words of the translation's language.
    wording: Vec<crate::pay::wording::Hint>,
}

impl TranslatePage {
    fn name(&self, code: &str) -> &'static str {
        native_name(code)
    }
    /// "Translate into French".
    fn title(&self) -> String {
        let into = self.l.t(format!("lang-into-{}", self.language));
        self.l.t_args("translate-into", &[("language", into)])
    }
}

/// The sections of the view, with `input` (a refused save) in place of
/// the stored texts where given.
fn sections(
    l: &Layout,
    source: &Content,
    tr: &Translation,
    input: Option<&BTreeMap<String, String>>,
) -> Vec<SectionView> {
    let report = translation::report(source, tr);
    let mut out: Vec<SectionView> = Vec::new();
    for (key, text) in translation::texts(source) {
        let section = Section::of(&key);
        if out.last().is_none_or(|s| s.slug != section.slug()) {
            out.push(SectionView {
                slug: section.slug(),
                heading: heading(l, source, section),
                rows: Vec::new(),
                done: 0,
                outdated: 0,
            });
        }
        let Some(view) = out.last_mut() else {
            continue;
        };
        let stored = tr.texts.get(&key).cloned().unwrap_or_default();
        let outdated = report.outdated.contains(&key);
        view.done += usize::from(!stored.is_empty());
        view.outdated += usize::from(outdated);
        view.rows.push(Row {
            label: label(l, source, &key),
            source: text.to_string(),
            target: input.and_then(|i| i.get(&key).cloned()).unwrap_or(stored),
            changed_from: outdated.then(|| tr.sources.get(&key).cloned().unwrap_or_default()),
            long: text.chars().count() > 90,
            key,
        });
    }
    out
}

fn heading(l: &Layout, source: &Content, section: Section) -> String {
    match section {
        Section::General => l.t("translate-section-general"),
        Section::Area(n) => {
            let title = source
                .result_areas
                .get(n.wrapping_sub(1))
                .map_or("", |a| a.title.as_str());
            l.t_args(
                "translate-section-area",
                &[("n", n.to_string()), ("title", title.to_string())],
            )
        }
        Section::Criteria => l.t("profile-criteria"),
        Section::Glossary => l.t("profile-glossary"),
    }
}

/// What a key's text is, in the reader's words.
fn label(l: &Layout, source: &Content, key: &str) -> String {
    let parts: Vec<&str> = key.split('.').collect();
    let n = |i: usize| {
        parts
            .get(i)
            .and_then(|p| p.parse::<usize>().ok())
            .unwrap_or(0)
    };
    match parts.as_slice() {
        ["title"] => l.t("translate-label-title"),
        ["purpose"] => l.t("profile-purpose"),
        ["footnote"] => l.t("translate-label-footnote"),
        ["level", code, _] => l.t_args("translate-label-level", &[("code", (*code).to_string())]),
        ["area", _, "title"] => l.t("translate-label-area"),
        ["area", _, "mission"] => l.t("translate-label-mission"),
        ["area", _, "task", _] => l.t_args("translate-label-task", &[("n", n(3).to_string())]),
        ["criterion", _, _] => l.t("profile-criterion"),
        ["cell", _, code] => {
            let criterion = source
                .criteria
                .get(n(1).wrapping_sub(1))
                .map_or("", |c| c.name.as_str());
            format!("{criterion} – {code}")
        }
        ["term", _, "term"] => l.t("translate-label-term"),
        ["term", _, _] => l.t("translate-label-definition"),
        _ => key.to_string(),
    }
}

/// The translation language of a path (404 for anything else: the page
/// does not exist), and not the draft's own language.
fn language_of(code: &str) -> AppResult<&'static str> {
    known_content_language(code).ok_or(AppError::NotFound)
}

async fn page(
    state: &AppState,
    l: Layout,
    slug: &str,
    language: &'static str,
    input: Option<&BTreeMap<String, String>>,
    problem: Option<String>,
) -> AppResult<TranslatePage> {
    let draft = db::draft_of(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let source = crate::profiles::db::content(&state.db, draft.id).await?;
    if source.language == language {
        return Err(AppError::BadRequest(Msg::new("translation-same-language")));
    }
    let tr = translation_db::one(&state.db, draft.id, language).await?;
    let terms = crate::pay::db::wording_terms(&state.db).await?;
    let wording = crate::pay::wording::check(&translation::apply(&source, &tr), &terms);
    Ok(TranslatePage {
        wording,
        sections: sections(&l, &source, &tr, input),
        report: translation::report(&source, &tr),
        unofficial: tr.unofficial,
        source_language: source.language.clone(),
        l,
        draft,
        language,
        problem,
    })
}

/// `GET /admin/profiles/{slug}/draft/translations/{lang}`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    Path((slug, code)): Path<(String, String)>,
) -> AppResult<Response> {
    let language = language_of(&code)?;
    render(&page(&state, l, &slug, language, None, None).await?)
}

/// `POST /admin/profiles/{slug}/draft/translations/{lang}/{section}`.
pub async fn save_section(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path((slug, code, section)): Path<(String, String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let language = language_of(&code)?;
    let section = Section::from_slug(&section).ok_or(AppError::NotFound)?;
    let field = |name: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let revision: i32 = field("revision")
        .and_then(|r| r.parse().ok())
        .ok_or_else(|| AppError::BadRequest(Msg::new("form-revision")))?;
    let texts: BTreeMap<String, String> = pairs
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix("t:")?.to_string(), v.clone())))
        .collect();
    let input = SectionInput {
        still_right: pairs
            .iter()
            .filter_map(|(k, _)| k.strip_prefix("ok:").map(str::to_string))
            .collect(),
        unofficial: (section == Section::General).then(|| field("unofficial").is_some()),
        texts: texts.clone(),
    };
    let by = By {
        user: &admin,
        client: &client,
        via: Via::Web,
    };
    match save(&state.db, &by, &slug, language, revision, section, input).await {
        Ok(_) => {
            flash::push(&session, Msg::new("translate-saved")).await;
            let to = format!(
                "/admin/profiles/{slug}/draft/translations/{language}#section-{}",
                section.slug()
            );
            Ok(Redirect::to(&to).into_response())
        }
        Err(DraftError::Fields(fields)) => {
            let message = fields.first().map(|(_, m)| m.render(l.lang));
            let page = page(&state, l, &slug, language, Some(&texts), message).await?;
            render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
        }
        Err(DraftError::Stale { .. }) => {
            // Someone saved the draft meanwhile: the texts sent are kept in
            // the form, on the current revision, to be saved again.
            let message = Some(l.t("translate-stale"));
            let page = page(&state, l, &slug, language, Some(&texts), message).await?;
            render(&page).map(|r| (StatusCode::CONFLICT, r).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
