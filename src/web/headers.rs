//! Security headers on every response.

use axum::extract::{Request, State};
use axum::http::HeaderValue;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::middleware::Next;
use axum::response::Response;

/// Scripts and styles only from our own origin: no inline script can run,
/// so an injected `<script>` would be inert even if escaping failed.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; \
    frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// The policy for this portal: [`CSP`], where forms may also lead to
/// `provider` (an OpenID provider's origin: signing out sends the browser
/// on to it from the sign-out form, and a browser checks a form's
/// redirects against `form-action` too).
pub fn policy(provider: Option<&str>) -> HeaderValue {
    let with_provider = provider.and_then(|origin| {
        HeaderValue::from_str(&CSP.replace(
            "form-action 'self';",
            &format!("form-action 'self' {origin};"),
        ))
        .ok()
    });
    with_provider.unwrap_or_else(|| HeaderValue::from_static(CSP))
}

/// Middleware: adds the headers unless a handler set its own; `csp` is
/// the [`policy`].
pub async fn security(State(csp): State<HeaderValue>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(CONTENT_SECURITY_POLICY, csp);
    }
    let defaults = [
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (REFERRER_POLICY, "same-origin"),
        (X_FRAME_OPTIONS, "DENY"),
    ];
    for (name, value) in defaults {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    headers
        .entry("permissions-policy")
        .or_insert(HeaderValue::from_static(
            "camera=(), microphone=(), geolocation=()",
        ));
    headers
        .entry("cross-origin-opener-policy")
        .or_insert(HeaderValue::from_static("same-origin"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_may_lead_to_the_identity_provider_when_there_is_one() {
        assert_eq!(policy(None), CSP);
        let with = policy(Some("https://login.example.org"));
        let with = with.to_str().unwrap();
        assert!(with.contains("form-action 'self' https://login.example.org;"));
        assert_eq!(with.replace(" https://login.example.org", ""), CSP);
    }
}
