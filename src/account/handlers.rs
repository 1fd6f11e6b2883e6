//! `/account`: a user's own password, sessions, API tokens and change
//! requests.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;
use uuid::Uuid;

use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::db::{self, SessionRow, TokenRow};
use crate::auth::handlers::new_password_errors;
use crate::auth::model::CurrentUser;
use crate::auth::password;
use crate::auth::tokens::{self, MAX_TOKEN_DAYS};
use crate::error::{AppError, AppResult, Msg};
use crate::notifications::{self, Kind};
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, flash, render};

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage {
    l: Layout,
    me: CurrentUser,
    sessions: Vec<SessionRow>,
    tokens: Vec<TokenRow>,
    errors: Errors,
    /// A token just created, shown this once.
    new_token: Option<String>,
    token_name: String,
    token_days: String,
    /// The user's change requests and their answers.
    requests: Vec<crate::profiles::requests::Request>,
    /// The language of the user's e-mails.
    language: String,
    /// Kinds of notification the user does not want by e-mail.
    email_off: Vec<String>,
}

impl AccountPage {
    fn is_current(&self, handle: &Uuid) -> bool {
        self.me.session == Some(*handle)
    }

    /// Every kind of notification: its name, field and whether e-mail is on.
    fn kinds(&self) -> Vec<(String, String, bool)> {
        Kind::ALL
            .into_iter()
            .map(|k| {
                (
                    self.l.t(format!("{}-name", k.key())),
                    format!("email-{}", k.as_str()),
                    !self.email_off.iter().any(|off| off == k.as_str()),
                )
            })
            .collect()
    }

    /// The languages e-mails can be written in.
    fn languages(&self) -> [crate::i18n::Lang; 3] {
        crate::i18n::Lang::ALL
    }
}

async fn page(
    state: &AppState,
    l: Layout,
    me: CurrentUser,
    errors: Errors,
    new_token: Option<String>,
) -> AppResult<AccountPage> {
    let requests = crate::profiles::requests::list(&state.db, Some(me.id), false).await?;
    let (language, email_off) = notifications::db::preferences(&state.db, me.id).await?;
    Ok(AccountPage {
        requests,
        language,
        email_off,
        sessions: db::sessions_of(&state.db, me.id).await?,
        tokens: db::tokens_of(&state.db, me.id).await?,
        l,
        me,
        errors,
        new_token,
        token_name: String::new(),
        token_days: String::new(),
    })
}

