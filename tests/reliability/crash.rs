//! kill -9 of the portal (the real binary) in the middle of a write load,
//! three times over: after each restart it serves again, and the database
//! holds every acknowledged write and no partial one.

use std::time::Duration;

use crate::portal;
use crate::support::DataFolder;
use crate::traffic::{self, Run};
use crate::verify::verify;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_the_portal_during_writes_leaves_no_partial_position() {
    let _alone = crate::one_at_a_time().await;
    let folder = DataFolder::new("jcr-");
    let port = portal::free_port();
    let mut portal = portal::binary(&folder.data(), port).await;
    let app = portal::binary_app(&folder.data(), port).await;

    let run = Run::default();
    let (tasks, api_owners) = traffic::writers(&app, 4, 2, &run).await;

    let kills = 3;
    for _ in 0..kills {
        tokio::time::sleep(Duration::from_millis(2500)).await;
        portal.kill();
        // The private cluster outlives the portal; the new one uses it.
        portal = portal::binary(&folder.data(), port).await;
    }
    let last_restart = std::time::Instant::now();
    tokio::time::sleep(Duration::from_secs(2)).await;
    run.finish();
    for task in tasks {
        task.await.unwrap();
    }

    let records = run.records().await;
    let after_last_restart = records
        .iter()
        .filter(|r| r.acknowledged() && r.started > last_restart)
        .count();
    assert!(
        after_last_restart > 0,
        "no write succeeded after the last restart"
    );
    // Requests cut off by a kill have no answer; none was a 5xx.
    let cut = records.iter().filter(|r| r.status.is_none()).count();
    for r in &records {
        assert!(r.status.is_none_or(|s| s < 500), "{r:?}");
    }
    let tally = verify(&app.pool, &records, &api_owners).await;
    println!(
        "crash ({kills} kills of the portal): {tally}; {cut} requests cut off without an answer"
    );
    assert!(
        tally.failed_writes > 0,
        "no write was interrupted: the test proves nothing"
    );

    let status = portal.stop();
    assert!(status.success(), "{status}");
}
