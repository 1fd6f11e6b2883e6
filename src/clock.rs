//! Calendar days in the portal's time zone (`JOBCLASS_TIME_ZONE`, default
//! Europe/Brussels): dates typed in forms and queries, the instants where
//! such a day begins, and dates and times as readers expect them.
//!
//! The zone is one setting for the whole process, set once at start-up;
//! the time zone database is built in (`jiff`'s bundle), so the host's
//! need not have it.

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicI64, Ordering};

use jiff::tz::TimeZone;
use time::{Date, OffsetDateTime};

use crate::error::Msg;

/// The zone used when none is configured.
pub const DEFAULT_ZONE: &str = "Europe/Brussels";

static ZONE: OnceLock<TimeZone> = OnceLock::new();

/// The time zone named `name` (IANA, e.g. `Europe/Brussels`).
pub fn zone_named(name: &str) -> Result<TimeZone, String> {
    TimeZone::get(name.trim()).map_err(|_| format!("unknown time zone {name:?}"))
}

/// Sets the portal's time zone; the first call wins (one zone per process).
pub fn set_zone(name: &str) -> Result<(), String> {
    let zone = zone_named(name)?;
    let _ = ZONE.set(zone);
    Ok(())
}

/// The portal's time zone.
pub fn zone() -> &'static TimeZone {
    ZONE.get_or_init(|| TimeZone::get(DEFAULT_ZONE).unwrap_or(TimeZone::UTC))
}

/// The time the portal's rules go by (appeal deadlines, reminders): the
/// real time, moved forward by an offset that only tests set, so a
/// deadline can be passed without waiting for it. Database defaults
/// (`now()`) keep the real time: they record when things happened.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_seconds: Arc<AtomicI64>,
}

impl Clock {
    /// Now, by this clock.
    pub fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
            + time::Duration::seconds(self.offset_seconds.load(Ordering::Relaxed))
    }

    /// Moves this clock (and every clone of it) forward by `by`.
    pub fn advance(&self, by: time::Duration) {
        self.offset_seconds
            .fetch_add(by.whole_seconds(), Ordering::Relaxed);
    }
}

/// The calendar day of `at` in the portal's zone.
pub fn day_of(at: &OffsetDateTime) -> Date {
    let civil = zoned(at).date();
    Date::from_calendar_date(
        civil.year() as i32,
        time::Month::try_from(civil.month() as u8).unwrap_or(time::Month::January),
        civil.day() as u8,
    )
    .unwrap_or(at.date())
}

/// A `yyyy-mm-dd` date typed in `field`; empty is `None`. The message
/// names the field and (the start of) what was typed.
pub fn parse_date(field: &'static str, value: &str) -> Result<Option<Date>, Msg> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(value, &format).map(Some).map_err(|_| {
        Msg::new("date-invalid")
            .arg("field", field)
            .arg("value", value.chars().take(20).collect::<String>())
    })
}

/// The instant `date` begins in the portal's zone (midnight, or the first
/// moment of the day where a clock change skips midnight).
pub fn start_of_day(date: Date) -> OffsetDateTime {
    let civil = jiff::civil::date(date.year() as i16, date.month() as i8, date.day() as i8);
    let second = civil.to_zoned(zone().clone()).map_or_else(
        |_| date.midnight().assume_utc().unix_timestamp(),
        |zoned| zoned.timestamp().as_second(),
    );
    OffsetDateTime::from_unix_timestamp(second).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// The instant the day after `date` begins: the end (exclusive) of `date`.
pub fn end_of_day(date: Date) -> OffsetDateTime {
    match date.next_day() {
        Some(next) => start_of_day(next),
        None => start_of_day(date) + time::Duration::days(1),
    }
}

fn zoned(at: &OffsetDateTime) -> jiff::Zoned {
    jiff::Timestamp::from_second(at.unix_timestamp())
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned(zone().clone())
}

/// "29/11/2026".
pub fn date(at: &OffsetDateTime) -> String {
    zoned(at).strftime("%d/%m/%Y").to_string()
}

/// "29/11/2026 15:04".
pub fn datetime(at: &OffsetDateTime) -> String {
    zoned(at).strftime("%d/%m/%Y %H:%M").to_string()
}

/// ISO 8601 for `<time datetime>`.
pub fn iso(at: &OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn an_advanced_clock_moves_every_clone() {
        let clock = Clock::default();
        let other = clock.clone();
        let before = other.now();
        clock.advance(time::Duration::days(31));
        let moved = other.now() - before;
        assert!(moved >= time::Duration::days(31) && moved < time::Duration::days(32));
    }

    #[test]
    fn the_day_of_an_instant_is_its_brussels_day() {
        assert_eq!(
            day_of(&datetime!(2026-11-29 23:30 UTC)),
            date!(2026 - 11 - 30)
        );
        assert_eq!(
            day_of(&datetime!(2026-11-29 22:30 UTC)),
            date!(2026 - 11 - 29)
        );
    }

    #[test]
    fn dates_are_shown_in_brussels_time() {
        // 23:30 UTC in winter is already the next day in Brussels.
        let at = datetime!(2026-11-29 23:30 UTC);
        assert_eq!(super::date(&at), "30/11/2026");
        assert_eq!(super::datetime(&at), "30/11/2026 00:30");
        let summer = datetime!(2026-07-01 10:00 UTC);
        assert_eq!(super::datetime(&summer), "01/07/2026 12:00");
    }

    #[test]
    fn a_day_begins_at_local_midnight() {
        assert_eq!(
            start_of_day(date!(2026 - 11 - 30)),
            datetime!(2026-11-29 23:00 UTC)
        );
        assert_eq!(
            start_of_day(date!(2026 - 07 - 01)),
            datetime!(2026-06-30 22:00 UTC)
        );
        // The day clocks go forward is 23 hours long.
        assert_eq!(
            end_of_day(date!(2026 - 03 - 29)) - start_of_day(date!(2026 - 03 - 29)),
            time::Duration::hours(23)
        );
    }

    #[test]
    fn typed_dates_are_checked() {
        assert_eq!(parse_date("from", " "), Ok(None));
        assert_eq!(
            parse_date("from", "2026-02-28"),
            Ok(Some(date!(2026 - 02 - 28)))
        );
        let err = parse_date("to", "2026-02-30").unwrap_err();
        assert_eq!(err.key, "date-invalid");
        assert_eq!(err.args[0], ("field", "to".to_string()));
        assert!(parse_date("to", "30/11/2026").is_err());
        assert!(zone_named("Mars/Olympus").is_err());
    }
}
