//! Versions: a new import supersedes the old version, old versions stay
//! readable, and the database refuses any change to a published version.

use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::api::SLUG;

/// Imports the seed again with the Kennis text at C changed: version 2.
async fn publish_second_version(app: &TestApp) {
    let version = app
        .publish_seed(|doc| {
            doc.title = "Administratieve ondersteuning (herzien)".into();
            doc.criteria[0]
                .descriptors
                .insert("C".into(), "Grondige kennis van de werkprocedures.".into());
        })
        .await;
    assert_eq!(version, 2);
}

#[tokio::test]
async fn a_new_version_supersedes_the_old_which_stays_readable() {
    let app = TestApp::spawn().await;
    publish_second_version(&app).await;

    let (_, page) = app.page(&format!("/profiles/{SLUG}")).await;
    assert_eq!(page.text("h1"), "Administratieve ondersteuning (herzien)");
    assert_eq!(page.count(".banner"), 0);

    let (status, page) = app.page(&format!("/profiles/{SLUG}/versions/1")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.text("h1"), "Administratieve ondersteuning");
    assert!(page.text(".banner").contains("versie 1"));
    assert_eq!(
        page.one(".banner a").value().attr("href"),
        Some("/profiles/administratieve-ondersteuning")
    );
    assert!(
        page.text("table.grid")
            .contains("kennis vereist van verschillende werkprocedures")
    );

    let (status, page) = app.page(&format!("/profiles/{SLUG}/versions/2")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.count(".banner"), 0);

    let (_, page) = app.page(&format!("/profiles/{SLUG}/history")).await;
    assert_eq!(page.count("table.list tbody tr"), 2);

    let (status, versions) = app.json(&format!("/api/v1/profiles/{SLUG}/versions")).await;
    assert_eq!(status, StatusCode::OK);
    let list: Vec<(i64, &str)> = versions
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].as_i64().unwrap(),
                v["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(list, [(2, "published"), (1, "superseded")]);
    let (_, old) = app
        .json(&format!("/api/v1/profiles/{SLUG}/versions/1"))
        .await;
    assert_eq!(old["version"], 1);
    assert_eq!(old["status"], "superseded");
    assert!(old["published_at"].as_str().unwrap().contains('T'));
    let (_, list) = app.json("/api/v1/profiles").await;
    assert_eq!(list[0]["current_version"], 2);
}

#[tokio::test]
async fn missing_and_non_numeric_versions_are_not_errors_of_ours() {
    let app = TestApp::spawn().await;
    for (path, expected) in [
        (
            "/profiles/administratieve-ondersteuning/versions/9",
            StatusCode::NOT_FOUND,
        ),
        (
            "/profiles/administratieve-ondersteuning/versions/0",
            StatusCode::NOT_FOUND,
        ),
        (
            "/profiles/administratieve-ondersteuning/versions/abc",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/profiles/administratieve-ondersteuning/versions/99999999999",
            StatusCode::BAD_REQUEST,
        ),
        (
            "/api/v1/profiles/administratieve-ondersteuning/versions/9",
            StatusCode::NOT_FOUND,
        ),
        (
            "/api/v1/profiles/administratieve-ondersteuning/versions/x",
            StatusCode::BAD_REQUEST,
        ),
        ("/profiles/nope/history", StatusCode::NOT_FOUND),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), expected, "{path}");
    }
    let (_, body) = app
        .json("/api/v1/profiles/administratieve-ondersteuning/versions/x")
        .await;
    assert_eq!(body["error"]["code"], "bad_request");
}

/// Statements that would change a published version, each of which the
/// database must refuse.
const FORBIDDEN: [&str; 9] = [
    "update profile_versions set title = 'x' where status = 'published'",
    "update profile_versions set status = 'draft', published_at = null where status = 'published'",
    "delete from profile_versions where status = 'published'",
    "update levels set name = 'x'",
    "delete from result_areas",
    "update tasks set text = 'x'",
    "insert into criteria (version_id, position, name) select id, 99, 'Nieuw' from profile_versions",
    "update descriptors set text = 'x'",
    "delete from glossary_terms",
];

#[tokio::test]
async fn the_database_refuses_to_change_a_published_version() {
    let app = TestApp::spawn().await;
    let before = snapshot(&app).await;
    for statement in FORBIDDEN {
        let result = sqlx::query(statement).execute(&app.pool).await;
        let err = result.expect_err(statement).to_string();
        assert!(err.contains("cannot be"), "{statement}: {err}");
    }
    assert_eq!(snapshot(&app).await, before);
}

#[tokio::test]
async fn a_superseded_version_is_frozen_too() {
    let app = TestApp::spawn().await;
    publish_second_version(&app).await;
    for statement in [
        "update profile_versions set title = 'x' where status = 'superseded'",
        "update profile_versions set status = 'published' where status = 'superseded'",
        "update descriptors d set text = 'x' from criteria c, profile_versions v where d.criterion_id = c.id and c.version_id = v.id and v.status = 'superseded'",
    ] {
        let result = sqlx::query(statement).execute(&app.pool).await;
        assert!(result.is_err(), "{statement} was allowed");
    }
}

#[tokio::test]
async fn only_one_version_of_a_profile_is_published() {
    let app = TestApp::spawn().await;
    publish_second_version(&app).await;
    let published: i64 =
        sqlx::query_scalar("select count(*) from profile_versions where status = 'published'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(published, 1);
}

/// A fingerprint of all profile content.
async fn snapshot(app: &TestApp) -> String {
    sqlx::query_scalar(
        "select md5(string_agg(t, '|' order by t)) from (
            select row(v.*)::text as t from profile_versions v
            union all select row(l.*)::text from levels l
            union all select row(r.*)::text from result_areas r
            union all select row(x.*)::text from tasks x
            union all select row(c.*)::text from criteria c
            union all select row(d.*)::text from descriptors d
            union all select row(g.*)::text from glossary_terms g) s",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap()
}
