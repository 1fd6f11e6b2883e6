//! Logging set-up: `RUST_LOG` filters, defaulting to info for our crate.

use tracing_subscriber::EnvFilter;

/// Installs the global subscriber once; later calls (tests) are no-ops.
pub fn init() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        // Standard output belongs to the commands (`export`, `token create`).
        .with_writer(std::io::stderr)
        .try_init();
}
