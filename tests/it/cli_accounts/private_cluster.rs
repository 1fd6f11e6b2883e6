//! The account commands as a user runs them by default: on the private
//! cluster in the data folder, with the default log settings.

use std::process::Output;

use super::STRONG;
use crate::support::{DataFolder, Store, binary};

#[test]
fn token_create_on_the_private_cluster_prints_only_the_token() {
    let folder = DataFolder::new("jcc-");
    // As a user runs it: the private cluster, the default log settings.
    let jobclass = |args: &[&str], stdin: Option<&str>| -> Output {
        binary()
            .logging(None)
            .run(Store::DataDir(&folder.data()), args, stdin)
    };
    let email = "robot@test.example";
    let out = jobclass(
        &[
            "user",
            "create",
            "--email",
            email,
            "--name",
            "Robot",
            "--role",
            "hr",
            "--password-stdin",
        ],
        Some(STRONG),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = jobclass(&["token", "create", "--email", email], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "stdout holds more than the token:\n{stdout}"
    );
    assert!(lines[0].starts_with("jct_"), "{stdout}");
}
