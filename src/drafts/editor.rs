//! The draft editor's pages: each section saves on its own, carrying the
//! draft revision it was made on. A stale save shows the other admin's text
//! and the submitted text side by side and lets the admin choose. Saving,
//! publishing and discarding are the actions of `actions`.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use time::OffsetDateTime;
use tower_sessions::Session;

use super::actions::{self, By, PublishInput, Via};
use super::db::{self, DraftRef};
use super::error::{DraftError, problems};
use super::forms::{Fields, PublishForm, RevisionForm, Section};
use super::input;
use super::sections::{self, Outcome};
use super::values::values;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::document::{LANGUAGES, ProfileDocument};
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
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
    /// Hints of the gender-neutral wording check (`pay::wording`), on
    /// the editor as it opens.
    pub wording: Vec<crate::pay::wording::Hint>,
}

impl EditorPage {
    /// The editor of `draft` showing `doc`, with nothing to report.
    fn new(l: Layout, draft: DraftRef, doc: ProfileDocument) -> Self {
        EditorPage {
            l,
            draft,
            doc,
            errors: Errors::none(),
            problems: Vec::new(),
            change_note: String::new(),
            effective: String::new(),
            wording: Vec::new(),
        }
    }

    /// Where a wording hint is, as the editor says it.
    fn languages(&self) -> &'static [&'static str] {
        &LANGUAGES
    }
    /// Each language the draft may be translated into: code, own name,
    /// the message key of "into that language", texts translated and
    /// texts in all.
    fn translations(&self) -> Vec<(&'static str, &'static str, String, usize, usize)> {
        let source = crate::profiles::model::Content::from_document(&self.doc);
        let keys = crate::profiles::translation::texts(&source);
        LANGUAGES
            .into_iter()
            .filter(|code| *code != self.doc.language)
            .map(|code| {
                let done = self.doc.translations.get(code).map_or(0, |t| {
                    keys.iter().filter(|(k, _)| t.texts.contains_key(k)).count()
                });
                let name = crate::profiles::languages::native_name(code);
                (code, name, format!("lang-into-{code}"), done, keys.len())
            })
            .collect()
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
    /// The page with a 422: the input was refused.
    fn refused(self) -> AppResult<Response> {
        render(&self).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
    }
}

/// Loads the draft of `slug` (404 when there is none).
async fn load(state: &AppState, slug: &str) -> AppResult<(DraftRef, ProfileDocument)> {
    let draft = db::draft_of(&state.db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let doc = db::document(&state.db, &draft).await?;
    Ok((draft, doc))
}

/// The revision a form was made on (400 when missing or garbled).
fn revision_of(value: &str) -> AppResult<i32> {
    value
        .parse()
        .map_err(|_| AppError::BadRequest(Msg::new("form-revision")))
}

/// `GET /admin/profiles/{slug}/draft`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let (draft, doc) = load(&state, &slug).await?;
    let terms = crate::pay::db::wording_terms(&state.db).await?;
    let wording = crate::pay::wording::check(
        &crate::profiles::model::Content::from_document(&doc),
        &terms,
    );
    render(&EditorPage {
        wording,
        ..EditorPage::new(l, draft, doc)
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
    let revision = revision_of(fields.get("revision"))?;
    let (draft, doc) = load(&state, &slug).await?;
    if let Section::Cells(i) = section
        && i >= doc.criteria.len()
    {
        return Err(AppError::BadRequest(Msg::new("editor-no-criterion")));
    }
    // Made on another revision: the form cannot be applied to what it saw.
    if revision != draft.revision {
        return conflict(l, &slug, section, &doc, &fields, draft.revision);
    }
    let new_doc = match sections::apply(&doc, section, &fields) {
        Outcome::Save(new_doc) => new_doc,
        Outcome::AddRow(new_doc) => return render(&EditorPage::new(l, draft, new_doc)),
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
    let by = By {
        user: &admin,
        client: &client,
        via: Via::Web,
    };
    match actions::save_section(&state.db, &by, &draft, revision, section, &doc, &new_doc).await {
        Ok(_) => {
            flash::push(&session, Msg::new("editor-saved")).await;
            let to = format!("/admin/profiles/{slug}/draft#{}", anchor(section));
            Ok(Redirect::to(&to).into_response())
        }
        Err(DraftError::Stale { current }) => {
            let (_, doc) = load(&state, &slug).await?;
            conflict(l, &slug, section, &doc, &fields, current)
        }
        Err(DraftError::Invalid(errors)) => EditorPage {
            problems: problems(&errors),
            ..EditorPage::new(l, draft, new_doc)
        }
        .refused(),
        Err(err) => Err(err.into()),
    }
}

/// Shows what is saved now next to what was sent (409).
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
    let theirs = values(current, section);
    let mine = values(&submitted, section);
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

/// The start (in the portal's zone) of a `yyyy-mm-dd` date.
fn effective_date(value: &str) -> Result<Option<OffsetDateTime>, Msg> {
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
    let revision = revision_of(&form.revision)?;
    let effective_at = effective_date(&form.effective);
    let outcome = match effective_at {
        Ok(effective_at) => {
            let by = By {
                user: &admin,
                client: &client,
                via: Via::Web,
            };
            let input = PublishInput {
                revision,
                change_note: form.change_note.clone(),
                effective_at,
            };
            actions::publish(&state.db, &by, &slug, &input).await
        }
        // The date is wrong: report the note's problem with it, if any.
        Err(_) => Err(DraftError::Fields(
            input::change_note(&form.change_note)
                .err()
                .unwrap_or_default(),
        )),
    };
    let mut errors = FieldErrors::default();
    let problems_found = match outcome {
        Ok(published) => {
            let key = if published.scheduled {
                "editor-scheduled"
            } else {
                "editor-published"
            };
            flash::push(&session, Msg::new(key).arg("version", published.version)).await;
            return Ok(Redirect::to(&format!("/profiles/{slug}/history")).into_response());
        }
        Err(DraftError::Fields(fields)) => {
            for (field, msg) in fields {
                errors.add(field, msg);
            }
            if let Err(msg) = effective_at {
                errors.add("effective", msg);
            }
            Vec::new()
        }
        Err(DraftError::Invalid(found)) => problems(&found),
        Err(err) => return Err(err.into()),
    };
    let (draft, doc) = load(&state, &slug).await?;
    EditorPage {
        errors: errors.render(l.lang),
        problems: problems_found,
        change_note: form.change_note,
        effective: form.effective,
        ..EditorPage::new(l, draft, doc)
    }
    .refused()
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
    let revision = revision_of(&form.revision)?;
    let by = By {
        user: &admin,
        client: &client,
        via: Via::Web,
    };
    actions::discard(&state.db, &by, &slug, Some(revision)).await?;
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
