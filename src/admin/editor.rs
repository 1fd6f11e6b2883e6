//! The draft editor: each section saves on its own, carrying the draft
//! revision it was made on. A stale save shows the other admin's text and
//! the submitted text side by side and lets the admin choose.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::json;
use tower_sessions::Session;

use super::sections::{self, Fields, Outcome, Section};
use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::document::{DocumentErrors, LANGUAGES, ProfileDocument};
use crate::profiles::drafts::{self, DraftError, DraftRef};
use crate::web::client::Client;
use crate::web::forms::Errors;
use crate::web::{Layout, flash, render};

#[derive(Template)]
#[template(path = "admin/profile_editor.html")]
pub struct EditorPage {
    pub l: Layout,
    pub draft: DraftRef,
    pub doc: ProfileDocument,
    pub errors: Errors,
    /// Document problems (JSON path and message).
    pub problems: Vec<(String, String)>,
    pub change_note: String,
    pub effective: String,
}

impl EditorPage {
    fn languages(&self) -> &'static [&'static str] {
        &LANGUAGES
    }
    fn cell(&self, criterion: &str, code: &str) -> String {
        self.doc
            .criteria
            .iter()
            .find(|c| c.name == criterion)
            .and_then(|c| c.descriptors.get(code))
            .cloned()
            .unwrap_or_default()
    }
    fn tasks_text(&self, i: impl crate::web::AsIndex) -> String {
        self.doc
            .result_areas
            .get(i.index())
            .map(|a| a.tasks.join("\n"))
            .unwrap_or_default()
    }
    /// The index a criterion row had when the page was made ("" for new rows).
    fn old_index(&self, i: impl crate::web::AsIndex) -> String {
        let i = i.index();
        match self.doc.criteria.get(i) {
            Some(c) if !c.name.is_empty() || !c.descriptors.is_empty() => i.to_string(),
            _ => String::new(),
        }
    }
}

/// Loads the draft of `slug` (404 when there is none).
async fn load(state: &AppState, slug: &str) -> AppResult<(DraftRef, ProfileDocument)> {
    let draft = drafts::draft_of(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let doc = drafts::document(&state.db, &draft).await?;
    Ok((draft, doc))
}

/// `GET /admin/profiles/{slug}/draft`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (draft, doc) = load(&state, &slug).await?;
    render(&EditorPage {
        l,
        draft,
        doc,
        errors: Errors::none(),
        problems: Vec::new(),
        change_note: String::new(),
        effective: String::new(),
    })
}

#[derive(Template)]
#[template(path = "admin/profile_conflict.html")]
struct ConflictPage {
    l: Layout,
    slug: String,
    section: Section,
    /// (label, text now saved, text you sent).
    rows: Vec<(String, String, String)>,
    /// The submitted fields, to send again over the newer revision.
    fields: Vec<(String, String)>,
    revision: i32,
    action: String,
}

#[derive(Template)]
#[template(path = "admin/profile_confirm.html")]
struct ConfirmPage {
    l: Layout,
    slug: String,
    section: Section,
    what: String,
    cells: usize,
    fields: Vec<(String, String)>,
}

