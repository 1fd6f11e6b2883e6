//! The account commands as a user runs them by default: on the private
//! cluster in the data folder, with the default log settings.

use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;
use std::process::{Command, Output};

use super::STRONG;

/// A data folder for a private cluster, removed (cluster stopped) on drop.
struct DataDir(PathBuf);

impl Drop for DataDir {
    fn drop(&mut self) {
        let pidfile = self.0.join("data/postgres/postmaster.pid");
        if let Some(pid) = std::fs::read_to_string(pidfile)
            .ok()
            .and_then(|t| t.lines().next().map(str::to_string))
        {
            let _ = Command::new("kill").args(["-QUIT", &pid]).status();
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn token_create_on_the_private_cluster_prints_only_the_token() {
    let root = tempfile::Builder::new()
        .prefix("jcc-")
        .tempdir_in("/tmp")
        .unwrap()
        .keep();
    std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = DataDir(root);
    // As a user runs it: the private cluster, the default log settings.
    let jobclass = |args: &[&str], stdin: Option<&str>| -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_jobclass"));
        command
            .args(args)
            .env_remove("DATABASE_URL")
            .env_remove("RUST_LOG")
            .env("JOBCLASS_DATA_DIR", dir.0.join("data"))
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        if let Some(text) = stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(text.as_bytes())
                .unwrap();
        }
        drop(child.stdin.take());
        child.wait_with_output().unwrap()
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
