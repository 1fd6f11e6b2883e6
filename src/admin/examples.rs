//! `/admin/profiles/{slug}/examples`: the examples of a profile that the
//! reading of what managers write compares with: evidence worded at one
//! level of one criterion (`assessment::examples`) and tasks of one result
//! area (`assessment::task_examples`). Each change is audited; the
//! database announces it, and every instance analyses the profile anew.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;

use crate::app::AppState;
use crate::assessment::examples::{self, Example};
use crate::assessment::task_examples::{self, TaskExample};
use crate::assessment::text::Language;
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::model::Content;
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, flash, render};

/// Longest example, as the evidence a match reads.
const MAX_CHARS: usize = 2000;

/// The examples of one level of one criterion.
struct Cell {
    level_name: String,
    examples: Vec<Example>,
}

struct CriterionExamples {
    name: String,
    cells: Vec<Cell>,
}

/// The task examples of one result area.
struct AreaExamples {
    title: String,
    examples: Vec<TaskExample>,
}

#[derive(Template)]
#[template(path = "admin/examples.html")]
struct ExamplesPage {
    l: Layout,
    slug: String,
    title: String,
    language: &'static str,
    criteria: Vec<CriterionExamples>,
    /// Examples of criteria or levels the current version lacks.
    others: Vec<Example>,
    levels: Vec<(String, String)>,
    count: usize,
    errors: Errors,
    /// The new example's fields as typed (kept when refused).
    criterion: String,
    level: String,
    text: String,
    areas: Vec<AreaExamples>,
    /// Task examples of areas the current version lacks.
    other_tasks: Vec<TaskExample>,
    task_count: usize,
    /// The new task example's fields as typed.
    area: String,
    task: String,
}

