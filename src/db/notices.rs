//! Change notices from PostgreSQL (`LISTEN`), for the caches of changing
//! data (`app::caches::Caches`), so that they stay right with several instances.
//! One connection listens on every channel; while it is not listening
//! (starting, or the connection broke), each cache is told so and caches
//! nothing.

use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgListener;

/// A cache kept right by the notices of one channel.
pub trait Listener: Send + Sync + 'static {
    /// A change was announced with `payload`.
    fn notice(&self, payload: &str);
    /// Listening began or ended: either way, forget what is kept (notices
    /// may have been missed), and keep nothing while not listening.
    fn listening(&self, on: bool);
}

/// Listens until the process ends; reconnects a second after a failure.
pub fn spawn(pool: PgPool, listeners: Vec<(&'static str, Arc<dyn Listener>)>) {
    tokio::spawn(async move {
        // Several caches may share a channel: listen to each once.
        let mut channels: Vec<&str> = listeners.iter().map(|(channel, _)| *channel).collect();
        channels.sort_unstable();
        channels.dedup();
        loop {
            match PgListener::connect_with(&pool).await {
                Ok(mut connection) => match connection.listen_all(channels.clone()).await {
                    Ok(()) => {
                        for (_, l) in &listeners {
                            l.listening(true);
                        }
                        // Ends when the connection is lost.
                        while let Ok(Some(notice)) = connection.try_recv().await {
                            for (_, l) in listeners.iter().filter(|(c, _)| *c == notice.channel()) {
                                l.notice(notice.payload());
                            }
                        }
                    }
                    Err(err) => tracing::warn!("cannot listen for changes: {err}"),
                },
                Err(err) => tracing::debug!("cannot connect to listen for changes: {err}"),
            }
            for (_, l) in &listeners {
                l.listening(false);
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}
