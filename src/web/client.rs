//! Who is on the other end of a request: address, browser, request id.

use std::convert::Infallible;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;

/// Whether to believe `X-Forwarded-For` (set when behind a proxy we run).
#[derive(Debug, Clone, Copy)]
pub struct TrustProxy(pub bool);

/// The client of a request.
#[derive(Debug, Clone, Default)]
pub struct Client {
    pub ip: String,
    pub user_agent: String,
    pub request_id: String,
}

impl Client {
    /// A client for work done outside a request (CLI, start-up).
    pub fn system(label: &str) -> Self {
        Client {
            ip: String::new(),
            user_agent: label.to_string(),
            request_id: String::new(),
        }
    }

    pub fn from_parts(parts: &Parts) -> Self {
        let trust_proxy = parts.extensions.get::<TrustProxy>().is_some_and(|t| t.0);
        let forwarded = trust_proxy
            .then(|| parts.headers.get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty());
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string());
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .chars()
                .take(300)
                .collect::<String>()
        };
        Client {
            ip: forwarded.or(peer).unwrap_or_default(),
            user_agent: header("user-agent"),
            request_id: header("x-request-id"),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(Client::from_parts(parts))
    }
}
