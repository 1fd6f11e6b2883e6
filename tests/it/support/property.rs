//! Property tests whose cases make requests: proptest's runner on the
//! test's own tokio runtime.

use proptest::prelude::*;

/// Runs a property with the cases' futures on this test's runtime.
pub fn run_property<T: std::fmt::Debug>(
    cases: u32,
    strategy: impl Strategy<Value = T>,
    test: impl Fn(T) -> Result<(), TestCaseError>,
) {
    // PROPTEST_CASES, as proptest itself reads it, runs more (or fewer).
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let result = tokio::task::block_in_place(|| runner.run(&strategy, test));
    if let Err(err) = result {
        panic!("{err}");
    }
}
