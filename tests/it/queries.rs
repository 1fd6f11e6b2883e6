//! A guard on the number of SQL statements per page: a change that adds a
//! query per row (N+1) or loses the profile cache makes this fail.

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::api::SLUG;
use crate::support::queries::{count, traced_get};

/// Statements one request runs, as this client.
async fn statements(client: &reqwest::Client, url: &str) -> usize {
    let (id, status, _) = traced_get(client, url).await;
    assert_eq!(status, StatusCode::OK, "{url}");
    let n = count(&id);
    if n > 0 {
        eprintln!("{url}: {:?}", crate::support::queries::statements(&id));
    }
    n
}

#[tokio::test]
async fn reading_a_profile_takes_one_statement_once_its_version_is_cached() {
    // Without the change listener (as here) nothing about what is current
    // is cached: one statement finds the current version; the profile page
    // also asks whether a later version is scheduled.
    let app = TestApp::spawn().await;
    for (path, expected) in [
        (format!("/profiles/{SLUG}"), 2),
        (format!("/profiles/{SLUG}/compare?levels=C,B"), 1),
        (format!("/api/v1/profiles/{SLUG}"), 1),
    ] {
        let url = app.url(&path);
        statements(&app.client, &url).await;
        assert_eq!(statements(&app.client, &url).await, expected, "{path}");
    }
    // The first reading of a version loads it; later ones use the cache.
    let other = TestApp::spawn().await;
    let url = other.url(&format!("/profiles/{SLUG}"));
    let cold = statements(&other.client, &url).await;
    let warm = statements(&other.client, &url).await;
    assert!(
        cold >= warm + 5,
        "the cache saved nothing ({cold} then {warm})"
    );
    assert_eq!(statements(&app.client, &app.url("/healthz")).await, 0);
}

#[tokio::test]
async fn the_queue_page_takes_a_fixed_number_of_statements_however_many_rows() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let hr = app.login_as(Role::Hr).await;
    let url = app.url("/review?status=submitted,draft");
    let empty = statements(&hr.client, &url).await;
    for _ in 0..12 {
        manager.start_position().await;
    }
    // The first page with rows loads their (frozen) profile version once.
    statements(&hr.client, &url).await;
    let full = statements(&hr.client, &url).await;
    assert_eq!(empty, full, "statements grow with the rows");
    // The session with its user, the page, the profiles of the filter.
    assert!(full <= 3, "{full} statements");
}

#[tokio::test]
async fn a_position_page_takes_a_fixed_number_of_statements() {
    let app = TestApp::spawn().await;
    let manager = app.login_as(Role::Manager).await;
    let id = manager.start_position().await;
    let url = manager.url(&format!("/positions/{id}"));
    statements(&manager.client, &url).await;
    let warm = statements(&manager.client, &url).await;
    // The session with its user, the position, and what hangs off it;
    // and what the reading learns from (thesaurus, confirmed tasks,
    // decided evidence, level and task examples: one statement each),
    // which an instance that hears no change notices (as here) does not
    // keep.
    assert!(warm <= 7, "{warm} statements");
}

#[tokio::test]
async fn a_position_page_reads_its_analysis_from_memory_on_a_listening_instance() {
    let app = TestApp::spawn_listening().await;
    let manager = app.login_as(Role::Manager).await;
    let id = manager.start_position().await;
    let url = manager.url(&format!("/positions/{id}"));
    // Kept once the instance hears change notices (its listening
    // connection may still be starting).
    let mut warm = usize::MAX;
    for _ in 0..50 {
        warm = statements(&manager.client, &url).await;
        if warm <= 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // The session with its user, the position, and what hangs off it.
    assert!(warm <= 3, "{warm} statements");
}
