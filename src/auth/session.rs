//! Who is asking: the session or API token of each request, CSRF checks,
//! and the role guards that sit on whole route subtrees.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use tower_sessions::Session;
use uuid::Uuid;

use super::model::{CurrentUser, Role};
use super::store::{CHECKED_KEY, Checked};
use super::{db, tokens};
use crate::app::AppState;
use crate::error::{AppError, Msg};
use crate::web::BODY_LIMIT;
use crate::web::layout::{PageUser, Visitor};

/// Session keys.
pub(super) const AUTH_KEY: &str = "auth";
const CSRF_KEY: &str = "csrf";
/// Name of the CSRF form field and query parameter.
pub const CSRF_FIELD: &str = "csrf_token";
/// Header carrying the CSRF token for script and API calls with a session.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// What the session remembers about a signed-in user.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct SessionAuth {
    pub(super) handle: Uuid,
    pub(super) user_id: i64,
}

/// Who the request is from, put in the request's extensions.
#[derive(Debug, Clone, Default)]
pub struct Auth {
    pub user: Option<CurrentUser>,
    /// The session's CSRF token, if the session has one.
    pub csrf: Option<String>,
    /// Authenticated by `Authorization: Bearer` (API only).
    pub by_token: bool,
}

/// Middleware: resolves the user (API token or session), and refuses an
/// unsafe request without a valid CSRF token.
pub async fn context(
    State(state): State<AppState>,
    session: Session,
    request: Request,
    next: Next,
) -> Response {
    match resolve(&state, &session, request).await {
        Ok(request) => next.run(request).await,
        Err(err) => err.into_response(),
    }
}

async fn resolve(
    state: &AppState,
    session: &Session,
    mut request: Request,
) -> Result<Request, AppError> {
    let is_api = request.uri().path().starts_with("/api/");
    let bearer = is_api
        .then(|| request.headers().get(AUTHORIZATION))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(|t| t.trim().to_string());

    let mut auth = Auth::default();
    let mut unread = 0;
    if let Some(token) = bearer {
        // A wrong token is an error, not an anonymous request.
        let user = token_user(state, &token).await?;
        auth.user = Some(user.ok_or(AppError::Unauthenticated)?);
        auth.by_token = true;
    } else {
        auth.csrf = session
            .get::<String>(CSRF_KEY)
            .await
            .map_err(session_error)?;
        if let Some(signed_in) = session
            .get::<SessionAuth>(AUTH_KEY)
            .await
            .map_err(session_error)?
        {
            // Checked by `Store::load` in the same round trip as the record.
            let checked = session
                .get::<Checked>(CHECKED_KEY)
                .await
                .map_err(session_error)?;
            match checked {
                Some(c) if c.handle == signed_in.handle && c.user.id == signed_in.user_id => {
                    if c.stale {
                        db::touch_session(&state.db, c.handle).await?;
                        if let Some(id) = session.id() {
                            state.caches.sessions.forget(&id.to_string());
                        }
                    }
                    unread = c.unread;
                    auth.user = Some(CurrentUser {
                        session: Some(c.handle),
                        ..c.user.into()
                    });
                }
                _ => {
                    // Expired, ended elsewhere, or the user was deactivated.
                    db::end_session(&state.db, signed_in.handle).await?;
                    session
                        .remove::<SessionAuth>(AUTH_KEY)
                        .await
                        .map_err(session_error)?;
                }
            }
        }
    }

    if !is_safe(request.method()) && !auth.by_token && (!is_api || auth.user.is_some()) {
        let (checked, sent) = csrf_from_request(request).await?;
        request = checked;
        let valid = matches!((&auth.csrf, &sent), (Some(expected), Some(sent)) if tokens::same(expected, sent));
        if !valid {
            tracing::warn!(
                "refused a {} without a valid CSRF token",
                request.uri().path()
            );
            return Err(AppError::Forbidden);
        }
    }
    request.extensions_mut().insert(Visitor {
        user: auth.user.as_ref().map(|u| PageUser {
            name: u.name.clone(),
            is_admin: u.is_admin(),
            is_hr: u.is_hr(),
            is_manager: u.is_manager(),
            unread,
        }),
        csrf: auth.csrf.clone(),
    });
    request.extensions_mut().insert(auth);
    Ok(request)
}

