//! The decision record: printable on A4, and readable without an account
//! through a revocable share link.

use std::sync::Arc;

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::HeaderValue;
use axum::http::StatusCode;
use axum::http::header::{CACHE_CONTROL, REFERRER_POLICY};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::actions;
use super::db;
use super::view::PositionView;
use super::workflow::{Actor, Status};
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult, Msg};
use crate::profiles::languages::{self, InLanguage};
use crate::web::client::Client;
use crate::web::forms::Errors;
use crate::web::i18n::{ContentChoice, known_content_language};
use crate::web::{Layout, flash, render};

#[derive(Template)]
#[template(path = "positions/record.html")]
struct RecordPage {
    l: Layout,
    v: PositionView,
    /// Signed-in owner or HR: may manage share links.
    can_share: bool,
    live_links: i64,
    /// A link just created, shown this once.
    new_link: Option<String>,
    /// The profile's texts in the language read.
    r: Arc<InLanguage>,
    /// The appellant's page (the manager's, or the share link's).
    appeal_link: Option<String>,
    /// The share form's employee, typed (shown again with its problem).
    share_email: String,
    share_name: String,
    errors: Errors,
}

impl RecordPage {
    /// The language of criterion `i`'s name as shown (its source's when
    /// the translation lacks it).
    fn name_lang(&self, i: impl crate::web::AsIndex) -> &str {
        let i = i.index();
        self.r
            .fb_criterion(&i)
            .unwrap_or(self.r.content.language.as_str())
    }
    /// The same for the profile text criterion `i` is placed at.
    fn text_lang(&self, i: impl crate::web::AsIndex) -> &str {
        let i = i.index();
        self.v
            .placed_level(i)
            .and_then(|level| self.r.fb_cell(&i, &level))
            .unwrap_or(self.r.content.language.as_str())
    }
}

/// The record's profile texts: in the language the reader chose, else in
/// the one the decision was made in (else the source), and shows them.
async fn in_language(
    state: &AppState,
    l: &Layout,
    v: &mut PositionView,
) -> AppResult<Arc<InLanguage>> {
    let wanted = match &l.content {
        ContentChoice::Ui => v
            .head()
            .decided_content_language
            .as_deref()
            .and_then(known_content_language)
            .unwrap_or(
                crate::web::i18n::known_content_language(&v.content.language).unwrap_or("nl"),
            ),
        _ => l.content_language()?,
    };
    let r = languages::read_frozen(state, v.head().profile_version_id, wanted).await?;
    v.content = r.content.clone();
    Ok(r)
}

/// The manager's appeal page, for the owner of a decided position.
fn appeal_link(v: &PositionView) -> Option<String> {
    (v.actor.is_owner && v.status() == Status::Decided)
        .then(|| format!("/positions/{}/appeal", v.head().id))
}

/// `GET /positions/{id}/record`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let mut v = actions::load(&state, &user, id).await?;
    let r = in_language(&state, &l, &mut v).await?;
    let live_links = db::live_share_links(&state.db, id).await?;
    render(&RecordPage {
        can_share: v.status() == Status::Decided,
        appeal_link: appeal_link(&v),
        share_email: String::new(),
        share_name: String::new(),
        errors: Errors::none(),
        l,
        v,
        live_links,
        new_link: None,
        r,
    })
}

/// The share form: optionally, the employee to tell by e-mail.
#[derive(serde::Deserialize, Default)]
pub struct ShareForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    language: String,
}

/// `POST /positions/{id}/share`: a new link, shown once; with an
/// employee's address, also sent to them by e-mail.
pub async fn share(
    State(state): State<AppState>,
    l: Layout,
    user: CurrentUser,
    client: Client,
    Path(id): Path<i64>,
    Form(form): Form<ShareForm>,
) -> AppResult<Response> {
    let mut v = actions::load(&state, &user, id).await?;
    let email = form.email.trim();
    let employee = if email.is_empty() {
        None
    } else if !crate::notifications::valid_address(email) || form.name.chars().count() > 200 {
        let r = in_language(&state, &l, &mut v).await?;
        let live_links = db::live_share_links(&state.db, id).await?;
        let mut errors = crate::web::forms::FieldErrors::default();
        errors.add("share-email", Msg::new("appeal-email-invalid"));
        let errors = errors.render(l.lang);
        let page = RecordPage {
            can_share: true,
            appeal_link: appeal_link(&v),
            share_email: email.to_string(),
            share_name: form.name.clone(),
            errors,
            l,
            v,
            live_links,
            new_link: None,
            r,
        };
        return render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
    } else {
        let language = crate::i18n::Lang::from_code(&form.language).unwrap_or(l.lang);
        Some(crate::notifications::Employee {
            email: email.to_string(),
            name: form.name.trim().to_string(),
            language: language.code().to_string(),
        })
    };
    let token = actions::share_telling(&state, &user, &client, &v, employee.as_ref()).await?;
    let r = in_language(&state, &l, &mut v).await?;
    let live_links = db::live_share_links(&state.db, id).await?;
    let mut response = render(&RecordPage {
        can_share: true,
        appeal_link: appeal_link(&v),
        share_email: String::new(),
        share_name: String::new(),
        errors: Errors::none(),
        l,
        v,
        live_links,
        new_link: Some(format!("/shared/{token}")),
        r,
    })?;
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `POST /positions/{id}/share/revoke`: every link of the position stops working.
pub async fn unshare(
    State(state): State<AppState>,
    user: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let v = actions::load(&state, &user, id).await?;
    let count = actions::unshare(&state, &user, &client, &v).await?;
    flash::push(&session, Msg::new("share-revoked").arg("count", count)).await;
    Ok(Redirect::to(&format!("/positions/{id}/record")).into_response())
}

/// The decided position a live share link opens, read as someone without
/// an account (neither owner nor HR), with the link's id.
pub async fn shared_view(state: &AppState, token: &str) -> AppResult<(i64, PositionView)> {
    if token.len() > 128 {
        return Err(AppError::NotFound);
    }
    let (link, id) = db::shared_link(&state.db, token)
        .await?
        .ok_or(AppError::NotFound)?;
    let full = db::full(&state.db, id).await?.ok_or(AppError::NotFound)?;
    let content = crate::profiles::cached::frozen(state, full.head.profile_version_id).await?;
    let actor = Actor {
        is_owner: false,
        is_hr: false,
    };
    Ok((link, PositionView::new(full, content, actor)))
}

/// A page whose address holds a share token: kept out of caches,
/// referrers and search engines.
pub fn private(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}

/// `GET /shared/{token}`: the record for someone without an account.
pub async fn shared(
    State(state): State<AppState>,
    l: Layout,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let (_, mut v) = shared_view(&state, &token).await?;
    let r = in_language(&state, &l, &mut v).await?;
    let response = render(&RecordPage {
        l,
        v,
        can_share: false,
        live_links: 0,
        new_link: None,
        r,
        appeal_link: Some(format!("/shared/{token}/appeal")),
        share_email: String::new(),
        share_name: String::new(),
        errors: Errors::none(),
    })?;
    Ok(private(response))
}