impl ExamplesPage {
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

/// The profile's id and current content, or 404.
async fn profile(state: &AppState, slug: &str) -> AppResult<(i64, std::sync::Arc<Content>)> {
    let id = crate::drafts::db::profile_id(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let current = crate::profiles::cached::current(state, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((id, crate::profiles::cached::content(state, &current).await?))
}

/// What was typed in the page's forms (kept when refused).
#[derive(Default)]
struct Typed {
    criterion: String,
    level: String,
    text: String,
    area: String,
    task: String,
}

async fn page(
    state: &AppState,
    l: Layout,
    slug: &str,
    language: Language,
    errors: Errors,
    typed: Typed,
) -> AppResult<ExamplesPage> {
    let (id, content) = profile(state, slug).await?;
    let mut all = examples::of_profile(&state.db, id, language.code()).await?;
    let count = all.len();
    let mut criteria = Vec::new();
    for criterion in &content.criteria {
        let mut cells = Vec::new();
        for level in &content.levels {
            let (here, rest): (Vec<Example>, Vec<Example>) = all
                .into_iter()
                .partition(|e| e.criterion == criterion.name && e.level == level.code);
            all = rest;
            cells.push(Cell {
                level_name: level.name.clone(),
                examples: here,
            });
        }
        criteria.push(CriterionExamples {
            name: criterion.name.clone(),
            cells,
        });
    }
    let mut tasks = task_examples::of_profile(&state.db, id, language.code()).await?;
    let task_count = tasks.len();
    let mut areas = Vec::new();
    for area in &content.result_areas {
        let (here, rest): (Vec<TaskExample>, Vec<TaskExample>) =
            tasks.into_iter().partition(|e| e.area == area.title);
        tasks = rest;
        areas.push(AreaExamples {
            title: area.title.clone(),
            examples: here,
        });
    }
    Ok(ExamplesPage {
        l,
        slug: slug.to_string(),
        title: content.title.clone(),
        language: language.code(),
        criteria,
        others: all,
        levels: content
            .levels
            .iter()
            .map(|l| (l.code.clone(), l.name.clone()))
            .collect(),
        count,
        errors,
        criterion: typed.criterion,
        level: typed.level,
        text: typed.text,
        areas,
        other_tasks: tasks,
        task_count,
        area: typed.area,
        task: typed.task,
    })
}

/// `GET /admin/profiles/{slug}/examples?lang_set=nl`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
    Query(query): Query<LanguageQuery>,
) -> AppResult<Response> {
    let language = Language::from_code(query.lang_set.as_deref().unwrap_or("nl"));
    render(&page(&state, l, &slug, language, Errors::none(), Typed::default()).await?)
}

#[derive(Deserialize)]
pub struct ExampleForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    criterion: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    text: String,
}

/// What is wrong with a new example for `content`, by field.
fn problems(content: &Content, form: &ExampleForm) -> Vec<(&'static str, Msg)> {
    let mut out = Vec::new();
    if !content.criteria.iter().any(|c| c.name == form.criterion) {
        out.push(("criterion", Msg::new("examples-criterion-unknown")));
    }
    if !content.levels.iter().any(|l| l.code == form.level) {
        out.push(("level", Msg::new("examples-level-unknown")));
    }
    let text = form.text.trim();
    if text.is_empty() {
        out.push(("text", Msg::new("examples-text-empty")));
    } else if text.chars().count() > MAX_CHARS {
        out.push((
            "text",
            Msg::new("examples-text-too-long").arg("max", MAX_CHARS),
        ));
    }
    out
}

/// `POST /admin/profiles/{slug}/examples`: a new example.
pub async fn create(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(slug): Path<String>,
    Form(form): Form<ExampleForm>,
) -> AppResult<Response> {
    let language = Language::parse(&form.language)
        .ok_or_else(|| AppError::BadRequest(Msg::new("thesaurus-language-unknown")))?;
    let (profile_id, content) = profile(&state, &slug).await?;
    let problems = problems(&content, &form);
    if !problems.is_empty() {
        let mut errors = FieldErrors::default();
        for (field, msg) in problems {
            errors.add(field.to_string(), msg);
        }
        let typed = Typed {
            criterion: form.criterion,
            level: form.level,
            text: form.text,
            ..Typed::default()
        };
        return refused(&state, l, &slug, language, errors, typed).await;
    }
    let example = Example {
        id: 0,
        language: language.code().to_string(),
        criterion: form.criterion,
        level: form.level,
        text: form.text.trim().to_string(),
    };
    let mut tx = state.db.begin().await?;
    let id = examples::insert(&mut tx, profile_id, &example, Some(admin.id)).await?;
    let change = Change {
        action: "level_example.added",
        subject_type: "level_example",
        id,
        details: json!({
            "profile": slug,
            "language": example.language,
            "criterion": example.criterion,
            "level": example.level,
            "text": example.text,
        }),
    };
    let back = Back {
        slug: &slug,
        language: language.code(),
        anchor: Some(format!("example-{id}")),
        flash: "examples-saved",
    };
    finish(tx, &admin, &client, &session, change, back).await
}

/// `POST /admin/profiles/{slug}/examples/{id}/delete`.
pub async fn delete(
    State(state): State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let profile_id = crate::drafts::db::profile_id(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let Some(old) = examples::delete(&mut tx, profile_id, id).await? else {
        return Err(AppError::NotFound);
    };
    let change = Change {
        action: "level_example.deleted",
        subject_type: "level_example",
        id,
        details: json!({
            "profile": slug,
            "language": old.language,
            "criterion": old.criterion,
            "level": old.level,
            "text": old.text,
        }),
    };
    let back = Back {
        slug: &slug,
        language: &old.language,
        anchor: None,
        flash: "examples-deleted",
    };
    finish(tx, &admin, &client, &session, change, back).await
}

/// The page again with what was typed and why it was refused (422).
async fn refused(
    state: &AppState,
    l: Layout,
    slug: &str,
    language: Language,
    errors: FieldErrors,
    typed: Typed,
) -> AppResult<Response> {
    let errors = errors.render(l.lang);
    let page = page(state, l, slug, language, errors, typed).await?;
    render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
}

#[derive(Deserialize)]
pub struct TaskForm {
    #[serde(default)]
    language: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    task: String,
}

/// `POST /admin/profiles/{slug}/examples/tasks`: a new task example.
pub async fn create_task(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(slug): Path<String>,
    Form(form): Form<TaskForm>,
) -> AppResult<Response> {
    let language = Language::parse(&form.language)
        .ok_or_else(|| AppError::BadRequest(Msg::new("thesaurus-language-unknown")))?;
    let (profile_id, content) = profile(&state, &slug).await?;
    let mut errors = FieldErrors::default();
    if !content.result_areas.iter().any(|a| a.title == form.area) {
        errors.add("area".to_string(), Msg::new("examples-area-unknown"));
    }
    let task = form.task.trim();
    if task.is_empty() {
        errors.add("task".to_string(), Msg::new("examples-task-empty"));
    } else if task.chars().count() > MAX_CHARS {
        errors.add(
            "task".to_string(),
            Msg::new("examples-text-too-long").arg("max", MAX_CHARS),
        );
    }
    if !errors.is_empty() {
        let typed = Typed {
            area: form.area,
            task: form.task,
            ..Typed::default()
        };
        return refused(&state, l, &slug, language, errors, typed).await;
    }
    let example = TaskExample {
        id: 0,
        language: language.code().to_string(),
        area: form.area,
        text: task.to_string(),
    };
    let mut tx = state.db.begin().await?;
    let id = task_examples::insert(&mut tx, profile_id, &example, Some(admin.id)).await?;
    let change = Change {
        action: "task_example.added",
        subject_type: "task_example",
        id,
        details: json!({
            "profile": slug,
            "language": example.language,
            "result_area": example.area,
            "text": example.text,
        }),
    };
    let back = Back {
        slug: &slug,
        language: language.code(),
        anchor: Some(format!("task-example-{id}")),
        flash: "examples-saved",
    };
    finish(tx, &admin, &client, &session, change, back).await
}

/// `POST /admin/profiles/{slug}/examples/tasks/{id}/delete`.
pub async fn delete_task(
    State(state): State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path((slug, id)): Path<(String, i64)>,
) -> AppResult<Response> {
    let profile_id = crate::drafts::db::profile_id(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    let Some(old) = task_examples::delete(&mut tx, profile_id, id).await? else {
        return Err(AppError::NotFound);
    };
    let change = Change {
        action: "task_example.deleted",
        subject_type: "task_example",
        id,
        details: json!({
            "profile": slug,
            "language": old.language,
            "result_area": old.area,
            "text": old.text,
        }),
    };
    let back = Back {
        slug: &slug,
        language: &old.language,
        anchor: None,
        flash: "examples-deleted",
    };
    finish(tx, &admin, &client, &session, change, back).await
}

/// An audited change of example `id`.
struct Change {
    action: &'static str,
    subject_type: &'static str,
    id: i64,
    details: serde_json::Value,
}

/// Where an admin returns after a change: the page in `language`, at
/// `anchor`, with the `flash` message.
struct Back<'a> {
    slug: &'a str,
    language: &'a str,
    anchor: Option<String>,
    flash: &'static str,
}

/// Records `change` in the audit log, commits it and returns to the page.
async fn finish(
    mut tx: sqlx::Transaction<'_, sqlx::Postgres>,
    admin: &CurrentUser,
    client: &Client,
    session: &Session,
    change: Change,
    back: Back<'_>,
) -> AppResult<Response> {
    audit::record(
        &mut tx,
        Entry {
            action: change.action,
            subject_type: change.subject_type,
            subject_id: change.id.to_string(),
            details: change.details,
            actor: Some(admin.id),
            client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(session, Msg::new(back.flash)).await;
    let anchor = back.anchor.map(|a| format!("#{a}")).unwrap_or_default();
    let url = format!(
        "/admin/profiles/{}/examples?lang_set={}{anchor}",
        back.slug, back.language
    );
    Ok(Redirect::to(&url).into_response())
}
