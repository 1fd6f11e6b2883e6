//! An appeal as read with its position, and the rules about its deadline.

use serde::Deserialize;
use time::OffsetDateTime;

use super::workflow::AppealStatus;
use crate::clock;

/// The grounds given against one criterion.
#[derive(Debug, Clone, Deserialize)]
pub struct GroundsRow {
    pub criterion_id: i64,
    pub grounds: String,
}

/// A placement the appeal changed.
#[derive(Debug, Clone, Deserialize)]
pub struct AppealPlacementRow {
    pub criterion_id: i64,
    pub level: String,
    pub note: String,
}

/// A question of the officer or an answer of the appellant.
#[derive(Debug, Clone, Deserialize)]
pub struct MessageRow {
    /// Null: the appellant through the share link.
    pub author_name: Option<String>,
    pub kind: String,
    pub body: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// An appeal with what hangs off it (read in the position's own query).
#[derive(Debug, Clone, Deserialize)]
pub struct AppealRow {
    pub id: i64,
    pub status: AppealStatus,
    pub revision: i32,
    pub lodged_by: Option<i64>,
    pub lodged_by_name: Option<String>,
    pub share_link_id: Option<i64>,
    pub appellant_name: Option<String>,
    pub appellant_email: Option<String>,
    pub appellant_language: String,
    pub fit_grounds: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub lodged_at: OffsetDateTime,
    pub original_level: String,
    pub original_decided_by: i64,
    pub reviewer_id: Option<i64>,
    pub reviewer_name: Option<String>,
    pub outcome: Option<String>,
    pub level: Option<String>,
    pub rationale: Option<String>,
    pub decided_by_name: Option<String>,
    #[serde(with = "time::serde::rfc3339::option", default)]
    pub decided_at: Option<OffsetDateTime>,
    pub grounds: Vec<GroundsRow>,
    pub placements: Vec<AppealPlacementRow>,
    pub messages: Vec<MessageRow>,
}

impl AppealRow {
    /// The appellant's name as the record shows it.
    pub fn appellant(&self) -> &str {
        self.lodged_by_name
            .as_deref()
            .or(self.appellant_name.as_deref())
            .unwrap_or("")
    }

    /// Whether the appeal changed the level.
    pub fn changed(&self) -> bool {
        self.outcome.as_deref() == Some("changed")
    }

    /// The grounds against criterion `id`, when appealed.
    pub fn grounds_of(&self, criterion_id: impl std::borrow::Borrow<i64>) -> Option<&str> {
        let criterion_id = *criterion_id.borrow();
        self.grounds
            .iter()
            .find(|g| g.criterion_id == criterion_id)
            .map(|g| g.grounds.as_str())
    }

    /// The appeal's placement of criterion `id`, when it changed one.
    pub fn placement_of(
        &self,
        criterion_id: impl std::borrow::Borrow<i64>,
    ) -> Option<&AppealPlacementRow> {
        let criterion_id = *criterion_id.borrow();
        self.placements
            .iter()
            .find(|p| p.criterion_id == criterion_id)
    }

    /// Whether a question to the appellant waits for an answer.
    pub fn waiting(&self) -> bool {
        self.status == AppealStatus::Waiting
    }
}

/// The last instant an appeal can be lodged against a decision taken at
/// `decided_at`: the end of the `days`-th calendar day after the decision's
/// day, in the portal's time zone.
pub fn deadline(decided_at: &OffsetDateTime, days: u32) -> OffsetDateTime {
    let day = clock::day_of(decided_at);
    let last = day
        .checked_add(time::Duration::days(i64::from(days)))
        .unwrap_or(day);
    clock::end_of_day(last)
}

/// Whether the window is still open at `now`.
pub fn window_open(decided_at: &OffsetDateTime, days: u32, now: &OffsetDateTime) -> bool {
    *now < deadline(decided_at, days)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_deadline_is_the_end_of_the_last_calendar_day() {
        // Decided on 2 Dec (Brussels): 30 days → through 1 Jan, Brussels time.
        let decided = datetime!(2026-12-02 15:00 UTC);
        assert_eq!(deadline(&decided, 30), datetime!(2027-01-01 23:00 UTC));
        assert!(window_open(&decided, 30, &datetime!(2027-01-01 22:59 UTC)));
        assert!(!window_open(&decided, 30, &datetime!(2027-01-01 23:00 UTC)));
        // A decision late in the evening counts from its Brussels day.
        let late = datetime!(2026-12-02 23:30 UTC);
        assert_eq!(deadline(&late, 1), datetime!(2026-12-04 23:00 UTC));
    }

    #[test]
    fn zero_days_leave_the_day_of_the_decision() {
        let decided = datetime!(2026-12-02 10:00 UTC);
        assert!(window_open(&decided, 0, &datetime!(2026-12-02 22:00 UTC)));
        assert!(!window_open(&decided, 0, &datetime!(2026-12-02 23:00 UTC)));
    }
}
