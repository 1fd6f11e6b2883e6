//! More requests than connections: they queue for a bounded time, then
//! get a 503; none hangs, and the pool serves again once connections free up.

use std::time::{Duration, Instant};

use jobclass::auth::model::Role;
use jobclass::db::ACQUIRE_TIMEOUT;
use reqwest::StatusCode;
use sqlx::Connection;

use crate::cluster::TestCluster;
use crate::{portal, support};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn requests_beyond_the_pool_wait_a_bounded_time_then_get_503() {
    let _alone = crate::one_at_a_time().await;
    let cluster = TestCluster::start().await;
    // Two connections, as `JOBCLASS_DB_POOL=2` would give.
    let app = portal::in_process(&cluster, 2).await;
    let manager = app.login_as(Role::Manager).await;
    let api = manager.api().await;
    let id = support::api::submitted_position(&api, "Vastgehouden").await;

    // Another client locks the positions table: the portal's reads of it
    // hold their connection until the lock goes.
    let mut locker = sqlx::PgConnection::connect_with(&cluster.options())
        .await
        .unwrap();
    let mut lock = locker.begin().await.unwrap();
    sqlx::query("lock table positions in access exclusive mode")
        .execute(&mut *lock)
        .await
        .unwrap();

    let started = Instant::now();
    let mut requests = Vec::new();
    for _ in 0..10 {
        let api = api.clone();
        requests.push(tokio::spawn(async move {
            let sent = Instant::now();
            let (status, body) = api.get(&format!("/api/v1/positions/{id}")).await;
            (status, body, sent.elapsed())
        }));
        // The token lookup needs a connection too; let each request get
        // that far before the next comes.
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Past the bounded wait, release the lock.
    tokio::time::sleep(ACQUIRE_TIMEOUT + Duration::from_secs(2)).await;
    lock.rollback().await.unwrap();

    let mut ok = 0;
    let mut unavailable = 0;
    for request in requests {
        let (status, body, elapsed) = request.await.unwrap();
        match status {
            StatusCode::OK => ok += 1,
            StatusCode::SERVICE_UNAVAILABLE => {
                unavailable += 1;
                assert_eq!(body["error"]["code"], "unavailable");
                // Waited for a connection, but not much longer than the bound.
                assert!(
                    elapsed >= ACQUIRE_TIMEOUT - Duration::from_millis(100),
                    "{elapsed:?}"
                );
                assert!(
                    elapsed < ACQUIRE_TIMEOUT + Duration::from_secs(1),
                    "{elapsed:?}"
                );
            }
            other => panic!("{other}: {body}"),
        }
    }
    // The two holding a connection finish once the lock goes; the others
    // gave up with a 503 after the bounded wait.
    assert_eq!((ok, unavailable), (2, 8));
    assert!(started.elapsed() < Duration::from_secs(10));
    // And the pool serves normally again.
    let (status, _) = api.get(&format!("/api/v1/positions/{id}")).await;
    assert_eq!(status, StatusCode::OK);
}