/// The user of an API token, from memory when kept (`app::caches::Caches`).
async fn token_user(state: &AppState, token: &str) -> Result<Option<CurrentUser>, AppError> {
    let digest = tokens::digest(token);
    let key = tokens::hex(&digest);
    let tokens = &state.caches.tokens;
    let find = async {
        let found = db::token_user(&state.db, &digest).await?;
        Ok::<_, sqlx::Error>(found.map(std::sync::Arc::new))
    };
    let Some(found) = tokens.get_or_find(key.clone(), find).await? else {
        return Ok(None);
    };
    let now = OffsetDateTime::now_utc();
    if found.expires_at.is_some_and(|at| at <= now) {
        tokens.forget(&key);
        return Ok(None);
    }
    if found
        .last_used_at
        .is_none_or(|at| at < now - time::Duration::minutes(1))
    {
        db::touch_token(&state.db, found.token_id).await?;
        tokens.forget(&key);
    }
    Ok(Some(found.user.clone()))
}

/// A method that changes nothing.
fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A session error: the store's backend is the database, so a backend
/// failure is an outage (503); a record we cannot read or write is a bug.
pub(crate) fn session_error(err: tower_sessions::session::Error) -> AppError {
    use tower_sessions::session::Error;
    use tower_sessions::session_store::Error as StoreError;
    match err {
        Error::Store(StoreError::Backend(cause)) => {
            tracing::warn!("database unavailable (session store): {cause}");
            AppError::Unavailable
        }
        other => AppError::Internal(anyhow::anyhow!("session store: {other}")),
    }
}

/// Finds the CSRF token in the header, the query, or a url-encoded form
/// body (which is read and put back).
async fn csrf_from_request(request: Request) -> Result<(Request, Option<String>), AppError> {
    if let Some(value) = request
        .headers()
        .get(CSRF_HEADER)
        .and_then(|v| v.to_str().ok())
    {
        let value = value.to_string();
        return Ok((request, Some(value)));
    }
    if let Some(query) = request.uri().query()
        && let Some(value) = field(query.as_bytes(), CSRF_FIELD)
    {
        return Ok((request, Some(value)));
    }
    let is_form = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((request, None));
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| AppError::PayloadTooLarge)?;
    // Form decoding would replace invalid UTF-8 silently: refuse it here,
    // where every form body is read, before anything is written.
    if !is_utf8_form(&bytes) {
        return Err(AppError::BadRequest(Msg::new("error-bad-request")));
    }
    let value = field(&bytes, CSRF_FIELD);
    Ok((Request::from_parts(parts, Body::from(bytes)), value))
}

/// Whether every name and value of a url-encoded body, once decoded, is UTF-8.
fn is_utf8_form(encoded: &[u8]) -> bool {
    encoded.split(|b| *b == b'&').all(|pair| {
        let mut decoded = Vec::with_capacity(pair.len());
        let mut i = 0;
        while i < pair.len() {
            match pair[i] {
                b'%' if i + 2 < pair.len() => {
                    let hex = std::str::from_utf8(&pair[i + 1..i + 3]).ok();
                    match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        Some(byte) => {
                            decoded.push(byte);
                            i += 3;
                            continue;
                        }
                        None => decoded.push(b'%'),
                    }
                }
                b'+' => decoded.push(b' '),
                byte => decoded.push(byte),
            }
            i += 1;
        }
        std::str::from_utf8(&decoded).is_ok()
    })
}

