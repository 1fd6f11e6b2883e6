//! Who is asking: the session or API token of each request, CSRF checks,
//! and the role guards that sit on whole route subtrees.

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use serde::{Deserialize, Serialize};
use tower_sessions::session::{Id, Record};
use tower_sessions::{Session, SessionStore};
use tower_sessions_sqlx_store::PostgresStore;
use uuid::Uuid;

use time::OffsetDateTime;

use super::cache::Sessions;
use super::model::{CurrentUser, Role};
use super::{db, tokens};
use crate::app::{AppState, BODY_LIMIT};
use crate::error::{AppError, Msg};

/// Session keys.
const AUTH_KEY: &str = "auth";
const CSRF_KEY: &str = "csrf";
/// Name of the CSRF form field and query parameter.
pub const CSRF_FIELD: &str = "csrf_token";
/// Header carrying the CSRF token for script and API calls with a session.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// What the session remembers about a signed-in user.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SessionAuth {
    handle: Uuid,
    user_id: i64,
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
    let changing = !is_safe(request.method());
    let response = match resolve(&state, &session, request).await {
        Ok(request) => next.run(request).await,
        Err(err) => err.into_response(),
    };
    if changing {
        state.forget_cached();
    }
    response
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
                            state.sessions.forget(&id.to_string());
                        }
                    }
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
    request.extensions_mut().insert(auth);
    Ok(request)
}

/// The user of an API token, from memory when kept (`auth::cache`).
async fn token_user(state: &AppState, token: &str) -> Result<Option<CurrentUser>, AppError> {
    let digest = tokens::digest(token);
    let key: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    let found = match state.tokens.get(&key) {
        Some(kept) => kept,
        None => {
            let generation = state.tokens.generation();
            let Some(found) = db::token_user(&state.db, &digest).await? else {
                return Ok(None);
            };
            let found = std::sync::Arc::new(found);
            state.tokens.keep(generation, key.clone(), found.clone());
            found
        }
    };
    let now = OffsetDateTime::now_utc();
    if found.expires_at.is_some_and(|at| at <= now) {
        state.tokens.forget(&key);
        return Ok(None);
    }
    if found
        .last_used_at
        .is_none_or(|at| at < now - time::Duration::minutes(1))
    {
        db::touch_token(&state.db, found.token_id).await?;
        state.tokens.forget(&key);
    }
    Ok(Some(found.user.clone()))
}

/// A method that changes nothing.
fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A session error: the store's backend is the database, so a backend
/// failure is an outage (503); a record we cannot read or write is a bug.
fn session_error(err: tower_sessions::session::Error) -> AppError {
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

tokio::task_local! {
    /// Set when the session store failed during the request being served.
    static STORE_FAILED: std::cell::Cell<bool>;
}

/// Runs a request and tells whether the session store failed meanwhile.
/// The session layer saves a changed session after the handler and, when
/// that fails, answers a bare 500; `web::errors::render` uses this to turn
/// it into the 503 of an outage.
pub async fn watch_store<F: std::future::Future>(request: F) -> (F::Output, bool) {
    let flag = std::cell::Cell::new(false);
    STORE_FAILED
        .scope(flag, async move {
            let output = request.await;
            (output, STORE_FAILED.with(std::cell::Cell::get))
        })
        .await
}

/// Key under which `Store::load` puts the checked user of a signed-in
/// record; removed before every write, so it is never stored.
const CHECKED_KEY: &str = "_checked";

/// The user of a signed-in session record, as checked by `Store::load`:
/// the session is within its idle and absolute limits and the user active.
#[derive(Debug, Serialize, Deserialize)]
struct Checked {
    handle: Uuid,
    user: CheckedUser,
    /// `last_seen_at` is over a minute old.
    stale: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CheckedUser {
    id: i64,
    email: String,
    name: String,
    role: Role,
    unit: String,
}

impl From<CheckedUser> for CurrentUser {
    fn from(u: CheckedUser) -> Self {
        CurrentUser {
            id: u.id,
            email: u.email,
            name: u.name,
            role: u.role,
            unit: u.unit,
            session: None,
        }
    }
}

/// A session record as loaded, with its sign-in if the user is active
/// (kept by `auth::cache`; the time limits are checked at each use).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// As stored: without the checked user.
    record: Record,
    signed_in: Option<SignedIn>,
}

#[derive(Debug, Clone)]
struct SignedIn {
    handle: Uuid,
    user: CheckedUser,
    last_seen_at: OffsetDateTime,
    created_at: OffsetDateTime,
}

/// The session store: tower-sessions' Postgres store, with a load that
/// also finds the signed-in user (one round trip per request, not two, and
/// none while the record is in `auth::cache`), and noting backend failures
/// for `watch_store`.
#[derive(Clone)]
pub struct Store {
    inner: PostgresStore,
    pool: sqlx::PgPool,
    cache: Sessions,
    idle: time::Duration,
    longest: time::Duration,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").finish_non_exhaustive()
    }
}

impl Store {
    pub fn new(pool: sqlx::PgPool, cache: Sessions, idle_minutes: u32, max_hours: u32) -> Self {
        Store {
            inner: PostgresStore::new(pool.clone()),
            pool,
            cache,
            idle: time::Duration::minutes(idle_minutes.clamp(1, 24 * 60).into()),
            longest: time::Duration::hours(max_hours.clamp(1, 24 * 30).into()),
        }
    }

    fn note<T>(
        result: tower_sessions::session_store::Result<T>,
    ) -> tower_sessions::session_store::Result<T> {
        if let Err(tower_sessions::session_store::Error::Backend(_)) = &result {
            let _ = STORE_FAILED.try_with(|failed| failed.set(true));
        }
        result
    }

