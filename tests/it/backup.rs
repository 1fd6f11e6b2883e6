//! `jobclass backup` and `jobclass restore`: a populated database survives
//! the round trip unchanged; a restore never mixes into existing data.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use jobclass::auth::model::Role;
use reqwest::{Method, StatusCode};
use serde_json::json;
use sqlx::PgPool;

use crate::support::api::submitted_position;
use crate::support::{DataFolder, Store, TestApp, binary, jobclass, printed, server};

/// Every table's rows (as text, sorted) and every sequence's position.
async fn content(pool: &PgPool) -> BTreeMap<String, (i64, String)> {
    let tables: Vec<(String, String)> = sqlx::query_as(
        "select table_schema::text, table_name::text from information_schema.tables
          where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
          order by 1, 2",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut all = BTreeMap::new();
    for (schema, table) in tables {
        let (count, digest): (i64, String) = sqlx::query_as(&format!(
            "select count(*), coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '')
               from \"{schema}\".\"{table}\" t"
        ))
        .fetch_one(pool)
        .await
        .unwrap();
        all.insert(format!("{schema}.{table}"), (count, digest));
    }
    let sequences: Vec<(String, Option<i64>)> = sqlx::query_as(
        "select schemaname || '.' || sequencename, last_value from pg_sequences order by 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (name, last) in sequences {
        all.insert(
            format!("sequence {name}"),
            (last.unwrap_or(0), String::new()),
        );
    }
    all
}

/// Positions in every state, comments, a decision, a change request.
async fn populate(app: &TestApp) {
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let m = manager.api().await;
    let h = hr.api().await;
    for i in 0..3 {
        submitted_position(&m, &format!("Functie {i} met «aanhalingstekens» en ü")).await;
    }
    let decided = submitted_position(&m, "Beslist").await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{decided}/claim"),
        None,
        StatusCode::OK,
    )
    .await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{decided}/comments"),
        Some(&json!({"body": "Een vraag\nover twee regels"})),
        StatusCode::CREATED,
    )
    .await;
    h.expect(
        Method::POST,
        &format!("/api/v1/positions/{decided}/decision"),
        Some(&json!({"level": "C", "rationale": "Lang genoeg gemotiveerd voor de beslissing."})),
        StatusCode::OK,
    )
    .await;
    let response = manager
        .post(
            "/profiles/administratieve-ondersteuning/requests",
            &[
                ("part", "Kennis"),
                ("proposal", "Meer"),
                ("reason", "Omdat"),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
}

fn backup_file(dir: &Path) -> PathBuf {
    dir.join("jobclass.backup")
}

#[tokio::test]
async fn a_backup_restores_into_an_empty_database_with_the_same_content() {
    let app = TestApp::spawn().await;
    populate(&app).await;
    let before = content(&app.pool).await;
    assert!(before["public.positions"].0 >= 4);
    assert!(before["public.audit_log"].0 > 10);

    let dir = tempfile::tempdir().unwrap();
    let file = backup_file(dir.path());
    let out = jobclass(
        &app.database_url(),
        &["backup", file.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", printed(&out));
    assert!(
        printed(&out).contains("backup written"),
        "{}",
        printed(&out)
    );
    assert!(!dir.path().join("jobclass.backup.partial").exists());

    let target = server().blank_database().await;
    let out = jobclass(
        &server().url(&target),
        &["restore", file.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", printed(&out));
    let restored = server().pool(&target).await;
    assert_eq!(content(&restored).await, before);
    // The source is untouched by its backup.
    assert_eq!(content(&app.pool).await, before);
}

#[tokio::test]
async fn a_restore_into_a_database_with_content_needs_force_and_then_replaces_it() {
    let source = TestApp::spawn().await;
    populate(&source).await;
    let wanted = content(&source.pool).await;
    let dir = tempfile::tempdir().unwrap();
    let file = backup_file(dir.path());
    let out = jobclass(
        &source.database_url(),
        &["backup", file.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", printed(&out));

    // Another portal's database with other content.
    let other = TestApp::spawn().await;
    let manager = other.login_as(Role::Manager).await;
    submitted_position(&manager.api().await, "Andere functie").await;
    let theirs = content(&other.pool).await;
    assert_ne!(theirs, wanted);

    let out = jobclass(
        &other.database_url(),
        &["restore", file.to_str().unwrap()],
        None,
    );
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("is not empty") && printed(&out).contains("--force"),
        "{}",
        printed(&out)
    );
    assert_eq!(content(&other.pool).await, theirs, "refused, yet changed");

    // A file that is not a backup changes nothing, even with --force.
    let junk = dir.path().join("junk.backup");
    std::fs::write(&junk, "PGDMP but not really").unwrap();
    let out = jobclass(
        &other.database_url(),
        &["restore", "--force", junk.to_str().unwrap()],
        None,
    );
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("is not a jobclass backup"),
        "{}",
        printed(&out)
    );
    assert_eq!(content(&other.pool).await, theirs);

    // A backup damaged after its table of contents: the restore starts,
    // fails, and rolls back whatever it had replaced.
    // (The table of contents comes first; the last kilobytes are table data.)
    let mut bytes = std::fs::read(&file).unwrap();
    let len = bytes.len();
    for b in &mut bytes[len - 3000..len - 2000] {
        *b = b'A';
    }
    let damaged = dir.path().join("damaged.backup");
    std::fs::write(&damaged, bytes).unwrap();
    let out = jobclass(
        &other.database_url(),
        &["restore", "--force", damaged.to_str().unwrap()],
        None,
    );
    assert!(!out.status.success(), "{}", printed(&out));
    assert!(
        printed(&out).contains("pg_restore failed") || printed(&out).contains("changed nothing"),
        "the restore did not get as far as replacing: {}",
        printed(&out)
    );
    assert_eq!(
        content(&other.pool).await,
        theirs,
        "a failed restore changed data"
    );

    other.pool.close().await;
    let out = jobclass(
        &other.database_url(),
        &["restore", "--force", file.to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", printed(&out));
    let replaced = server().pool(&other.database).await;
    assert_eq!(content(&replaced).await, wanted);
}

/// Runs the binary on a private cluster in `data`.
fn run_embedded(data: &Path, args: &[&str]) -> Output {
    binary().run(Store::DataDir(data), args, None)
}

#[test]
fn the_private_cluster_is_backed_up_and_restored_with_its_own_programs() {
    // The cluster may run as the postgres user, who must reach the folder.
    let root = DataFolder::new("jcb-");
    let (a, b) = (root.root().join("a"), root.root().join("b"));
    let seed = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/seed/administratieve-ondersteuning.json"
    );
    let out = run_embedded(&a, &["import", seed]);
    assert!(out.status.success(), "{}", printed(&out));
    let file = root.root().join("cluster.backup");
    let out = run_embedded(&a, &["backup", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", printed(&out));

    let out = run_embedded(&b, &["restore", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", printed(&out));
    let exported = |dir: &Path| {
        let out = run_embedded(dir, &["export", "administratieve-ondersteuning"]);
        assert!(out.status.success(), "{}", printed(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let original = exported(&a);
    assert!(original.contains("\"Administratieve ondersteuning\""));
    assert_eq!(exported(&b), original);
    // Restoring again over the restored content needs --force.
    let out = run_embedded(&b, &["restore", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(printed(&out).contains("--force"), "{}", printed(&out));
    // Both clusters were stopped after each command.
    for dir in [&a, &b] {
        assert!(!dir.join("postgres/postmaster.pid").exists());
    }
}
