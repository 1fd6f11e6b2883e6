//! The private PostgreSQL cluster, driven through the real binary: first
//! start with initdb, commands that start and stop it, reuse of a running
//! cluster, and recovery from a crash (stale postmaster.pid).

use std::process::Output;
use std::time::Duration;

use jobclass::db::embedded::{Cluster, Options};
use nix::sys::signal::Signal;
use reqwest::StatusCode;

use crate::support::api::SLUG;
use crate::support::{
    DataFolder, Store, alive, binary, client, free_port, printed, signal, wait_gone,
};

/// Runs the binary on the private cluster in `dir`, logging what it does
/// (the cluster's start and stop are info lines).
fn run(dir: &DataFolder, args: &[&str]) -> Output {
    binary()
        .logging(Some("info"))
        .run(Store::DataDir(&dir.data()), args, None)
}

#[test]
fn a_command_initialises_the_cluster_and_stops_it_afterwards() {
    let dir = DataFolder::new("jce-");
    let out = run(&dir, &["migrate"]);
    assert!(out.status.success(), "{}", printed(&out));
    let log = printed(&out);
    assert!(log.contains("creating private PostgreSQL"), "{log}");
    assert!(log.contains("using private PostgreSQL"), "{log}");
    assert!(dir.data().join("postgres/PG_VERSION").is_file());
    // Stopped again: no server left behind.
    assert!(dir.postmaster().is_none(), "the cluster still runs");
    // Settings: socket only, inside the data folder.
    let conf = std::fs::read_to_string(dir.data().join("postgres/jobclass.conf")).unwrap();
    assert!(conf.contains("listen_addresses = ''"));

    // A second command reuses the folder without initdb.
    let out = run(&dir, &["export", "administratieve-ondersteuning"]);
    assert!(!printed(&out).contains("creating private PostgreSQL"));
    // The database is migrated but the seed is imported by `serve` only.
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("does not exist"),
        "{}",
        printed(&out)
    );
}

#[test]
fn a_command_uses_a_running_cluster_and_leaves_it_running() {
    let dir = DataFolder::new("jce-");
    let mut cluster = Cluster::open(&dir.data(), Options { ephemeral: true }).unwrap();
    assert!(cluster.start().unwrap());
    let pid = dir.postmaster().expect("running");
    let out = run(&dir, &["migrate"]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(
        printed(&out).contains("using the running private PostgreSQL"),
        "{}",
        printed(&out)
    );
    assert_eq!(dir.postmaster(), Some(pid));
    assert!(alive(pid));
    cluster.stop().unwrap();
}

#[test]
fn the_cluster_starts_again_after_its_server_was_killed() {
    let dir = DataFolder::new("jce-");
    let mut cluster = Cluster::open(&dir.data(), Options { ephemeral: true }).unwrap();
    cluster.start().unwrap();
    let pid = dir.postmaster().unwrap();
    signal(pid, Signal::SIGKILL);
    wait_gone(pid, Duration::from_secs(10));
    // postmaster.pid is stale now.
    assert!(dir.data().join("postgres/postmaster.pid").exists());
    let out = run(&dir, &["migrate"]);
    assert!(out.status.success(), "{}", printed(&out));
    assert!(dir.postmaster().is_none(), "left running after the command");
}

#[test]
fn a_foreign_non_empty_folder_is_not_overwritten() {
    let dir = DataFolder::new("jce-");
    std::fs::create_dir_all(dir.data().join("postgres")).unwrap();
    std::fs::write(dir.data().join("postgres/notes.txt"), "mine").unwrap();
    let out = run(&dir, &["migrate"]);
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("is not a PostgreSQL data folder"),
        "{}",
        printed(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.data().join("postgres/notes.txt")).unwrap(),
        "mine"
    );
}

#[tokio::test]
async fn serve_answers_and_stops_its_cluster_on_sigterm() {
    let dir = DataFolder::new("jce-");
    let mut portal = binary().serve(&dir.data(), free_port()).await;
    let response = client()
        .get(format!("{}/profiles/{SLUG}", portal.base()))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .text()
            .await
            .unwrap()
            .contains("Administratieve ondersteuning")
    );
    let server = dir.postmaster().expect("cluster running");
    let status = portal.stop();
    assert!(status.success(), "{status}");
    wait_gone(server, Duration::from_secs(10));
    assert!(!alive(server), "the cluster outlived the portal");
}
