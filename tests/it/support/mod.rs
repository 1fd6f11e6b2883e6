//! The harness of the `it` tests: the shared one (`tests/support`, crate
//! `jobclass-test-support`), the `jobclass` binary cargo built for these
//! tests, and property tests that make requests.

pub use jobclass_test_support::*;

mod property;

pub use property::run_property;

/// The `jobclass` binary cargo built for these tests.
pub fn binary() -> Binary {
    Binary::new(env!("CARGO_BIN_EXE_jobclass"))
}

/// Runs the `jobclass` binary with `args` against `database_url`.
pub fn jobclass(database_url: &str, args: &[&str], stdin: Option<&str>) -> std::process::Output {
    binary().run(Store::Url(database_url), args, stdin)
}