/// `GET /account`.
pub async fn show(
    State(state): State<AppState>,
    l: Layout,
    me: CurrentUser,
) -> AppResult<Response> {
    render(&page(&state, l, me, Errors::none(), None).await?)
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /account/password`: ends the user's other sessions.
pub async fn change_password(
    State(state): State<AppState>,
    l: Layout,
    me: CurrentUser,
    session: Session,
    client: Client,
    Form(form): Form<PasswordForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let stored = db::password_hash(&state.db, me.id).await?;
    if !password::verify(form.current, stored).await {
        errors.add("current", Msg::new("password-current-wrong"));
    }
    new_password_errors(&mut errors, &form.password, &form.confirm, &me.email);
    if !errors.is_empty() {
        let lang = l.lang;
        let page = page(&state, l, me, errors.render(lang), None).await?;
        return render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
    }
    let hash = password::hash(form.password).await?;
    let mut tx = state.db.begin().await?;
    db::set_password(&mut tx, me.id, &hash).await?;
    let ended = db::end_sessions(&mut *tx, me.id, me.session).await?;
    audit::record(
        &mut tx,
        Entry {
            action: "user.password_changed",
            subject_type: "user",
            subject_id: me.id.to_string(),
            details: json!({ "other_sessions_ended": ended }),
            actor: Some(me.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("password-changed")).await;
    Ok(Redirect::to("/account").into_response())
}

/// `POST /account/sessions/{handle}/end`.
pub async fn end_session(
    State(state): State<AppState>,
    me: CurrentUser,
    session: Session,
    client: Client,
    Path(handle): Path<Uuid>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    if !db::end_own_session(&mut *tx, me.id, handle).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        Entry {
            action: "session.ended",
            subject_type: "user",
            subject_id: me.id.to_string(),
            details: json!({ "current": me.session == Some(handle) }),
            actor: Some(me.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    if me.session == Some(handle) {
        crate::auth::session::sign_out(&session).await?;
        return Ok(Redirect::to("/login?signed_out=1").into_response());
    }
    flash::push(&session, Msg::new("session-ended")).await;
    Ok(Redirect::to("/account").into_response())
}

/// `POST /account/sessions/end-others`: sign out everywhere else.
pub async fn end_other_sessions(
    State(state): State<AppState>,
    me: CurrentUser,
    session: Session,
    client: Client,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let ended = db::end_sessions(&mut *tx, me.id, me.session).await?;
    audit::record(
        &mut tx,
        Entry {
            action: "sessions.ended",
            subject_type: "user",
            subject_id: me.id.to_string(),
            details: json!({ "count": ended }),
            actor: Some(me.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("sessions-ended").arg("count", ended)).await;
    Ok(Redirect::to("/account").into_response())
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    expires_days: String,
}

/// Parses a token name and lifetime.
pub fn parse_token_form(
    name: &str,
    days: &str,
    errors: &mut FieldErrors,
) -> Option<(String, Option<i32>)> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        errors.add("token-name", Msg::new("token-name-invalid"));
    }
    let days = days.trim();
    let days = if days.is_empty() {
        None
    } else {
        match days.parse::<i32>() {
            Ok(d) if (1..=MAX_TOKEN_DAYS).contains(&d) => Some(d),
            _ => {
                errors.add(
                    "token-days",
                    Msg::new("token-days-invalid").arg("max", MAX_TOKEN_DAYS),
                );
                None
            }
        }
    };
    errors.is_empty().then(|| (name.to_string(), days))
}

/// `POST /account/tokens`: creates a token and shows it once.
pub async fn create_token(
    State(state): State<AppState>,
    l: Layout,
    me: CurrentUser,
    client: Client,
    Form(form): Form<TokenForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::default();
    let Some((name, days)) = parse_token_form(&form.name, &form.expires_days, &mut errors) else {
        let lang = l.lang;
        let mut page = page(&state, l, me, errors.render(lang), None).await?;
        page.token_name = form.name;
        page.token_days = form.expires_days;
        return render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
    };
    let token = tokens::new_api_token();
    let mut tx = state.db.begin().await?;
    let id = db::create_token(&mut tx, me.id, &name, &token, days).await?;
    audit::record(
        &mut tx,
        Entry {
            action: "token.created",
            subject_type: "api_token",
            subject_id: id.to_string(),
            details: json!({ "name": name, "expires_days": days }),
            actor: Some(me.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    // Shown in this response only; never stored in clear.
    let mut response = render(&page(&state, l, me, Errors::none(), Some(token)).await?)?;
    response.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

/// `POST /account/tokens/{id}/revoke`.
pub async fn revoke_token(
    State(state): State<AppState>,
    me: CurrentUser,
    session: Session,
    client: Client,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    if !db::revoke_token(&mut tx, me.id, id).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        Entry {
            action: "token.revoked",
            subject_type: "api_token",
            subject_id: id.to_string(),
            details: json!({}),
            actor: Some(me.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("token-revoked-done")).await;
    Ok(Redirect::to("/account").into_response())
}

/// `POST /account/notifications`: the language of e-mails and, per kind,
/// whether the user also wants an e-mail (`email-{kind}` present: yes).
pub async fn notification_preferences(
    State(state): State<AppState>,
    me: CurrentUser,
    session: Session,
    client: Client,
    Form(form): Form<Vec<(String, String)>>,
) -> AppResult<Response> {
    let language = form
        .iter()
        .find(|(k, _)| k == "language")
        .map_or("", |(_, v)| v.as_str());
    let Some(language) = crate::i18n::Lang::from_code(language) else {
        return Err(AppError::Validation {
            message: Msg::new("preferences-language"),
            fields: vec![("language".into(), Msg::new("preferences-language"))],
        });
    };
    let on: Vec<Kind> = Kind::ALL
        .into_iter()
        .filter(|k| {
            let field = format!("email-{}", k.as_str());
            form.iter().any(|(name, _)| *name == field)
        })
        .collect();
    let mut tx = state.db.begin().await?;
    notifications::db::set_preferences(&mut tx, me.id, language.code(), &on).await?;
    let off: Vec<&str> = Kind::ALL
        .into_iter()
        .filter(|k| !on.contains(k))
        .map(Kind::as_str)
        .collect();
    audit::record(
        &mut tx,
        Entry {
            action: "user.notification_preferences",
            subject_type: "user",
            subject_id: me.id.to_string(),
            details: json!({ "language": language.code(), "email_off": off }),
            actor: Some(me.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("preferences-saved")).await;
    Ok(Redirect::to("/account").into_response())
}
