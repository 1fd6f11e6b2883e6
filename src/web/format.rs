//! Dates and times as Belgian readers expect them: day/month/year, in
//! Brussels time.

use jiff::tz::TimeZone;
use time::OffsetDateTime;

fn brussels(at: &OffsetDateTime) -> jiff::Zoned {
    let tz = TimeZone::get("Europe/Brussels").unwrap_or(TimeZone::UTC);
    jiff::Timestamp::from_second(at.unix_timestamp())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(tz)
}

/// "29/11/2026".
pub fn date(at: &OffsetDateTime) -> String {
    brussels(at).strftime("%d/%m/%Y").to_string()
}

/// "29/11/2026 15:04".
pub fn datetime(at: &OffsetDateTime) -> String {
    brussels(at).strftime("%d/%m/%Y %H:%M").to_string()
}

/// ISO 8601 for `<time datetime>`.
pub fn iso(at: &OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn dates_are_shown_in_brussels_time() {
        // 23:30 UTC in winter is already the next day in Brussels.
        let at = datetime!(2026-11-29 23:30 UTC);
        assert_eq!(date(&at), "30/11/2026");
        assert_eq!(datetime(&at), "30/11/2026 00:30");
        let summer = datetime!(2026-07-01 10:00 UTC);
        assert_eq!(datetime(&summer), "01/07/2026 12:00");
    }
}
