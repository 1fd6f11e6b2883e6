//! Accounts: sign in and out (password or single sign-on), sessions, API
//! tokens, roles and guards.

pub mod api;
pub mod db;
pub mod demo;
pub mod handlers;
pub mod model;
pub mod oidc;
pub mod password;
pub mod session;
pub mod store;
pub mod tokens;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::routing::{MethodRouter, get};
use tower_governor::GovernorError;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;

use crate::app::AppState;
use crate::web::routes::Routes;

/// Sign-in, sign-out and one-time links.
pub fn routes(trust_proxy: bool) -> Routes<AppState> {
    let login = with_flood_guard(get(handlers::login_form).post(handlers::login), trust_proxy);
    Routes::new()
        .with("/login", &["GET", "POST"], login)
        .post("/logout", handlers::logout)
        .get("/set-password/{token}", handlers::set_password_form)
        .post("/set-password/{token}", handlers::set_password)
        .merge(oidc::routes(trust_proxy))
}

/// A coarse per-address limit on sign-in requests (one a second, bursts
/// of 30), so a flood cannot keep the password hasher busy. The precise
/// rules (5 failures per account, 20 per address) are in the database.
#[allow(
    clippy::expect_used,
    reason = "a constant configuration, checked by every test that signs in"
)]
fn with_flood_guard(route: MethodRouter<AppState>, trust_proxy: bool) -> MethodRouter<AppState> {
    let config = GovernorConfigBuilder::default()
        .per_second(1)
        .burst_size(30)
        .key_extractor(ClientIp { trust_proxy })
        .finish()
        .expect("valid rate limit");
    route.layer(GovernorLayer::new(Arc::new(config)))
}

/// The client address as `web::client` sees it: the peer, or the first
/// `X-Forwarded-For` entry when we are told to trust the proxy.
#[derive(Clone, Copy)]
struct ClientIp {
    trust_proxy: bool,
}

impl KeyExtractor for ClientIp {
    type Key = IpAddr;

    fn extract<T>(&self, req: &Request<T>) -> Result<IpAddr, GovernorError> {
        let forwarded = self
            .trust_proxy
            .then(|| req.headers().get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .and_then(|v| v.trim().parse().ok());
        forwarded
            .or_else(|| {
                req.extensions()
                    .get::<ConnectInfo<SocketAddr>>()
                    .map(|c| c.0.ip())
            })
            .ok_or(GovernorError::UnableToExtractKey)
    }
}
