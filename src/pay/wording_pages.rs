//! The pages of the wording check: a version's report (HR officers and
//! admins, `/profiles/{slug}/versions/{n}/wording`) and the word list
//! admins keep (`/admin/wording`, every change audited).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::db;
use super::wording::{self, Hint, Place, Term};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, flash, render};

/// Where a hint is, as a reader sees it.
pub fn place_text(place: &Place, l: &Layout) -> String {
    match place {
        Place::Title => l.t("wording-place-title"),
        Place::Purpose => l.t("wording-place-purpose"),
        Place::Footnote => l.t("wording-place-footnote"),
        Place::Area(name) => l.t_args("wording-place-area", &[("name", name.clone())]),
        Place::Task(name) => l.t_args("wording-place-task", &[("name", name.clone())]),
        Place::Criterion(name) => l.t_args("wording-place-criterion", &[("name", name.clone())]),
        Place::Cell(name, level) => l.t_args(
            "wording-place-cell",
            &[("name", name.clone()), ("level", level.clone())],
        ),
        Place::Glossary(term) => l.t_args("wording-place-glossary", &[("name", term.clone())]),
    }
}

/// A version's wording report: its source, then each translation.
#[derive(Template)]
#[template(path = "pay/wording.html")]
struct WordingPage {
    l: Layout,
    slug: String,
    version: i32,
    title: String,
    languages: Vec<LanguageHints>,
}

/// The hints of one language of a version.
struct LanguageHints {
    code: String,
    /// The text the version was written in.
    source: bool,
    hints: Vec<Hint>,
    /// Texts a translation lacks (they are checked in the source).
    untranslated: usize,
}

impl LanguageHints {
    fn name(&self) -> &'static str {
        crate::profiles::languages::native_name(&self.code)
    }
}

impl WordingPage {
    fn place(&self, place: &Place) -> String {
        place_text(place, &self.l)
    }
}

/// `GET /profiles/{slug}/versions/{n}/wording`.
pub async fn report(
    State(state): State<AppState>,
    l: Layout,
    Path((slug, version)): Path<(String, i32)>,
) -> AppResult<Response> {
    let v = crate::profiles::db::published_version(&state.db, &slug, version)
        .await?
        .ok_or(AppError::NotFound)?;
    let content = crate::profiles::cached::content(&state, &v).await?;
    let translations = crate::profiles::translation_db::load(&state.db, v.id).await?;
    let terms = db::wording_terms(&state.db).await?;
    let mut languages = vec![LanguageHints {
        code: content.language.clone(),
        source: true,
        hints: wording::check(&content, &terms),
        untranslated: 0,
    }];
    for tr in &translations {
        let translated = crate::profiles::translation::apply(&content, tr);
        languages.push(LanguageHints {
            code: tr.language.clone(),
            source: false,
            hints: wording::check(&translated, &terms),
            untranslated: translated.untranslated.len(),
        });
    }
    render(&WordingPage {
        l,
        slug: v.slug.clone(),
        version: v.version,
        title: content.title.clone(),
        languages,
    })
}

/// The word list and the form to add to it.
#[derive(Template)]
#[template(path = "pay/wording_admin.html")]
struct ListPage {
    l: Layout,
    terms: Vec<Term>,
    form: TermForm,
    errors: Errors,
}

/// A new term as typed.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct TermForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    term: String,
    #[serde(default)]
    pair: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    advice: String,
}

/// The kinds of terms.
pub const KINDS: [&str; 3] = ["pronoun", "title", "phrase"];

impl TermForm {
    fn parse(&self) -> Result<Term, FieldErrors> {
        let mut errors = FieldErrors::default();
        let language = self.language.trim();
        if !["nl", "fr", "en"].contains(&language) {
            errors.add("language", Msg::new("wording-language-invalid"));
        }
        let term = self.term.trim().to_lowercase();
        if term.is_empty() || term.chars().count() > 80 {
            errors.add("term", Msg::new("wording-term-invalid"));
        }
        let pair = self.pair.trim().to_lowercase();
        if pair.chars().count() > 80 {
            errors.add("pair", Msg::new("wording-term-invalid"));
        }
        let kind = self.kind.trim();
        if !KINDS.contains(&kind) {
            errors.add("kind", Msg::new("wording-kind-invalid"));
        }
        let advice = self.advice.trim();
        if advice.chars().count() > 300 {
            errors.add("advice", Msg::new("wording-advice-too-long"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Term {
            id: 0,
            language: language.to_string(),
            term,
            pair,
            kind: kind.to_string(),
            advice: advice.to_string(),
        })
    }
}

/// `GET /admin/wording`.
pub async fn list(State(state): State<AppState>, l: Layout) -> AppResult<Response> {
    let terms = db::wording_terms(&state.db).await?;
    render(&ListPage {
        l,
        terms,
        form: TermForm::default(),
        errors: Errors::none(),
    })
}

/// `POST /admin/wording`: adds a term, audited.
pub async fn add(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    session: Session,
    client: Client,
    Form(form): Form<TermForm>,
) -> AppResult<Response> {
    let refused = |l: Layout, terms, form, errors: FieldErrors| {
        let errors = errors.render(l.lang);
        render(&ListPage {
            l,
            terms,
            form,
            errors,
        })
        .map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
    };
    let term = match form.parse() {
        Ok(term) => term,
        Err(errors) => {
            let terms = db::wording_terms(&state.db).await?;
            return refused(l, terms, form, errors);
        }
    };
    let mut tx = state.db.begin().await?;
    let Some(id) = db::add_wording_term(&mut tx, &term).await? else {
        drop(tx);
        let mut errors = FieldErrors::default();
        errors.add("term", Msg::new("wording-term-exists"));
        let terms = db::wording_terms(&state.db).await?;
        return refused(l, terms, form, errors);
    };
    crate::audit::record(
        &mut tx,
        crate::audit::Entry {
            action: "wording.term_added",
            subject_type: "wording_term",
            subject_id: id.to_string(),
            details: serde_json::json!({
                "language": term.language, "term": term.term, "pair": term.pair,
                "kind": term.kind, "advice": term.advice,
            }),
            actor: Some(user.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("wording-term-added")).await;
    Ok(Redirect::to("/admin/wording").into_response())
}

/// `POST /admin/wording/{id}/delete`: removes a term, audited.
pub async fn remove(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let removed = db::remove_wording_term(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::audit::record(
        &mut tx,
        crate::audit::Entry {
            action: "wording.term_removed",
            subject_type: "wording_term",
            subject_id: id.to_string(),
            details: serde_json::json!({ "term": removed }),
            actor: Some(user.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("wording-term-removed")).await;
    Ok(Redirect::to("/admin/wording").into_response())
}
