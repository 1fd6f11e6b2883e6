//! The test harness shared by `tests/it`, `tests/browser`,
//! `tests/reliability` and the benchmark (`benches/bench.rs`).
//!
//! - [`server`]: one PostgreSQL server per test process (a private cluster,
//!   or the server `DATABASE_URL` names), two migrated template databases,
//!   and a fresh [`Database`] per test, dropped when its last user ends.
//! - [`TestApp`]: the real router served on a loopback port against such a
//!   database; [`actors`] sign in through the real login form, [`api`]
//!   calls `/api/v1` with a bearer token, [`html`] parses pages, [`queries`]
//!   counts each request's SQL statements, [`form`] holds a form's fields
//!   as owned pairs, [`smtp`] runs a real SMTP server (aiosmtpd) that keeps
//!   what it receives, [`oidc`] runs a real OpenID provider for single
//!   sign-on.
//! - [`Binary`]: the `jobclass` binary run as its users run it: one command
//!   to its end, or `serve` until it answers `/readyz` ([`Portal`]). Cargo
//!   tells only test and bench targets where it built the binary, so they
//!   pass the path in (`env!("CARGO_BIN_EXE_jobclass")`). A [`DataFolder`]
//!   holds a private cluster of the test's own, stopped and removed with it.

pub mod actors;
pub mod api;
mod app;
mod binary;
mod folder;
pub mod form;
pub mod html;
pub mod oidc;
pub mod queries;
mod server;
pub mod smtp;

pub use app::{TestApp, client};
pub use binary::{Binary, Portal, Store, free_port, printed};
pub use folder::{DataFolder, alive, signal, wait_gone};
pub use server::{Database, Server, Template, server};

/// `value` percent-encoded for a query string or a form body (a space
/// becomes `+`), as a browser's form encodes it.
pub fn urlencoded(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// The `p` quantile (0.0 to 1.0) of durations sorted in increasing
/// order, the nearest rank; zero when there are none.
pub fn percentile(sorted: &[std::time::Duration], p: f64) -> std::time::Duration {
    if sorted.is_empty() {
        return std::time::Duration::ZERO;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}
