//! The private PostgreSQL cluster, driven through the real binary: first
//! start with initdb, commands that start and stop it, reuse of a running
//! cluster, and recovery from a crash (stale postmaster.pid).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use jobclass::db::embedded::{Cluster, Options};

/// A temporary data folder the postgres user can reach; removed on drop
/// after its cluster is stopped.
struct DataDir {
    root: PathBuf,
}

impl DataDir {
    fn new() -> Self {
        let root = tempfile::Builder::new()
            .prefix("jce-")
            .tempdir_in("/tmp")
            .unwrap()
            .keep();
        std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
        DataDir { root }
    }

    fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    fn pid(&self) -> Option<i32> {
        std::fs::read_to_string(self.data().join("postgres/postmaster.pid"))
            .ok()?
            .lines()
            .next()?
            .trim()
            .parse()
            .ok()
    }
}

impl Drop for DataDir {
    fn drop(&mut self) {
        if let Some(pid) = self.pid() {
            let _ = Command::new("kill")
                .arg("-QUIT")
                .arg(pid.to_string())
                .status();
            wait_gone(pid);
        }
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn alive(pid: i32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
        && !std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ")
}

fn wait_gone(pid: i32) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while alive(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Runs the binary on the embedded cluster in `dir`.
fn run(dir: &DataDir, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jobclass"))
        .args(args)
        .env_remove("DATABASE_URL")
        .env("JOBCLASS_DATA_DIR", dir.data())
        .env("RUST_LOG", "info")
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn a_command_initialises_the_cluster_and_stops_it_afterwards() {
    let dir = DataDir::new();
    let out = run(&dir, &["migrate"]);
    assert!(out.status.success(), "{}", text(&out));
    let log = text(&out);
    assert!(log.contains("creating private PostgreSQL"), "{log}");
    assert!(log.contains("using private PostgreSQL"), "{log}");
    assert!(dir.data().join("postgres/PG_VERSION").is_file());
    // Stopped again: no server left behind.
    assert!(dir.pid().is_none(), "the cluster still runs");
    // Settings: socket only, inside the data folder.
    let conf = std::fs::read_to_string(dir.data().join("postgres/jobclass.conf")).unwrap();
    assert!(conf.contains("listen_addresses = ''"));

    // A second command reuses the folder without initdb.
    let out = run(&dir, &["export", "administratieve-ondersteuning"]);
    assert!(!text(&out).contains("creating private PostgreSQL"));
    // The database is migrated but the seed is imported by `serve` only.
    assert!(!out.status.success());
    assert!(text(&out).contains("does not exist"), "{}", text(&out));
}

#[test]
fn a_command_uses_a_running_cluster_and_leaves_it_running() {
    let dir = DataDir::new();
    let mut cluster = Cluster::open(&dir.data(), Options { ephemeral: true }).unwrap();
    assert!(cluster.start().unwrap());
    let pid = dir.pid().expect("running");
    let out = run(&dir, &["migrate"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("using the running private PostgreSQL"),
        "{}",
        text(&out)
    );
    assert_eq!(dir.pid(), Some(pid));
    assert!(alive(pid));
    cluster.stop().unwrap();
}

#[test]
fn the_cluster_starts_again_after_its_server_was_killed() {
    let dir = DataDir::new();
    let mut cluster = Cluster::open(&dir.data(), Options { ephemeral: true }).unwrap();
    cluster.start().unwrap();
    let pid = dir.pid().unwrap();
    Command::new("kill")
        .arg("-9")
        .arg(pid.to_string())
        .status()
        .unwrap();
    wait_gone(pid);
    // postmaster.pid is stale now.
    assert!(dir.data().join("postgres/postmaster.pid").exists());
    let out = run(&dir, &["migrate"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(dir.pid().is_none(), "left running after the command");
}

#[test]
fn a_foreign_non_empty_folder_is_not_overwritten() {
    let dir = DataDir::new();
    std::fs::create_dir_all(dir.data().join("postgres")).unwrap();
    std::fs::write(dir.data().join("postgres/notes.txt"), "mine").unwrap();
    let out = run(&dir, &["migrate"]);
    assert!(!out.status.success());
    assert!(
        text(&out).contains("is not a PostgreSQL data folder"),
        "{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.data().join("postgres/notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn serve_answers_and_stops_its_cluster_on_sigterm() {
    let dir = DataDir::new();
    let port = free_port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobclass"))
        .env_remove("DATABASE_URL")
        .env("JOBCLASS_DATA_DIR", dir.data())
        .env("JOBCLASS_BIND", format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut page = None;
    while Instant::now() < deadline {
        if let Ok(body) = http_get(port, "/profiles/administratieve-ondersteuning") {
            page = Some(body);
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let page = page.expect("the portal answered");
    assert!(page.contains("Administratieve ondersteuning"));
    let server = dir.pid().expect("cluster running");
    Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
    wait_gone(server);
    assert!(!alive(server), "the cluster outlived the portal");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A minimal HTTP/1.0 GET, to keep this test free of async.
fn http_get(port: u16, path: &str) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n")?;
    let mut body = String::new();
    stream.read_to_string(&mut body)?;
    if body.starts_with("HTTP/1.0 200") || body.starts_with("HTTP/1.1 200") {
        Ok(body)
    } else {
        Err(std::io::Error::other("not ready"))
    }
}
