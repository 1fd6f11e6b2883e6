//! Reliability: the database stopped and killed under a write load, the
//! connection pool exhausted, a long load at 256 connections, and kill -9
//! of the portal during writes. Each test runs its own PostgreSQL cluster
//! (the shared one of the `it` tests must not be stopped), durable, as in
//! production.
//!
//! `JOBCLASS_LOAD_SECONDS` sets the length of the load test (default 60).

// The harness shared with the `it` tests (tests/support).
use jobclass_test_support as support;

mod cluster;
mod portal;
mod traffic;
mod verify;

mod crash;
mod deploy;
mod failover;
mod load;
mod outage;
mod pool;
mod proxy;

/// These tests measure answer times while loading the machine (two cores
/// in CI): they run one at a time, whatever `--test-threads` says.
pub async fn one_at_a_time() -> tokio::sync::MutexGuard<'static, ()> {
    static LOCK: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    LOCK.lock().await
}