/// `POST /admin/profiles/{slug}/draft/{section}`: saves one section.
pub async fn save_section(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path((slug, name)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let fields = Fields(pairs);
    let section = Section::parse(&name, &fields).ok_or(AppError::NotFound)?;
    let revision: i32 = fields
        .get("revision")
        .parse()
        .map_err(|_| AppError::BadRequest(Msg::new("form-revision")))?;
    let (draft, doc) = load(&state, &slug).await?;
    if let Section::Cells(i) = section
        && i >= doc.criteria.len()
    {
        return Err(AppError::BadRequest(Msg::new("editor-no-criterion")));
    }
    if revision != draft.revision {
        return conflict(l, &slug, section, &doc, &fields, draft.revision);
    }
    let new_doc = match sections::apply(&doc, section, &fields) {
        Outcome::Save(new_doc) => new_doc,
        Outcome::AddRow(new_doc) => {
            return render(&EditorPage {
                l,
                draft,
                doc: new_doc,
                errors: Errors::none(),
                problems: Vec::new(),
                change_note: String::new(),
                effective: String::new(),
            });
        }
        Outcome::Confirm { what, cells } => {
            let fields: Vec<(String, String)> = fields
                .0
                .into_iter()
                .filter(|(k, _)| k != "csrf_token" && k != "confirm")
                .collect();
            return render(&ConfirmPage {
                l,
                slug,
                section,
                what,
                cells,
                fields,
            });
        }
    };
    let mut tx = state.db.begin().await?;
    match drafts::save(&mut tx, draft.id, revision, &new_doc).await {
        Ok(new_revision) => {
            let before = sections::values(&doc, section);
            let after = sections::values(&new_doc, section);
            audit::record(&mut tx, Entry {
                action: "draft.saved",
                subject_type: "profile_version",
                subject_id: draft.id.to_string(),
                details: json!({ "slug": slug, "section": section.slug(), "revision": new_revision,
                                 "changed": changed_labels(&before, &after) }),
                actor: Some(admin.id),
                client: &client,
            })
            .await?;
            tx.commit().await?;
            flash::push(&session, Msg::new("editor-saved")).await;
            Ok(
                Redirect::to(&format!("/admin/profiles/{slug}/draft#{}", anchor(section)))
                    .into_response(),
            )
        }
        Err(DraftError::Stale { current }) => {
            drop(tx);
            let (_, doc) = load(&state, &slug).await?;
            conflict(l, &slug, section, &doc, &fields, current)
        }
        Err(DraftError::Invalid(errors)) => {
            drop(tx);
            let page = EditorPage {
                problems: problems(&errors),
                l,
                draft,
                doc: new_doc,
                errors: Errors::none(),
                change_note: String::new(),
                effective: String::new(),
            };
            render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
        }
        Err(err) => Err(draft_error(err)),
    }
}

/// Labels whose text differs between two value lists (for the audit log).
fn changed_labels(before: &[(String, String)], after: &[(String, String)]) -> Vec<String> {
    let mut labels: Vec<String> = after
        .iter()
        .filter(|(label, text)| {
            before
                .iter()
                .find(|(l, _)| l == label)
                .is_none_or(|(_, t)| t != text)
        })
        .map(|(label, _)| label.clone())
        .collect();
    labels.extend(
        before
            .iter()
            .filter(|(l, _)| !after.iter().any(|(a, _)| a == l))
            .map(|(l, _)| format!("-{l}")),
    );
    labels
}

/// The document's problems as (path, message).
pub fn problems(errors: &DocumentErrors) -> Vec<(String, String)> {
    errors
        .0
        .iter()
        .map(|e| (e.path.clone(), e.message.clone()))
        .collect()
}

/// Shows what is saved now next to what was sent.
fn conflict(
    l: Layout,
    slug: &str,
    section: Section,
    current: &ProfileDocument,
    fields: &Fields,
    revision: i32,
) -> AppResult<Response> {
    let submitted = match sections::apply(current, section, fields) {
        Outcome::Save(doc) | Outcome::AddRow(doc) => doc,
        Outcome::Confirm { .. } => current.clone(),
    };
    let theirs = sections::values(current, section);
    let mine = sections::values(&submitted, section);
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (label, text) in &theirs {
        let yours = mine
            .iter()
            .find(|(l, _)| l == label)
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        rows.push((label.clone(), text.clone(), yours));
    }
    for (label, text) in mine
        .iter()
        .filter(|(l, _)| !theirs.iter().any(|(t, _)| t == l))
    {
        rows.push((label.clone(), String::new(), text.clone()));
    }
    let kept: Vec<(String, String)> = fields
        .0
        .iter()
        .filter(|(k, _)| k != "csrf_token" && k != "revision" && k != "action")
        .cloned()
        .collect();
    let page = ConflictPage {
        l,
        slug: slug.to_string(),
        section,
        rows,
        fields: kept,
        revision,
        action: fields.get("action").to_string(),
    };
    render(&page).map(|r| (StatusCode::CONFLICT, r).into_response())
}

pub fn draft_error(err: DraftError) -> AppError {
    match err {
        DraftError::Stale { .. } => AppError::Conflict(Msg::new("editor-stale")),
        DraftError::DraftExists => AppError::Conflict(Msg::new("editor-draft-exists")),
        DraftError::SlugTaken => AppError::Conflict(Msg::new("editor-slug-taken")),
        DraftError::NotFound => AppError::NotFound,
        DraftError::Invalid(errors) => {
            AppError::BadRequest(Msg::new("editor-invalid").arg("problems", errors.to_string()))
        }
        DraftError::Database(err) => err.into(),
    }
}

#[derive(serde::Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    revision: String,
    #[serde(default)]
    change_note: String,
    #[serde(default)]
    effective: String,
}

