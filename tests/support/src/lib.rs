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
//!   as owned pairs.
//! - [`Binary`]: the `jobclass` binary run as its users run it: one command
//!   to its end, or `serve` until it answers `/readyz` ([`Portal`]). Cargo
//!   tells only test and bench targets where it built the binary, so they
//!   pass the path in (`env!("CARGO_BIN_EXE_jobclass")`).

pub mod actors;
pub mod api;
mod app;
mod binary;
pub mod form;
pub mod html;
pub mod queries;
mod server;

pub use app::{TestApp, client};
pub use binary::{Binary, Portal, Store, free_port};
pub use server::{Database, Server, Template, server};

/// `value` percent-encoded for a query string or a form body (a space
/// becomes `+`), as a browser's form encodes it.
pub fn urlencoded(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}