    /// The record as it is stored: without the checked user.
    fn storable(record: &Record) -> Record {
        let mut record = record.clone();
        record.data.remove(CHECKED_KEY);
        record
    }

    /// The record and, when it is signed in and still valid, its user.
    async fn load_checked(&self, id: &Id) -> tower_sessions::session_store::Result<Option<Record>> {
        let id = id.to_string();
        let now = OffsetDateTime::now_utc();
        let loaded = match self.cache.get(&id) {
            Some(kept) if kept.record.expiry_date > now => kept,
            _ => {
                let generation = self.cache.generation();
                let Some(loaded) = self.load_from_database(&id).await? else {
                    return Ok(None);
                };
                let loaded = std::sync::Arc::new(loaded);
                self.cache.keep(generation, id, loaded.clone());
                loaded
            }
        };
        let mut record = loaded.record.clone();
        if let Some(s) = &loaded.signed_in
            && s.last_seen_at > now - self.idle
            && s.created_at > now - self.longest
        {
            let checked = Checked {
                handle: s.handle,
                user: s.user.clone(),
                stale: s.last_seen_at < now - time::Duration::minutes(1),
            };
            let value = serde_json::to_value(checked)
                .map_err(|e| tower_sessions::session_store::Error::Encode(e.to_string()))?;
            record.data.insert(CHECKED_KEY.to_string(), value);
        }
        Ok(Some(record))
    }

    /// The unexpired record `id` and the active user signed in on it.
    async fn load_from_database(
        &self,
        id: &str,
    ) -> tower_sessions::session_store::Result<Option<Loaded>> {
        use sqlx::Row;
        use tower_sessions::session_store::Error;
        let row = sqlx::query(
            r#"
            select s.data, us.handle, us.user_id, u.email, u.name, u.role, u.unit,
                   us.last_seen_at, us.created_at
              from tower_sessions.session s
              left join user_sessions us on us.record_id = s.id
              left join users u on u.id = us.user_id and u.active
             where s.id = $1 and s.expiry_date > now()
            "#,
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .map_err(|e| Error::Backend(e.to_string()))?;
        let Some(row) = row else { return Ok(None) };
        let decode = |e: sqlx::Error| Error::Decode(e.to_string());
        let data: Vec<u8> = row.try_get("data").map_err(decode)?;
        let mut record: Record =
            rmp_serde::from_slice(&data).map_err(|e| Error::Decode(e.to_string()))?;
        record.data.remove(CHECKED_KEY);
        let email: Option<String> = row.try_get("email").map_err(decode)?;
        let signed_in = match (
            row.try_get::<Option<Uuid>, _>("handle").map_err(decode)?,
            email,
        ) {
            (Some(handle), Some(email)) => Some(SignedIn {
                handle,
                user: CheckedUser {
                    id: row.try_get("user_id").map_err(decode)?,
                    email,
                    name: row.try_get("name").map_err(decode)?,
                    role: row.try_get("role").map_err(decode)?,
                    unit: row.try_get("unit").map_err(decode)?,
                },
                last_seen_at: row.try_get("last_seen_at").map_err(decode)?,
                created_at: row.try_get("created_at").map_err(decode)?,
            }),
            _ => None,
        };
        Ok(Some(Loaded { record, signed_in }))
    }

    /// Forgets a record here and tells the other instances.
    async fn announce(&self, id: &Id) -> tower_sessions::session_store::Result<()> {
        let id = id.to_string();
        self.cache.forget(&id);
        sqlx::query("select pg_notify($1, $2)")
            .bind(super::cache::CHANNEL)
            .bind(&id)
            .execute(&self.pool)
            .await
            .map_err(|e| tower_sessions::session_store::Error::Backend(e.to_string()))?;
        Ok(())
    }

    /// Ties the signed-in `user_sessions` row named in `record` to the
    /// record's id (a new id is given at every sign-in).
    async fn link(&self, record: &Record) -> tower_sessions::session_store::Result<()> {
        let Some(auth) = record
            .data
            .get(AUTH_KEY)
            .and_then(|v| serde_json::from_value::<SessionAuth>(v.clone()).ok())
        else {
            return Ok(());
        };
        db::link_session(&self.pool, auth.handle, &record.id.to_string())
            .await
            .map_err(|e| tower_sessions::session_store::Error::Backend(e.to_string()))
    }
}

type StoreFuture<'a, T> = std::pin::Pin<
    Box<dyn std::future::Future<Output = tower_sessions::session_store::Result<T>> + Send + 'a>,
>;

/// Written out by hand: the trait is declared with `async_trait`, which
/// this crate does not depend on.
impl SessionStore for Store {
    fn create<'a, 'b, 'c>(&'a self, record: &'b mut Record) -> StoreFuture<'c, ()>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move {
            let mut stored = Self::storable(record);
            Self::note(self.inner.create(&mut stored).await)?;
            record.id = stored.id;
            Self::note(self.link(&stored).await)
        })
    }

    fn save<'a, 'b, 'c>(&'a self, record: &'b Record) -> StoreFuture<'c, ()>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move {
            Self::note(self.inner.save(&Self::storable(record)).await)?;
            Self::note(self.announce(&record.id).await)
        })
    }

    fn load<'a, 'b, 'c>(&'a self, id: &'b Id) -> StoreFuture<'c, Option<Record>>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move { Self::note(self.load_checked(id).await) })
    }

    fn delete<'a, 'b, 'c>(&'a self, id: &'b Id) -> StoreFuture<'c, ()>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move {
            Self::note(self.inner.delete(id).await)?;
            Self::note(self.announce(id).await)
        })
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
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_else(|| "/".into());
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
