//! `GET /auth/oidc/login` and `GET /auth/oidc/callback`: the browser's
//! trip to the provider and back, and the local account it signs in.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use sqlx::PgConnection;
use tower_sessions::Session;

use super::db;
use super::flow::{Failure, Flow, Identity, Sso};
use crate::app::AppState;
use crate::audit::{self, Entry};
use crate::auth::handlers::home_of;
use crate::auth::model::{Role, parse_email, parse_name, parse_unit};
use crate::auth::session::{safe_next, session_error, sign_in};
use crate::auth::{db as auth_db, tokens};
use crate::error::{AppError, AppResult, Msg};
use crate::web::client::Client;
use crate::web::{Layout, render};

/// Session key of the flow under way (state, nonce, PKCE verifier).
const FLOW_KEY: &str = "oidc_flow";
/// Session key of the signed-in user's ID token (for the sign-out at the
/// provider).
pub const ID_TOKEN_KEY: &str = "oidc_id_token";

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /auth/oidc/login`: to the provider, with a new `state`, `nonce`
/// and PKCE challenge kept in this session. When the provider cannot be
/// reached: back to the login form, which says so.
pub async fn start(
    State(state): State<AppState>,
    l: Layout,
    session: Session,
    Query(query): Query<StartQuery>,
) -> AppResult<Response> {
    let sso = state.sso.as_deref().ok_or(AppError::NotFound)?;
    let next = safe_next(query.next.as_deref());
    if l.user.is_some() {
        return Ok(Redirect::to(&next.unwrap_or_else(|| "/".into())).into_response());
    }
    let Ok((url, flow)) = sso.start(next.clone()).await else {
        let back = match next {
            Some(next) => format!(
                "/login?next={}",
                form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
            ),
            None => "/login".to_string(),
        };
        return Ok(Redirect::to(&back).into_response());
    };
    session
        .insert(FLOW_KEY, flow)
        .await
        .map_err(session_error)?;
    Ok(Redirect::to(url.as_str()).into_response())
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/oidc_refused.html")]
struct RefusedPage {
    l: Layout,
    message: String,
    unavailable: bool,
}

/// Why a verified identity is not signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    /// The role claim maps to no role.
    Role,
    /// The local user is deactivated.
    Inactive,
    /// No local user, and creating one is not allowed.
    Unknown,
    /// No linked user, and no verified address to find one by.
    Unverified,
}

impl Refusal {
    fn reason(self) -> &'static str {
        match self {
            Refusal::Role => "role",
            Refusal::Inactive => "inactive",
            Refusal::Unknown => "unknown",
            Refusal::Unverified => "email-unverified",
        }
    }

    fn message(self) -> Msg {
        match self {
            Refusal::Role => Msg::new("sso-refused-role"),
            Refusal::Inactive => Msg::new("sso-refused-inactive"),
            Refusal::Unknown => Msg::new("sso-refused-unknown"),
            Refusal::Unverified => Msg::new("sso-refused-unverified"),
        }
    }
}

fn failure_message(failure: Failure) -> Msg {
    match failure {
        Failure::Unavailable => Msg::new("sso-unavailable"),
        Failure::State => Msg::new("sso-refused-state"),
        Failure::ProviderError => Msg::new("sso-refused-provider"),
        _ => Msg::new("sso-refused-token"),
    }
}

/// A local account a sign-in resolved to.
struct Account {
    id: i64,
    email: String,
    role: Role,
    created: bool,
    linked: bool,
    role_before: Role,
}

/// `GET /auth/oidc/callback`: checks `state` against this session's flow
/// (used once), exchanges the code, checks the ID token, and signs in the
/// linked local user.
pub async fn callback(
    State(state): State<AppState>,
    l: Layout,
    session: Session,
    client: Client,
    Query(query): Query<CallbackQuery>,
) -> AppResult<Response> {
    let sso = state.sso.as_deref().ok_or(AppError::NotFound)?;
    // Removed before anything else: a flow is good for one callback only.
    let flow = session
        .remove::<Flow>(FLOW_KEY)
        .await
        .map_err(session_error)?;
    let verified = async {
        let flow = flow.ok_or(Failure::State)?;
        let sent = query.state.as_deref().unwrap_or("");
        if !tokens::same(&flow.state, sent) {
            return Err(Failure::State);
        }
        if query.error.is_some() {
            return Err(Failure::ProviderError);
        }
        let code = query.code.filter(|c| !c.is_empty()).ok_or(Failure::Code)?;
        let next = flow.next.clone();
        sso.finish(flow, code)
            .await
            .map(|identity| (identity, next))
    }
    .await;
    let (identity, next) = match verified {
        Ok(found) => found,
        Err(failure) => {
            let mut tx = state.db.begin().await?;
            audit::record(
                &mut tx,
                Entry {
                    action: "login.failed",
                    subject_type: "user",
                    subject_id: String::new(),
                    details: json!({
                        "method": "oidc",
                        "issuer": sso.issuer(),
                        "reason": failure.reason(),
                        "provider_error": query.error,
                    }),
                    actor: None,
                    client: &client,
                },
            )
            .await?;
            tx.commit().await?;
            let status = if failure == Failure::Unavailable {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::BAD_REQUEST
            };
            return refused(
                l,
                status,
                failure_message(failure),
                failure == Failure::Unavailable,
            );
        }
    };

    let mut tx = state.db.begin().await?;
    let account = match resolve(&mut tx, sso, &identity).await? {
        Ok(account) => account,
        Err(refusal) => {
            // Nothing of the attempt is kept but its record.
            tx.rollback().await?;
            let mut tx = state.db.begin().await?;
            audit::record(
                &mut tx,
                Entry {
                    action: "login.failed",
                    subject_type: "user",
                    subject_id: String::new(),
                    details: json!({
                        "method": "oidc",
                        "issuer": identity.issuer,
                        "subject": identity.subject,
                        "email": identity.email,
                        "reason": refusal.reason(),
                        "claim_values": identity.role_values,
                    }),
                    actor: None,
                    client: &client,
                },
            )
            .await?;
            tx.commit().await?;
            return refused(l, StatusCode::FORBIDDEN, refusal.message(), false);
        }
    };
    if account.created {
        audit::record(
            &mut tx,
            Entry {
                action: "user.created",
                subject_type: "user",
                subject_id: account.id.to_string(),
                details: json!({ "email": account.email, "role": account.role.as_str(), "via": "oidc" }),
                actor: Some(account.id),
                client: &client,
            },
        )
        .await?;
    } else if account.role != account.role_before {
        audit::record(
            &mut tx,
            Entry {
                action: "user.changed",
                subject_type: "user",
                subject_id: account.id.to_string(),
                details: json!({
                    "role": account.role.as_str(),
                    "role_before": account.role_before.as_str(),
                    "via": "oidc",
                }),
                actor: Some(account.id),
                client: &client,
            },
        )
        .await?;
    }
    let handle =
        auth_db::start_session(&mut tx, account.id, &client.ip, &client.user_agent).await?;
    audit::record(
        &mut tx,
        Entry {
            action: "login",
            subject_type: "user",
            subject_id: account.id.to_string(),
            details: json!({
                "email": account.email,
                "method": "oidc",
                "issuer": identity.issuer,
                "subject": identity.subject,
                "linked": account.linked,
            }),
            actor: Some(account.id),
            client: &client,
        },
    )
    .await?;
    tx.commit().await?;
    sign_in(&session, account.id, handle).await?;
    session
        .insert(ID_TOKEN_KEY, &identity.id_token)
        .await
        .map_err(session_error)?;
    let home = home_of(account.role);
    Ok(Redirect::to(&next.unwrap_or_else(|| home.into())).into_response())
}

fn refused(l: Layout, status: StatusCode, message: Msg, unavailable: bool) -> AppResult<Response> {
    let message = message.render(l.lang);
    render(&RefusedPage {
        l,
        message,
        unavailable,
    })
    .map(|r| (status, r).into_response())
}

/// The local account of a verified identity: the linked user; else, at
/// the first sign-in, the user with the same verified address (then
/// linked), or a new user when allowed. Refused when the user is
/// deactivated or the claims map to no role; else the role (and unit) are
/// set from the claims.
async fn resolve(
    tx: &mut PgConnection,
    sso: &Sso,
    identity: &Identity,
) -> sqlx::Result<Result<Account, Refusal>> {
    let linked = db::linked_user(&mut *tx, &identity.issuer, &identity.subject).await?;
    let was_linked = linked.is_some();
    let (user, created) = if let Some(user) = linked {
        (user, false)
    } else {
        match first_sign_in(tx, sso, identity).await? {
            Ok(found) => found,
            Err(refusal) => return Ok(Err(refusal)),
        }
    };
    if !user.active {
        return Ok(Err(Refusal::Inactive));
    }
    let Some(role) = identity.role else {
        return Ok(Err(Refusal::Role));
    };
    let linked = if was_linked {
        db::touch(tx, &identity.issuer, &identity.subject).await?;
        false
    } else {
        db::link(tx, &identity.issuer, &identity.subject, user.id).await?
    };
    let unit = identity.unit.as_deref().and_then(|u| parse_unit(u).ok());
    let before = db::refresh(tx, user.id, role, unit.as_deref()).await?;
    Ok(Ok(Account {
        id: user.id,
        email: user.email,
        role,
        created,
        linked,
        role_before: before.role,
    }))
}

/// The user an identity not yet linked belongs to: the one with its
/// verified address, or a new one when allowed (then `true`).
async fn first_sign_in(
    tx: &mut PgConnection,
    sso: &Sso,
    identity: &Identity,
) -> sqlx::Result<Result<(db::LocalUser, bool), Refusal>> {
    let Some(email) = identity
        .email
        .as_deref()
        .filter(|_| identity.email_verified)
        .and_then(|e| parse_email(e).ok())
    else {
        return Ok(Err(Refusal::Unverified));
    };
    if let Some(user) = db::user_by_email(&mut *tx, &email).await? {
        return Ok(Ok((user, false)));
    }
    if !sso.create_users {
        return Ok(Err(Refusal::Unknown));
    }
    let Some(role) = identity.role else {
        return Ok(Err(Refusal::Role));
    };
    let name = identity
        .name
        .as_deref()
        .and_then(|n| parse_name(n).ok())
        .unwrap_or_else(|| email.clone());
    let unit = identity
        .unit
        .as_deref()
        .and_then(|u| parse_unit(u).ok())
        .unwrap_or_default();
    let Some(id) = auth_db::create_user(tx, &email, &name, role, &unit, None).await? else {
        return Ok(Err(Refusal::Unknown));
    };
    let user = db::LocalUser {
        id,
        email,
        active: true,
    };
    Ok(Ok((user, true)))
}
