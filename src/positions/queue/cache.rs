//! The HR queue's pages, kept between requests.

use std::sync::Arc;

use super::db::Listing;

/// The channel on which the database announces position changes.
pub const CHANGES: &str = "jobclass_positions";

/// Queue pages by filter and page, kept until any position changes (a
/// trigger announces it, migration 8): HR officers page and filter the
/// queue far more often than positions change.
pub type QueuePages = crate::db::kept::Kept<Arc<Listing>>;

/// An empty cache of queue pages, told of changes on `CHANGES`.
pub fn queue_pages() -> QueuePages {
    crate::db::kept::Kept::new(CHANGES, 1024, std::time::Duration::from_secs(300))
}