fn field(encoded: &[u8], name: &str) -> Option<String> {
    form_urlencoded::parse(encoded)
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// The session's CSRF token, created when missing (for forms shown to
/// visitors who are not signed in, such as the login form).
pub async fn ensure_csrf(session: &Session) -> Result<String, AppError> {
    if let Some(token) = session
        .get::<String>(CSRF_KEY)
        .await
        .map_err(session_error)?
    {
        return Ok(token);
    }
    let token = tokens::random_secret(32);
    session
        .insert(CSRF_KEY, &token)
        .await
        .map_err(session_error)?;
    Ok(token)
}

/// Signs `user_id` in on this session: a new session id (no fixation), a
/// new CSRF token, and the handle of the `user_sessions` row.
pub async fn sign_in(session: &Session, user_id: i64, handle: Uuid) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    session
        .insert(AUTH_KEY, SessionAuth { handle, user_id })
        .await
        .map_err(session_error)?;
    session
        .insert(CSRF_KEY, tokens::random_secret(32))
        .await
        .map_err(session_error)?;
    Ok(())
}

/// Ends the browser session (the caller removes the `user_sessions` row).
pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// Handlers behind a guard take the signed-in user as an argument.
impl<S: Send + Sync> axum::extract::FromRequestParts<S> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Auth>()
            .and_then(|auth| auth.user.clone())
            .ok_or(AppError::Unauthenticated)
    }
}

/// The request's `Auth`, as put there by `context`.
pub fn auth_of(request: &Request) -> Option<&Auth> {
    request.extensions().get::<Auth>()
}

/// Guard: any signed-in user.
pub async fn require_user(request: Request, next: Next) -> Response {
    guard(request, next, None).await
}

/// Guard: HR officers (and admins).
pub async fn require_hr(request: Request, next: Next) -> Response {
    guard(request, next, Some(Role::Hr)).await
}

/// Guard: managers (and admins).
pub async fn require_manager(request: Request, next: Next) -> Response {
    guard(request, next, Some(Role::Manager)).await
}

/// Guard: admins only.
pub async fn require_admin(request: Request, next: Next) -> Response {
    guard(request, next, Some(Role::Admin)).await
}

async fn guard(request: Request, next: Next, role: Option<Role>) -> Response {
    let user = auth_of(&request).and_then(|a| a.user.as_ref());
    match (user, role) {
        (None, _) => not_signed_in(&request),
        (Some(user), Some(role)) if !user.role.can_act_as(role) => {
            AppError::Forbidden.into_response()
        }
        _ => next.run(request).await,
    }
}

/// API: 401. Pages: to the login form, coming back here afterwards.
fn not_signed_in(request: &Request) -> Response {
    // Inside a nested router the path lacks its prefix; the original has it.
    let uri = request
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .map_or(request.uri(), |original| &original.0);
    if uri.path().starts_with("/api/") {
        let mut response = AppError::Unauthenticated.into_response();
        response.headers_mut().insert(
            "www-authenticate",
            axum::http::HeaderValue::from_static("Bearer"),
        );
        return response;
    }
    if request.method() != Method::GET {
        return (StatusCode::SEE_OTHER, Redirect::to("/login")).into_response();
    }
    let here = uri
        .path_and_query()
        .map_or_else(|| "/".into(), |pq| pq.as_str().to_string());
    let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
    Redirect::to(&format!("/login?next={next}")).into_response()
}

/// A `next=` target: only a path on this site (no scheme, host or `//`).
pub fn safe_next(next: Option<&str>) -> Option<String> {
    let next = next?.trim();
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.contains('\\')
        // Browsers drop tabs and newlines, so "/\t/evil" would become "//evil".
        && !next.chars().any(char::is_control)
        && next.len() <= 500;
    ok.then(|| next.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_accepts_relative_paths_only() {
        assert_eq!(
            safe_next(Some("/review?status=submitted")),
            Some("/review?status=submitted".into())
        );
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "evil",
            "",
            "/a\r\nSet-Cookie: x",
            "javascript:alert(1)",
        ] {
            assert_eq!(safe_next(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(safe_next(None), None);
    }
}
