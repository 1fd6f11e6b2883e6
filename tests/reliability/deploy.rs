//! The shipped systemd units (`deploy/systemd/`): `systemd-analyze verify`
//! finds nothing to say about them, `systemd-analyze security` rates their
//! exposure low, and the single and the template unit stay hardened alike.

use std::path::Path;
use std::process::Command;

use crate::support::printed;

const SINGLE: &str = include_str!("../../deploy/systemd/jobclass.service");
const TEMPLATE: &str = include_str!("../../deploy/systemd/jobclass@.service");

/// The highest exposure `systemd-analyze security` may give, in its
/// tenths (the shipped units rate 1.x on systemd 252).
const EXPOSURE: &str = "25";

/// The `[Service]` settings that harden a unit: those below its
/// "# Hardening" line.
fn hardening(unit: &str) -> Vec<&str> {
    let from = unit.find("# Hardening").expect("a hardening section");
    let section = &unit[from..];
    let to = section.find("\n[").unwrap_or(section.len());
    section[..to]
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .collect()
}

#[test]
fn the_shipped_systemd_units_verify_and_are_hardened() {
    // The settings the deployment relies on, and the same hardening in both.
    for unit in [SINGLE, TEMPLATE] {
        for setting in [
            "User=jobclass",
            "ProtectSystem=strict",
            "NoNewPrivileges=true",
            "PrivateTmp=true",
            "ProtectHome=true",
            "StateDirectory=jobclass",
            "Environment=JOBCLASS_DATA_DIR=/var/lib/jobclass",
            "CapabilityBoundingSet=\n",
            "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX",
            "EnvironmentFile=/etc/jobclass/jobclass.env",
            "KillSignal=SIGTERM",
            "KillMode=mixed",
            "Restart=on-failure",
        ] {
            assert!(unit.contains(setting), "a unit lacks `{}`", setting.trim());
        }
        // Well above a drain of JOBCLASS_DRAIN_SECONDS=3 (README).
        let stop: u64 = unit
            .lines()
            .find_map(|line| line.strip_prefix("TimeoutStopSec="))
            .expect("TimeoutStopSec")
            .parse()
            .unwrap();
        assert!(stop >= 10 * 3, "TimeoutStopSec={stop}");
    }
    assert_eq!(hardening(SINGLE), hardening(TEMPLATE));
    assert!(TEMPLATE.contains("Environment=JOBCLASS_BIND=127.0.0.1:%i"));

    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped systemd-analyze: it is not installed (Debian's systemd package)");
        return;
    }
    // The units as shipped but for the binary's path, which must exist for
    // `verify`; the template as one instance of it.
    let dir = tempfile::tempdir().unwrap();
    let binary = env!("CARGO_BIN_EXE_jobclass");
    let mut files = Vec::new();
    for (unit, name) in [
        (SINGLE, "jobclass.service"),
        (TEMPLATE, "jobclass@3001.service"),
    ] {
        assert!(unit.contains("ExecStart=/usr/local/bin/jobclass serve"));
        let file = dir.path().join(name);
        std::fs::write(&file, unit.replace("/usr/local/bin/jobclass", binary)).unwrap();
        files.push(file);
    }
    let out = analyze(&["verify", "--man=no"], &files);
    // `verify` exits 0 after ignoring an unknown or malformed setting: it
    // must not have a word to say about ours.
    let said: Vec<&str> = std::str::from_utf8(&out.stderr)
        .unwrap()
        .lines()
        .filter(|line| line.contains(&*dir.path().to_string_lossy()) || line.contains("jobclass"))
        .collect();
    assert!(
        out.status.success() && said.is_empty(),
        "systemd-analyze verify:\n{}",
        printed(&out)
    );
    for file in &files {
        let out = analyze(
            &[
                "security",
                "--offline=true",
                "--no-pager",
                &format!("--threshold={EXPOSURE}"),
            ],
            std::slice::from_ref(file),
        );
        assert!(
            out.status.success(),
            "{} is exposed above {EXPOSURE} tenths:\n{}",
            file.display(),
            printed(&out)
        );
    }
}

fn analyze(args: &[&str], files: &[impl AsRef<Path>]) -> std::process::Output {
    Command::new("systemd-analyze")
        .args(args)
        .args(files.iter().map(AsRef::as_ref))
        .output()
        .expect("run systemd-analyze")
}
