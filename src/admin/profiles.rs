//! `/admin/profiles`: the profiles with their versions and drafts; new
//! drafts and profiles; previews; import and export of documents.

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgExecutor;
use time::OffsetDateTime;
use tower_sessions::Session;

use super::editor::{draft_error, problems};
use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::document::{self, LANGUAGES, is_slug};
use crate::profiles::drafts::{self, DraftError};
use crate::profiles::handlers::{CompareParams, Links, compare_page, profile_page};
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, flash, render};

/// A line of the profiles overview.
pub struct ProfileLine {
    pub slug: String,
    pub title: String,
    pub current: Option<i32>,
    pub scheduled: Option<i32>,
    pub draft: Option<i32>,
    pub versions: Vec<i32>,
    pub changed_at: OffsetDateTime,
}

async fn overview(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<ProfileLine>> {
    sqlx::query_as!(
        ProfileLine,
        r#"
        select p.slug,
               coalesce((select v.title from profile_versions v where v.profile_id = p.id
                          order by (v.status = 'draft') desc, v.version desc limit 1), p.slug) as "title!",
               (select v.version from profile_versions v where v.profile_id = p.id and v.status = 'published') as current,
               (select v.version from profile_versions v where v.profile_id = p.id and v.status = 'scheduled'
                 order by v.version desc limit 1) as scheduled,
               (select v.version from profile_versions v where v.profile_id = p.id and v.status = 'draft') as draft,
               coalesce((select array_agg(v.version order by v.version desc) from profile_versions v
                          where v.profile_id = p.id and v.status <> 'draft'), '{}') as "versions!",
               coalesce((select max(greatest(v.created_at, v.published_at)) from profile_versions v
                          where v.profile_id = p.id), p.created_at) as "changed_at!"
          from profiles p
         order by lower(p.slug)
        "#
    )
    .fetch_all(db)
    .await
}

#[derive(Template)]
#[template(path = "admin/profiles.html")]
struct ProfilesPage {
    l: Layout,
    lines: Vec<ProfileLine>,
}

/// `GET /admin/profiles`.
pub async fn list(State(state): State<AppState>, l: Layout) -> AppResult<Response> {
    let lines = overview(&state.db).await?;
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
    let mut tx = state.db.begin().await?;
    let id = drafts::start(&mut tx, &state.db, &slug, admin.id)
        .await
        .map_err(draft_error)?;
    audit::record(
        &mut tx,
        Entry {
            action: "draft.created",
            subject_type: "profile_version",
            subject_id: id.to_string(),
            details: json!({ "slug": slug, "from": "current version" }),
            actor: Some(admin.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("editor-started")).await;
    Ok(Redirect::to(&format!("/admin/profiles/{slug}/draft")).into_response())
}

#[derive(Deserialize, Default, Clone)]
pub struct NewForm {
    #[serde(default)]
    slug: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    copy_from: String,
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

/// `GET /admin/profiles/new`.
pub async fn new_form(State(state): State<AppState>, l: Layout) -> AppResult<Response> {
    let sources = overview(&state.db)
        .await?
        .into_iter()
        .filter(|p| p.current.is_some())
        .collect();
    let form = NewForm {
        language: "nl".into(),
        ..NewForm::default()
    };
    render(&NewPage {
        l,
        form,
        errors: Errors::none(),
        sources,
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
    let slug = form.slug.trim().to_lowercase();
    let title = form.title.trim().to_string();
    let mut errors = FieldErrors::default();
    if !is_slug(&slug) {
        errors.add("slug", Msg::new("editor-slug-invalid"));
    }
    if title.is_empty() || title.chars().count() > document::MAX_NAME {
        errors.add("title", Msg::new("field-required"));
    }
    if !LANGUAGES.contains(&form.language.as_str()) {
        errors.add("language", Msg::new("editor-language-invalid"));
    }
    let copy_from = Some(form.copy_from.trim()).filter(|s| !s.is_empty());
    if errors.is_empty() {
        let mut tx = state.db.begin().await?;
        match drafts::new_profile(
            &mut tx,
            &state.db,
            &slug,
            &title,
            &form.language,
            copy_from,
            admin.id,
        )
        .await
        {
            Ok(id) => {
                audit::record(
                    &mut tx,
                    Entry {
                        action: "profile.created",
                        subject_type: "profile_version",
                        subject_id: id.to_string(),
                        details: json!({ "slug": slug, "title": title, "copy_from": copy_from }),
                        actor: Some(admin.id),
                        client: &client,
                    },
                )
                .await?;
                tx.commit().await?;
                flash::push(&session, Msg::new("editor-started")).await;
                return Ok(Redirect::to(&format!("/admin/profiles/{slug}/draft")).into_response());
            }
            Err(DraftError::SlugTaken) => errors.add("slug", Msg::new("editor-slug-taken")),
            Err(DraftError::NotFound) => errors.add(
                "copy_from",
                Msg::new("profile-unknown").arg("value", copy_from.unwrap_or("")),
            ),
            Err(err) => return Err(draft_error(err)),
        }
    }
    let sources = overview(&state.db)
        .await?
        .into_iter()
        .filter(|p| p.current.is_some())
        .collect();
    let errors = errors.render(l.lang);
    let page = NewPage {
        l,
        form,
        errors,
        sources,
    };
    render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
}

/// `GET /admin/profiles/{slug}/draft/preview`: as HR will see it, marked draft.
pub async fn preview(
    State(state): State<AppState>,
    l: Layout,
    Path(slug): Path<String>,
) -> AppResult<Response> {
    let v = crate::profiles::db::draft_version(&state.db, &slug)
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
    let v = crate::profiles::db::draft_version(&state.db, &slug)
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
    let draft = drafts::draft_of(&state.db, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let doc = drafts::document(&state.db, &draft).await?;
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

/// `GET /admin/profiles/import`.
pub async fn import_form(l: Layout) -> AppResult<Response> {
    render(&ImportPage {
        l,
        problems: Vec::new(),
        errors: Errors::none(),
    })
}

/// `POST /admin/profiles/import` (multipart, field `document`): validates
/// the whole document, then makes it the profile's draft (a new profile
/// when the slug is new). Nothing is written when anything is wrong.
pub async fn import(
    State(state): State<AppState>,
    l: Layout,
    admin: CurrentUser,
    session: Session,
    client: Client,
    mut multipart: Multipart,
) -> AppResult<Response> {
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
    let again = |l: Layout, problems: Vec<(String, String)>, errors: Errors| {
        render(&ImportPage {
            l,
            problems,
            errors,
        })
        .map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response())
    };
    let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
        let mut errors = FieldErrors::default();
        errors.add("document", Msg::new("import-empty"));
        let errors = errors.render(l.lang);
        return again(l, Vec::new(), errors);
    };
    let doc = match document::parse(&text) {
        Ok(doc) => doc,
        Err(found) => return again(l, problems(&found), Errors::none()),
    };
    let slug = doc.slug.clone();
    let mut tx = state.db.begin().await?;
    let existing = sqlx::query_scalar!("select id from profiles where slug = $1", slug)
        .fetch_optional(&mut *tx)
        .await?;
    let id = match existing {
        Some(profile_id) => crate::profiles::db::insert_draft(&mut tx, profile_id, &doc, "")
            .await
            .map_err(|err| draft_error(DraftError::from(err)))?,
        None => drafts::new_profile(
            &mut tx,
            &state.db,
            &slug,
            &doc.title,
            &doc.language,
            None,
            admin.id,
        )
        .await
        .map_err(draft_error)?,
    };
    if existing.is_none() {
        let draft = drafts::draft_of(&mut *tx, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        drafts::save(&mut tx, draft.id, draft.revision, &doc)
            .await
            .map_err(draft_error)?;
    }
    audit::record(&mut tx, Entry {
        action: "draft.imported",
        subject_type: "profile_version",
        subject_id: id.to_string(),
        details: json!({ "slug": slug, "levels": doc.levels.len(), "criteria": doc.criteria.len(), "result_areas": doc.result_areas.len() }),
        actor: Some(admin.id),
        client: &client,
    })
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("import-done")).await;
    Ok(Redirect::to(&format!("/admin/profiles/{slug}/draft")).into_response())
}
