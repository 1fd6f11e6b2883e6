//! The HR queue: its filters, read from a query string (here), and its SQL
//! (`db`), shared by the queue page, its CSV export and the API list.

mod db;

pub use db::{Filter, Listing, prefix_range, push_filter, queue};

use serde::Deserialize;

use super::workflow::Status;
use crate::clock;
use crate::error::{AppError, Msg};

/// Rows per queue page.
pub const PAGE_SIZE: i64 = 25;

/// A page number as typed (1-based, 1 when absent); junk is a 400.
pub fn page_number(raw: Option<&str>) -> Result<i64, AppError> {
    match raw.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(1),
        Some(p) => p
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=1_000_000).contains(n))
            .ok_or_else(|| AppError::BadRequest(Msg::new("page-invalid"))),
    }
}

/// The filters as typed in the form (all optional).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct QueueQuery {
    /// Repeated or comma-separated statuses; empty: the open ones.
    #[serde(default)]
    pub status: Vec<String>,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub profile: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub level: String,
    /// Profile version number (with `profile`).
    #[serde(default)]
    pub version: String,
    pub page: Option<String>,
}

fn text(value: &str) -> Option<String> {
    let value: String = value.trim().chars().take(200).collect();
    (!value.is_empty()).then_some(value)
}

impl QueueQuery {
    /// The database filter; unknown values are a 400 naming them.
    pub fn filter(&self, default: &[Status]) -> Result<Filter, AppError> {
        let mut statuses = Vec::new();
        for value in self
            .status
            .iter()
            .flat_map(|s| s.split(','))
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let status = Status::parse(value).ok_or_else(|| {
                AppError::BadRequest(
                    Msg::new("status-unknown")
                        .arg("value", value.chars().take(30).collect::<String>()),
                )
            })?;
            if !statuses.contains(&status) {
                statuses.push(status);
            }
        }
        if statuses.is_empty() {
            statuses = default.to_vec();
        }
        let level = text(&self.level);
        if let Some(level) = &level
            && !crate::profiles::document::is_level_code(level)
        {
            return Err(AppError::BadRequest(
                Msg::new("level-unknown-filter").arg("value", level),
            ));
        }
        let version = match self.version.trim() {
            "" => None,
            v => Some(v.parse::<i32>().ok().filter(|n| *n > 0).ok_or_else(|| {
                AppError::BadRequest(
                    Msg::new("diff-version-invalid")
                        .arg("field", "version")
                        .arg("value", v.chars().take(20).collect::<String>()),
                )
            })?),
        };
        Ok(Filter {
            statuses,
            version,
            unit: text(&self.unit),
            profile: text(&self.profile),
            submitted_from: clock::parse_date("from", &self.from).map_err(AppError::BadRequest)?,
            submitted_to: clock::parse_date("to", &self.to).map_err(AppError::BadRequest)?,
            proposed_level: level,
            owner: None,
        })
    }

    /// The page number (1-based); junk is a 400.
    pub fn page(&self) -> Result<i64, AppError> {
        page_number(self.page.as_deref())
    }

    /// The query string of these filters with another page.
    pub fn with_page(&self, page: i64) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for s in &self.status {
            q.append_pair("status", s);
        }
        for (key, value) in [
            ("unit", &self.unit),
            ("profile", &self.profile),
            ("from", &self.from),
            ("to", &self.to),
            ("level", &self.level),
        ] {
            if !value.is_empty() {
                q.append_pair(key, value);
            }
        }
        q.append_pair("page", &page.to_string());
        q.finish()
    }

    /// The query string without the page (for the CSV link).
    pub fn without_page(&self) -> String {
        let full = self.with_page(1);
        full.trim_end_matches("page=1")
            .trim_end_matches('&')
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_default_to_the_open_ones_and_unknown_values_are_refused() {
        let q = QueueQuery::default();
        assert_eq!(q.filter(&Status::OPEN).unwrap().statuses, Status::OPEN);
        let q = QueueQuery {
            status: vec!["decided,submitted".into(), "decided".into()],
            ..Default::default()
        };
        assert_eq!(
            q.filter(&Status::OPEN).unwrap().statuses,
            [Status::Decided, Status::Submitted]
        );
        let q = QueueQuery {
            status: vec!["lost".into()],
            ..Default::default()
        };
        assert!(q.filter(&Status::OPEN).is_err());
        let q = QueueQuery {
            from: "2026-13-01".into(),
            ..Default::default()
        };
        assert!(q.filter(&Status::OPEN).is_err());
        let q = QueueQuery {
            level: "c; drop".into(),
            ..Default::default()
        };
        assert!(q.filter(&Status::OPEN).is_err());
    }

    #[test]
    fn pages_are_positive_numbers() {
        for (raw, ok) in [
            (None, Some(1)),
            (Some("3"), Some(3)),
            (Some("0"), None),
            (Some("-1"), None),
            (Some("x"), None),
        ] {
            let q = QueueQuery {
                page: raw.map(String::from),
                ..Default::default()
            };
            assert_eq!(q.page().ok(), ok, "{raw:?}");
        }
        let q = QueueQuery {
            unit: "DG Rekrutering".into(),
            ..Default::default()
        };
        assert_eq!(q.with_page(2), "unit=DG+Rekrutering&page=2");
        assert_eq!(q.without_page(), "unit=DG+Rekrutering");
    }
}
