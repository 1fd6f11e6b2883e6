//! `/admin/thesaurus`: the synonym sets that task matching and evidence
//! reading use (`assessment::thesaurus`). Each change is audited; the
//! database announces it, and every instance analyses profiles anew.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;

use crate::app::AppState;
use crate::assessment::text::Language;
use crate::assessment::thesaurus::{self, SynonymSet, Thesaurus};
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, flash, render};

#[derive(Template)]
#[template(path = "admin/thesaurus.html")]
struct ThesaurusPage {
    l: Layout,
    language: &'static str,
    sets: Vec<SynonymSet>,
    errors: Errors,
    /// The new set's fields as typed (kept when refused).
    terms: String,
    broader: String,
    /// Starter sets of this language that are not stored here.
    missing: Vec<SynonymSet>,
}

impl ThesaurusPage {
    fn joined(list: &[String], separator: &str) -> String {
        list.join(separator)
    }
    fn languages(&self) -> [&'static str; 3] {
        ["nl", "fr", "en"]
    }
    fn is_shown(&self, code: &str) -> bool {
        code == self.language
    }
}

#[derive(Deserialize)]
pub struct LanguageQuery {
    lang_set: Option<String>,
}

/// The language shown: Dutch unless another is asked for.
fn language_of(code: Option<&str>) -> Language {
    Language::from_code(code.unwrap_or("nl"))
}

async fn page(
    state: &AppState,
    l: Layout,
    language: Language,
    errors: Errors,
    terms: String,
    broader: String,
) -> AppResult<ThesaurusPage> {
    let all = Thesaurus::load(&state.db).await?;
    let sets = all.sets(language).cloned().collect();
    Ok(ThesaurusPage {
        l,
        language: language.code(),
        sets,
        errors,
        terms,
        broader,
        missing: thesaurus::missing_starter(&all, language),
    })
}

/// `GET /admin/thesaurus?lang_set=nl`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    Query(query): Query<LanguageQuery>,
) -> AppResult<Response> {
    let language = language_of(query.lang_set.as_deref());
    render(
        &page(
            &state,
            l,
            language,
            Errors::none(),
            String::new(),
            String::new(),
        )
        .await?,
    )
}

#[derive(Deserialize)]
pub struct SetForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    terms: String,
    #[serde(default)]
    broader: String,
}

/// `POST /admin/thesaurus`: a new set.
pub async fn create(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Form(form): Form<SetForm>,
) -> AppResult<Response> {
    let language = Language::parse(&form.language)
        .ok_or_else(|| AppError::BadRequest(Msg::new("thesaurus-language-unknown")))?;
    let (terms, broader) = match thesaurus::read_form(&form.terms, &form.broader) {
        Ok(read) => read,
        Err(problems) => {
            let errors = field_errors(problems, "", &l);
            let page = page(&state, l, language, errors, form.terms, form.broader).await?;
            return render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let id = thesaurus::insert(&mut tx, language, &terms, &broader).await?;
    audit::record(
        &mut tx,
        Entry {
            action: "thesaurus.created",
            subject_type: "thesaurus_set",
            subject_id: id.to_string(),
            details: json!({"language": language.code(), "terms": terms, "broader": broader}),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("thesaurus-saved")).await;
    Ok(Redirect::to(&format!("/admin/thesaurus?lang_set={}", language.code())).into_response())
}

/// `POST /admin/thesaurus/{id}`: a set rewritten.
pub async fn update(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<SetForm>,
) -> AppResult<Response> {
    let language = language_of(Some(form.language.as_str()));
    let (terms, broader) = match thesaurus::read_form(&form.terms, &form.broader) {
        Ok(read) => read,
        Err(problems) => {
            let errors = field_errors(problems, &format!("-{id}"), &l);
            let page = page(&state, l, language, errors, String::new(), String::new()).await?;
            return render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let Some((old_terms, old_broader)) = thesaurus::update(&mut tx, id, &terms, &broader).await?
    else {
        return Err(AppError::NotFound);
    };
    audit::record(
        &mut tx,
        Entry {
            action: "thesaurus.updated",
            subject_type: "thesaurus_set",
            subject_id: id.to_string(),
            details: json!({
                "before": {"terms": old_terms, "broader": old_broader},
                "after": {"terms": terms, "broader": broader},
            }),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("thesaurus-saved")).await;
    Ok(Redirect::to(&format!(
        "/admin/thesaurus?lang_set={}#set-{id}",
        language.code()
    ))
    .into_response())
}

/// `POST /admin/thesaurus/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let Some(old) = thesaurus::delete(&mut tx, id).await? else {
        return Err(AppError::NotFound);
    };
    audit::record(
        &mut tx,
        Entry {
            action: "thesaurus.deleted",
            subject_type: "thesaurus_set",
            subject_id: id.to_string(),
            details: json!({"language": old.language.code(), "terms": old.terms, "broader": old.broader}),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("thesaurus-deleted")).await;
    Ok(Redirect::to(&format!(
        "/admin/thesaurus?lang_set={}",
        old.language.code()
    ))
    .into_response())
}

#[derive(Deserialize)]
pub struct StarterForm {
    #[serde(default)]
    language: String,
}

/// `POST /admin/thesaurus/starter`: stores the starter sets of a language
/// that are not stored here (an installation older than its starter set
/// gets the new sets; a deleted one comes back), in one audited change.
pub async fn add_starter(
    State(state): State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Form(form): Form<StarterForm>,
) -> AppResult<Response> {
    let language = Language::parse(&form.language)
        .ok_or_else(|| AppError::BadRequest(Msg::new("thesaurus-language-unknown")))?;
    let mut tx = state.db.begin().await?;
    // Two admins adding at once add each set once.
    sqlx::query!("LOCK TABLE thesaurus_sets IN SHARE ROW EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    let stored = Thesaurus::load(&mut *tx).await?;
    let missing = thesaurus::missing_starter(&stored, language);
    let mut added = Vec::new();
    for set in &missing {
        let id = thesaurus::insert(&mut tx, language, &set.terms, &set.broader).await?;
        added.push(json!({"id": id, "terms": set.terms, "broader": set.broader}));
    }
    if !added.is_empty() {
        audit::record(
            &mut tx,
            Entry {
                action: "thesaurus.starter_added",
                subject_type: "thesaurus",
                subject_id: language.code().to_string(),
                details: json!({"language": language.code(), "sets": added}),
                actor: Some(admin.id),
                client: &client,
            },
        )
        .await?;
    }
    tx.commit().await?;
    flash::push(
        &session,
        Msg::new("thesaurus-starter-added").arg("count", missing.len()),
    )
    .await;
    Ok(Redirect::to(&format!("/admin/thesaurus?lang_set={}", language.code())).into_response())
}

/// Problems of a set's form, named as the page's fields (`terms`, or
/// `terms-7` for set 7).
fn field_errors(problems: Vec<(&'static str, Msg)>, suffix: &str, l: &Layout) -> Errors {
    let mut errors = FieldErrors::default();
    for (field, msg) in problems {
        errors.add(format!("{field}{suffix}"), msg);
    }
    errors.render(l.lang)
}