/// The start (in the portal's zone) of a `yyyy-mm-dd` date.
pub fn effective_date(value: &str) -> Result<Option<time::OffsetDateTime>, Msg> {
    Ok(crate::clock::parse_date("effective", value)?.map(crate::clock::start_of_day))
}

/// `POST /admin/profiles/{slug}/draft/publish`.
pub async fn publish(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(slug): Path<String>,
    Form(form): Form<PublishForm>,
) -> AppResult<Response> {
    let (draft, doc) = load(&state, &slug).await?;
    let revision: i32 = form
        .revision
        .parse()
        .map_err(|_| AppError::BadRequest(Msg::new("form-revision")))?;
    let mut errors = crate::web::forms::FieldErrors::default();
    let note = form.change_note.trim().to_string();
    if note.is_empty() {
        errors.add("change_note", Msg::new("editor-note-required"));
    } else if note.chars().count() > 2000 {
        errors.add("change_note", Msg::new("text-too-long").arg("max", 2000));
    }
    let effective = match effective_date(&form.effective) {
        Ok(at) => at,
        Err(msg) => {
            errors.add("effective", msg);
            None
        }
    };
    let again = |l: Layout,
                 errors: Errors,
                 problems: Vec<(String, String)>,
                 draft: DraftRef,
                 doc: ProfileDocument| {
        let page = EditorPage {
            l,
            draft,
            doc,
            errors,
            problems,
            change_note: form.change_note.clone(),
            effective: form.effective.clone(),
        };
        render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
    };
    if !errors.is_empty() {
        let errors = errors.render(l.lang);
        return again(l, errors, Vec::new(), draft, doc);
    }
    let mut tx = state.db.begin().await?;
    match drafts::publish(
        &mut tx, &state.db, &draft, revision, &note, effective, admin.id,
    )
    .await
    {
        Ok(published) => {
            audit::record(&mut tx, Entry {
                action: "profile.published",
                subject_type: "profile_version",
                subject_id: draft.id.to_string(),
                details: json!({ "slug": slug, "version": published.version, "scheduled": published.scheduled,
                                 "effective_at": form.effective, "change_note": note }),
                actor: Some(admin.id),
                client: &client,
            })
            .await?;
            tx.commit().await?;
            let key = if published.scheduled {
                "editor-scheduled"
            } else {
                "editor-published"
            };
            flash::push(&session, Msg::new(key).arg("version", published.version)).await;
            Ok(Redirect::to(&format!("/profiles/{slug}/history")).into_response())
        }
        Err(DraftError::Invalid(problems_found)) => {
            drop(tx);
            again(l, Errors::none(), problems(&problems_found), draft, doc)
        }
        Err(err) => Err(draft_error(err)),
    }
}

#[derive(serde::Deserialize)]
pub struct RevisionForm {
    #[serde(default)]
    revision: String,
}

/// `POST /admin/profiles/{slug}/draft/discard`.
pub async fn discard(
    State(state): State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(slug): Path<String>,
    Form(form): Form<RevisionForm>,
) -> AppResult<Response> {
    let (draft, _) = load(&state, &slug).await?;
    let revision: i32 = form
        .revision
        .parse()
        .map_err(|_| AppError::BadRequest(Msg::new("form-revision")))?;
    let mut tx = state.db.begin().await?;
    drafts::discard(&mut tx, draft.id, revision)
        .await
        .map_err(draft_error)?;
    audit::record(
        &mut tx,
        Entry {
            action: "draft.discarded",
            subject_type: "profile_version",
            subject_id: draft.id.to_string(),
            details: json!({ "slug": slug, "version": draft.version }),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("editor-discarded")).await;
    Ok(Redirect::to("/admin/profiles").into_response())
}

/// The editor element a save returns to: the criterion's own row for cells.
fn anchor(section: Section) -> String {
    match section {
        Section::Cells(i) => format!("cells-{i}"),
        other => other.slug().to_string(),
    }
}
