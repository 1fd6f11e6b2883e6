//! The HR queue's pages are kept in memory while the instance listens for
//! position changes (`positions::queue::queue`): read again without a
//! statement, and forgotten whenever a position changes — at once on the
//! instance that made the change, within a moment on the others.

use std::time::{Duration, Instant};

use jobclass::auth::model::Role;
use reqwest::StatusCode;

use crate::support::TestApp;
use crate::support::actors::Actor;
use crate::support::queries::{count, traced_get};

const QUEUE: &str = "/review?status=draft";

/// The rows of the queue page and the statements the request ran.
async fn queue(hr: &Actor) -> (usize, usize) {
    let (id, status, body) = traced_get(&hr.client, &hr.url(QUEUE)).await;
    assert_eq!(status, StatusCode::OK);
    let page = crate::support::html::Page::parse(&body);
    (page.count("table.list tbody tr"), count(&id))
}

/// Waits until the queue shows `rows` rows; fails after two seconds.
async fn until_rows(hr: &Actor, rows: usize, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let (shown, _) = queue(hr).await;
        if shown == rows {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: {shown} rows, not {rows}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_kept_queue_page_needs_no_statement_and_follows_every_change() {
    let first = TestApp::spawn_listening().await;
    let second = first.another_instance().await;
    let manager = first.login_as(Role::Manager).await;
    let hr = first.login_as(Role::Hr).await;
    manager.start_position().await;

    // Once the instance listens, the page (and the session) come from memory.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let (rows, statements) = queue(&hr).await;
        assert_eq!(rows, 1);
        if statements == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "the page is never kept");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // A change made through this instance: its next request sees it.
    manager.start_position().await;
    assert_eq!(queue(&hr).await.0, 2);

    // Through another instance, or straight in the database: within a moment.
    let manager_elsewhere = second.login_as(Role::Manager).await;
    manager_elsewhere.start_position().await;
    until_rows(&hr, 3, "a position created on another instance").await;
    sqlx::query("update positions set status = 'withdrawn' where owner_id = $1")
        .bind(manager.user_id)
        .execute(&first.pool)
        .await
        .unwrap();
    until_rows(&hr, 1, "positions withdrawn in the database").await;
}
