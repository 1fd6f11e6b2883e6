//! `jobclass import` and `jobclass export`, run as the real binary.

use jobclass::profiles::document::SEED;
use serde_json::Value;

use crate::support::{TestApp, jobclass};

fn write_temp(text: &str) -> tempfile::NamedTempFile {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    std::io::Write::write_all(&mut file, text.as_bytes()).unwrap();
    file
}

#[tokio::test]
async fn export_gives_back_the_imported_document() {
    let app = TestApp::spawn().await;
    let out = jobclass(
        &app.database_url(),
        &["export", "administratieve-ondersteuning"],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let exported: Value = serde_json::from_slice(&out.stdout).unwrap();
    let seed: Value = serde_json::from_str(SEED).unwrap();
    assert_eq!(exported, seed);

    let out = jobclass(
        &app.database_url(),
        &["export", "administratieve-ondersteuning", "--version", "7"],
        None,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no published version 7"));
}

#[tokio::test]
async fn import_into_an_empty_database_then_again_makes_a_new_version() {
    let app = TestApp::spawn_empty().await;
    let file = write_temp(SEED);
    let path = file.path().to_str().unwrap();
    let out = jobclass(&app.database_url(), &["import", path], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("as version 1"));
    let out = jobclass(&app.database_url(), &["import", path], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("as version 2"));
    let statuses: Vec<String> =
        sqlx::query_scalar("select status::text from profile_versions order by version")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(statuses, ["superseded", "published"]);
}

/// Each bad document, the JSON path its error names, and a word of the message.
fn bad_documents() -> Vec<(&'static str, String, &'static str, &'static str)> {
    let seed: Value = serde_json::from_str(SEED).unwrap();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut doc = seed.clone();
        f(&mut doc);
        doc.to_string()
    };
    vec![
        (
            "wrong format",
            edit(&|d| d["format"] = 3.into()),
            "$.format",
            "not supported",
        ),
        (
            "unknown level code",
            edit(&|d| d["criteria"][0]["descriptors"]["A"] = "x".into()),
            "$.criteria[0].descriptors.A",
            "not one of",
        ),
        (
            "criterion missing a level",
            edit(&|d| {
                d["criteria"][3]["descriptors"]
                    .as_object_mut()
                    .unwrap()
                    .remove("D");
            }),
            "$.criteria[3].descriptors.D",
            "no text",
        ),
        (
            "empty text",
            edit(&|d| d["result_areas"][1]["tasks"][2] = " ".into()),
            "$.result_areas[1].tasks[2]",
            "empty",
        ),
        (
            "duplicate criterion",
            edit(&|d| d["criteria"][1]["name"] = "Kennis".into()),
            "$.criteria[1].name",
            "twice",
        ),
        (
            "duplicate level",
            edit(&|d| d["levels"][2]["code"] = "D".into()),
            "$.levels[2].code",
            "twice",
        ),
        (
            "bad slug",
            edit(&|d| d["slug"] = "Admin Ondersteuning".into()),
            "$.slug",
            "lowercase",
        ),
        ("not JSON", "{\"format\": 1,".to_string(), "$", "EOF"),
        (
            "wrong type",
            edit(&|d| d["levels"] = "D,C,B".into()),
            "$.levels",
            "invalid type",
        ),
    ]
}

#[tokio::test]
async fn import_rejects_each_kind_of_bad_document_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let before = (
        app.count("profile_versions").await,
        app.count("descriptors").await,
    );
    for (what, text, path, word) in bad_documents() {
        let file = write_temp(&text);
        let out = jobclass(
            &app.database_url(),
            &["import", file.path().to_str().unwrap()],
            None,
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{what}: accepted");
        assert!(stderr.contains(path), "{what}: no {path} in {stderr}");
        assert!(stderr.contains(word), "{what}: no '{word}' in {stderr}");
    }
    // A good file next to a bad one: the good one is not imported either.
    let good = write_temp(SEED);
    let bad = write_temp(&bad_documents()[0].1);
    let out = jobclass(
        &app.database_url(),
        &[
            "import",
            good.path().to_str().unwrap(),
            bad.path().to_str().unwrap(),
        ],
        None,
    );
    assert!(!out.status.success());
    assert_eq!(
        (
            app.count("profile_versions").await,
            app.count("descriptors").await
        ),
        before
    );
}

#[tokio::test]
async fn import_reports_every_problem_of_a_document_at_once() {
    let app = TestApp::spawn().await;
    let mut doc: Value = serde_json::from_str(SEED).unwrap();
    doc["format"] = 3.into();
    doc["title"] = "".into();
    doc["glossary"][0]["term"] = "".into();
    let file = write_temp(&doc.to_string());
    let out = jobclass(
        &app.database_url(),
        &["import", file.path().to_str().unwrap()],
        None,
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for path in ["$.format", "$.title", "$.glossary[0].term"] {
        assert!(stderr.contains(path), "no {path} in {stderr}");
    }
}

#[tokio::test]
async fn import_of_a_missing_file_says_so() {
    let app = TestApp::spawn().await;
    let out = jobclass(
        &app.database_url(),
        &["import", "/nonexistent/profile.json"],
        None,
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /nonexistent/profile.json"));
}
