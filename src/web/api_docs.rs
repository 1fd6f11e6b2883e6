//! The API reference at `/api/docs`: Swagger UI reading our own OpenAPI
//! document (`/api/openapi.json`). Its files are built into the binary
//! (`utoipa-swagger-ui`, feature `vendored`) and served from here, nothing
//! from elsewhere; its page loads only its own script files (the settings
//! are in `swagger-initializer.js`), so the site's Content-Security-Policy
//! holds for it as for every page, but for one `<style>` element its
//! script adds, allowed by its hash (`DOCS_CSP`).

use std::sync::{Arc, LazyLock};

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use utoipa_swagger_ui::Config;

use super::routes::Routes;
use crate::error::AppError;

/// The site's policy, plus the one `<style>` element Swagger UI's script
/// writes (by its hash: no other inline style or script can run).
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self'; \
    style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; \
    frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Where the reference is served.
pub const PATH: &str = "/api/docs/";

static CONFIG: LazyLock<Arc<Config<'static>>> =
    LazyLock::new(|| Arc::new(Config::from("/api/openapi.json")));

/// `/api/docs` (to its folder) and its files.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Routes<S> {
    Routes::new()
        .get("/api/docs", || async { Redirect::permanent(PATH) })
        .get("/api/docs/", || async { file("") })
        .get("/api/docs/{*file}", |Path(name): Path<String>| async move {
            file(&name)
        })
}

/// One file of Swagger UI (its page for the folder itself).
fn file(name: &str) -> Response {
    // Its files lie side by side; `serve` would answer "/" with the page.
    if name.contains('/') {
        return AppError::NotFound.into_response();
    }
    match utoipa_swagger_ui::serve(name, CONFIG.clone()) {
        Ok(Some(file)) => {
            let content_type = HeaderValue::from_str(&file.content_type)
                .unwrap_or(HeaderValue::from_static("application/octet-stream"));
            let mut response = (StatusCode::OK, file.bytes.into_owned()).into_response();
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, content_type);
            headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(DOCS_CSP));
            // The files change only with the binary; an hour is plenty.
            headers.insert(
                CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            );
            if file.gzpipped {
                headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            }
            response
        }
        Ok(None) => AppError::NotFound.into_response(),
        Err(err) => AppError::Internal(anyhow::anyhow!("swagger ui: {err}")).into_response(),
    }
}
