//! Sign in, sign out, and setting a password through a one-time link.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;

use super::model::{Role, check_password};
use super::session::{Auth, ensure_csrf, safe_next, sign_in, sign_out};
use super::{db, password};
use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::error::{AppError, AppResult, Msg};
use crate::web::client::Client;
use crate::web::forms::{Errors, FieldErrors};
use crate::web::{Layout, flash, render};

/// Failed logins allowed per account, and per client address, in the window.
pub const ACCOUNT_LIMIT: i64 = 5;
pub const ADDRESS_LIMIT: i64 = 20;
pub const WINDOW_MINUTES: i32 = 15;

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    l: Layout,
    email: String,
    next: String,
    errors: Errors,
    signed_out: bool,
    /// The single sign-on button, when a provider is configured.
    sso: Option<SsoButton>,
    /// Password sign-in is on for everyone (off: break-glass accounts only).
    password_login: bool,
}

/// The single sign-on button of the login page.
struct SsoButton {
    label: String,
    href: String,
    /// The provider answered discovery; otherwise the page says it cannot
    /// be reached instead of showing the button.
    available: bool,
}

impl LoginPage {
    /// The form for `next`, with the button when single sign-on is on.
    async fn new(state: &AppState, l: Layout, email: String, next: Option<String>) -> Self {
        let sso = match state.sso.as_deref() {
            Some(sso) => {
                let href = match &next {
                    Some(next) => format!(
                        "/auth/oidc/login?next={}",
                        form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
                    ),
                    None => "/auth/oidc/login".to_string(),
                };
                Some(SsoButton {
                    label: sso
                        .label
                        .clone()
                        .unwrap_or_else(|| l.lang.t("sso-button-default")),
                    href,
                    available: sso.available().await,
                })
            }
            None => None,
        };
        LoginPage {
            l,
            email,
            next: next.unwrap_or_default(),
            errors: Errors::none(),
            signed_out: false,
            sso,
            password_login: state.config.password_login,
        }
    }
}

/// Where a user of `role` lands after signing in.
pub(crate) fn home_of(role: Role) -> &'static str {
    match role {
        Role::Manager => "/positions",
        Role::Hr => "/review",
        Role::Admin => "/admin",
    }
}

#[derive(Deserialize)]
pub struct LoginQuery {
    next: Option<String>,
    signed_out: Option<String>,
}

