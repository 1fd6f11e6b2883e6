//! `/admin/profiles`: the profiles with their versions and drafts; new
//! drafts and profiles; previews; import and export of documents.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::actions::{self, By, Via};
use super::db::{self, ProfileLine};
use super::error::{DraftError, problems};
use super::forms::NewForm;
use super::input::NewProfile;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::document::{self, LANGUAGES};
use crate::profiles::handlers::{CompareParams, Links, compare_page, profile_page};
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, flash, render};

#[derive(Template)]
#[template(path = "admin/profiles.html")]
struct ProfilesPage {
    l: Layout,
    lines: Vec<ProfileLine>,
}

/// `GET /admin/profiles`.
pub async fn list(State(state): State<AppState>, l: Layout) -> AppResult<Response> {
    let lines = db::overview(&state.db).await?;
    render(&ProfilesPage { l, lines })
}

/// `POST /admin/profiles/{slug}/draft`: a draft copied from the current version.
pub async fn start(
    State(state): State<AppState>,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let by = By {
        user: &admin,
        client: &client,
        via: Via::Web,
    };
    actions::start(&state.db, &by, &slug).await?;
    flash::push(&session, Msg::new("editor-started")).await;
    Ok(Redirect::to(&format!("/admin/profiles/{slug}/draft")).into_response())
}

#[derive(Template)]
#[template(path = "admin/profile_new.html")]
struct NewPage {
    l: Layout,
    form: NewForm,
    errors: Errors,
    sources: Vec<ProfileLine>,
}

impl NewPage {
    fn languages(&self) -> &'static [&'static str] {
        &LANGUAGES
    }
}

/// Profiles with a current version: what a new profile may copy.
async fn sources(state: &AppState) -> AppResult<Vec<ProfileLine>> {
    Ok(db::overview(&state.db)
        .await?
        .into_iter()
        .filter(|p| p.current.is_some())
        .collect())
}

/// `GET /admin/profiles/new`.
pub async fn new_form(State(state): State<AppState>, l: Layout) -> AppResult<Response> {
    let form = NewForm {
        language: "nl".into(),
        ..NewForm::default()
    };
    render(&NewPage {
        l,
        form,
        errors: Errors::none(),
        sources: sources(&state).await?,
    })
}

/// `POST /admin/profiles/new`: a new profile with an empty or copied draft.
pub async fn create(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    Form(form): Form<NewForm>,
) -> AppResult<Response> {
    let by = By {
        user: &admin,
        client: &client,
        via: Via::Web,
    };
    let input = NewProfile {
        slug: &form.slug,
        title: &form.title,
        language: &form.language,
        copy_from: &form.copy_from,
    };
    let problems = match actions::create_profile(&state.db, &by, &input).await {
        Ok(slug) => {
            flash::push(&session, Msg::new("editor-started")).await;
            return Ok(Redirect::to(&format!("/admin/profiles/{slug}/draft")).into_response());
        }
        Err(DraftError::Fields(problems)) => problems,
        Err(err) => return Err(err.into()),
    };
    let mut errors = FieldErrors::default();
    for (field, msg) in problems {
        errors.add(field, msg);
    }
    let page = NewPage {
        errors: errors.render(l.lang),
        l,
        form,
        sources: sources(&state).await?,
    };
    render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
}

/// `GET /admin/profiles/{slug}/draft/preview`: as HR will see it, marked draft.
pub async fn preview(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let v = db::draft_version(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    profile_page(&state, l, v, Links::preview(&slug)).await
}

/// `GET /admin/profiles/{slug}/draft/compare`.
pub async fn preview_compare(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
    axum_extra::extract::Query(params): axum_extra::extract::Query<CompareParams>,
) -> AppResult<Response> {
    let v = db::draft_version(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    compare_page(&state, l, v, &params, Links::preview(&slug)).await
}

/// `GET /admin/profiles/{slug}/versions/{n}/export`: the version as a document.
pub async fn export(
    State(state): State<AppState>,
    Path((slug, n)): Path<(String, i32)>,
) -> AppResult<Response> {
    let doc = crate::profiles::db::export(&state.db, &slug, Some(n))
        .await?
        .ok_or(AppError::NotFound)?;
    download(&format!("{slug}-v{n}.json"), &doc)
}

/// `GET /admin/profiles/{slug}/draft/export`.
pub async fn export_draft(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let draft = db::draft_of(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let doc = db::document_with_translations(&state.db, &draft).await?;
    download(&format!("{slug}-draft.json"), &doc)
}

fn download(name: &str, doc: &document::ProfileDocument) -> AppResult<Response> {
    let body = serde_json::to_vec_pretty(doc).map_err(|err| AppError::Internal(err.into()))?;
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (CONTENT_TYPE, "application/json".to_string()),
            (CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "admin/profile_import.html")]
struct ImportPage {
    l: Layout,
    problems: Vec<(String, String)>,
    errors: Errors,
}

impl ImportPage {
    /// The form again with what was wrong (422).
    fn refused(self) -> AppResult<Response> {
        render(&self).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
    }
}

/// `GET /admin/profiles/import`.
pub async fn import_form(l: Layout) -> AppResult<Response> {
    render(&ImportPage {
        l,
        problems: Vec::new(),
        errors: Errors::none(),
    })
}

/// The text of the multipart field `document`, if sent.
async fn document_text(multipart: &mut Multipart) -> AppResult<Option<String>> {
    let mut text = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest(Msg::new("import-unreadable")))?
    {
        if field.name() == Some("document") {
            let bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::BadRequest(Msg::new("import-unreadable")))?;
            text = Some(
                String::from_utf8(bytes.to_vec())
                    .map_err(|_| AppError::BadRequest(Msg::new("import-not-utf8")))?,
            );
        }
    }
    Ok(text)
}

/// `POST /admin/profiles/import` (multipart, field `document`): validates
/// the whole document (it must be complete), then makes it the profile's
/// draft (a new profile when the slug is new). Nothing is written when
/// anything is wrong.
pub async fn import(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let text = document_text(&mut multipart).await?;
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        let mut errors = FieldErrors::default();
        errors.add("document", Msg::new("import-empty"));
        let errors = errors.render(l.lang);
        return ImportPage {
            l,
            problems: Vec::new(),
            errors,
        }
        .refused();
    };
    let doc = match document::parse(&text) {
        Ok(doc) => doc,
        Err(found) => {
            return ImportPage {
                l,
                problems: problems(&found),
                errors: Errors::none(),
            }
            .refused();
        }
    };
    let by = By {
        user: &admin,
        client: &client,
        via: Via::Web,
    };
    actions::import(&state.db, &by, &doc).await?;
    flash::push(&session, Msg::new("import-done")).await;
    Ok(Redirect::to(&format!("/admin/profiles/{}/draft", doc.slug)).into_response())
}