/// `GET /login`.
pub async fn login_form(
    State(state): State<AppState>,
    l: Layout,
    session: Session,
    Query(query): Query<LoginQuery>,
) -> AppResult<Response> {
    if l.user.is_some() {
        return Ok(
            Redirect::to(&safe_next(query.next.as_deref()).unwrap_or_else(|| "/".into()))
                .into_response(),
        );
    }
    let csrf = ensure_csrf(&session).await?;
    let mut page = LoginPage::new(
        &state,
        l.with_csrf(csrf),
        String::new(),
        safe_next(query.next.as_deref()),
    )
    .await;
    page.signed_out = query.signed_out.is_some();
    render(&page)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /login`: the same answer, in about the same time, for an unknown
/// address and a wrong password.
pub async fn login(
    State(state): State<AppState>,
    l: Layout,
    session: Session,
    client: Client,
    Form(form): Form<LoginForm>,
) -> AppResult<Response> {
    let email: String = form.email.trim().chars().take(254).collect();
    let next = safe_next(Some(&form.next));
    let show_again = async |l: Layout, status: StatusCode, message: Msg| {
        let lang = l.lang;
        let mut page = LoginPage::new(&state, l, email.clone(), next.clone()).await;
        page.errors = Errors::general(message.render(lang));
        render(&page).map(|r| (status, r).into_response())
    };

    // Count this attempt as a failure before checking anything: parallel
    // attempts then see each other, and none gets past the limits. A
    // successful sign-in removes the account's failures again.
    let mut tx = state.db.begin().await?;
    db::record_failure(&mut tx, &email, &client.ip).await?;
    tx.commit().await?;
    let (by_email, by_ip, oldest) =
        db::recent_failures(&state.db, &email, &client.ip, WINDOW_MINUTES).await?;
    if by_email > ACCOUNT_LIMIT || by_ip > ADDRESS_LIMIT {
        let waited = oldest.map_or(0, |at| {
            (time::OffsetDateTime::now_utc() - at).whole_minutes()
        });
        let minutes = (i64::from(WINDOW_MINUTES) - waited).max(1);
        return show_again(
            l,
            StatusCode::TOO_MANY_REQUESTS,
            Msg::new("login-throttled").arg("minutes", minutes),
        )
        .await;
    }

    let account = db::login_account(&state.db, &email).await?;
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    let valid = password::verify(form.password, stored).await;
    let mut tx = state.db.begin().await?;
    let Some(account) = account.filter(|_| valid) else {
        audit::record(
            &mut tx,
            Entry {
                action: "login.failed",
                subject_type: "user",
                subject_id: String::new(),
                details: json!({ "email": email }),
                actor: None,
                client: &client,
            },
        )
        .await?;
        tx.commit().await?;
        return show_again(l, StatusCode::UNAUTHORIZED, Msg::new("login-failed")).await;
    };
    // Switched off: the right password still opens only a break-glass account.
    if !state.config.password_login && !account.break_glass {
        audit::record(
            &mut tx,
            Entry {
                action: "login.failed",
                subject_type: "user",
                subject_id: account.id.to_string(),
                details: json!({ "email": account.email, "method": "password", "reason": "password-login-off" }),
                actor: None,
                client: &client,
            },
        )
        .await?;
        tx.commit().await?;
        return show_again(l, StatusCode::FORBIDDEN, Msg::new("login-password-off")).await;
    }
    let handle = db::start_session(&mut tx, account.id, &client.ip, &client.user_agent).await?;
    audit::record(
        &mut tx,
        Entry {
            action: "login",
            subject_type: "user",
            subject_id: account.id.to_string(),
            details: json!({
                "email": account.email,
                "method": "password",
                "break_glass": account.break_glass,
            }),
            actor: Some(account.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    sign_in(&session, account.id, handle).await?;
    Ok(Redirect::to(&next.unwrap_or_else(|| home_of(account.role).into())).into_response())
}

/// `POST /logout`: ends the session on the server, not only in the browser;
/// after a single sign-on, at the provider too when it offers that (it
/// sends the browser back to the portal's home page).
pub async fn logout(
    State(state): State<AppState>,
    session: Session,
    client: Client,
    axum::Extension(auth): axum::Extension<Auth>,
) -> AppResult<Response> {
    let id_token = session
        .get::<String>(super::oidc::handlers::ID_TOKEN_KEY)
        .await
        .map_err(super::session::session_error)?;
    if let Some(user) = &auth.user {
        let mut tx = state.db.begin().await?;
        if let Some(handle) = user.session {
            db::end_session(&mut *tx, handle).await?;
        }
        audit::record(
            &mut tx,
            Entry {
                action: "logout",
                subject_type: "user",
                subject_id: user.id.to_string(),
                details: json!({ "method": if id_token.is_some() { "oidc" } else { "password" } }),
                actor: Some(user.id),
                client: &client,
            },
        )
        .await?;
        tx.commit().await?;
    }
    sign_out(&session).await?;
    if let (Some(sso), Some(id_token)) = (state.sso.as_deref(), id_token)
        && let Some(url) = sso.logout_url(&id_token).await
    {
        return Ok(Redirect::to(url.as_str()).into_response());
    }
    Ok(Redirect::to("/login?signed_out=1").into_response())
}

#[derive(Template)]
#[template(path = "auth/set_password.html")]
struct SetPasswordPage {
    l: Layout,
    token: String,
    email: String,
    errors: Errors,
}

/// `GET /set-password/{token}`: the form behind a one-time link.
pub async fn set_password_form(
    State(state): State<AppState>,
    l: Layout,
    session: Session,
    Path(token): Path<String>,
) -> AppResult<Response> {
    let (_, email) = db::password_link_user(&state.db, &token)
        .await?
        .ok_or(AppError::BadRequest(Msg::new("link-invalid")))?;
    let csrf = ensure_csrf(&session).await?;
    render(&SetPasswordPage {
        l: l.with_csrf(csrf),
        token,
        email,
        errors: Errors::none(),
    })
}

#[derive(Deserialize)]
pub struct SetPasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

/// `POST /set-password/{token}`: sets the password, uses up the link and
/// ends the user's sessions.
pub async fn set_password(
    State(state): State<AppState>,
    l: Layout,
    session: Session,
    client: Client,
    Path(token): Path<String>,
    Form(form): Form<SetPasswordForm>,
) -> AppResult<Response> {
    let (user_id, email) = db::password_link_user(&state.db, &token)
        .await?
        .ok_or(AppError::BadRequest(Msg::new("link-invalid")))?;
    let mut errors = FieldErrors::default();
    new_password_errors(&mut errors, &form.password, &form.confirm, &email);
    if !errors.is_empty() {
        let page = SetPasswordPage {
            errors: errors.render(l.lang),
            l,
            token,
            email,
        };
        return render(&page).map(|r| (StatusCode::UNPROCESSABLE_ENTITY, r).into_response());
    }
    let hash = password::hash(form.password).await?;
    let mut tx = state.db.begin().await?;
    if !db::use_password_link(&mut tx, &token).await? {
        return Err(AppError::BadRequest(Msg::new("link-invalid")));
    }
    db::set_password(&mut tx, user_id, &hash).await?;
    db::end_sessions(&mut *tx, user_id, None).await?;
    audit::record(
        &mut tx,
        Entry {
            action: "user.password_set",
            subject_type: "user",
            subject_id: user_id.to_string(),
            details: json!({ "via": "link" }),
            actor: Some(user_id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    flash::push(&session, Msg::new("password-set-done")).await;
    Ok(Redirect::to("/login").into_response())
}

/// Checks a new password and its confirmation into `errors`.
pub fn new_password_errors(errors: &mut FieldErrors, password: &str, confirm: &str, email: &str) {
    if let Err(msg) = check_password(password, email) {
        errors.add("password", msg);
    } else if password != confirm {
        errors.add("confirm", Msg::new("password-mismatch"));
    }
}
