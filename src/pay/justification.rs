//! The justification of a flagged category (Art. 10(1)(c)): the
//! objective, gender-neutral reasons for its gap, written by HR on the
//! report page or through the API, audited with its text. An empty text
//! removes it.

use super::db;
use super::model::Category;
use super::report::YearReport;
use crate::app::AppState;
use crate::auth::model::CurrentUser;
use crate::error::AppResult;
use crate::web::client::Client;

/// The longest justification kept.
pub const MAX_JUSTIFICATION: usize = 4000;

/// Why a justification cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The year has no such category.
    NoCategory,
    /// Only a flagged category takes a justification (removing is fine).
    NotFlagged,
    TooLong,
    /// A control character (a NUL, …) other than a line break or tab.
    BadCharacter,
}

impl Refusal {
    /// The message key of a refusal of the text itself.
    pub fn message_key(self) -> &'static str {
        match self {
            Refusal::NoCategory => "pay-justification-no-category",
            Refusal::NotFlagged => "pay-justification-not-flagged",
            Refusal::TooLong => "pay-justification-too-long",
            Refusal::BadCharacter => "pay-justification-bad-character",
        }
    }
}

/// Whether `text` (trimmed) may be written for `category` of `y`.
pub fn check(y: &YearReport, category: &Category, text: &str) -> Result<(), Refusal> {
    let gap = y
        .report
        .categories
        .iter()
        .find(|c| &c.category == category)
        .ok_or(Refusal::NoCategory)?;
    if !gap.flag && !text.is_empty() {
        return Err(Refusal::NotFlagged);
    }
    if text.chars().count() > MAX_JUSTIFICATION {
        return Err(Refusal::TooLong);
    }
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(Refusal::BadCharacter);
    }
    Ok(())
}

/// Writes (or, empty, removes) the justification of `category` of
/// `year` with its audit entry, in one transaction. `via` is `page` or
/// `api`. Call `check` first.
pub async fn save(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    (year, category): (i32, &Category),
    text: &str,
    via: &'static str,
) -> AppResult<()> {
    let mut tx = state.db.begin().await?;
    db::set_justification(&mut tx, year, category, text, user.id).await?;
    crate::audit::record(
        &mut tx,
        crate::audit::Entry {
            action: "pay.justification_saved",
            subject_type: "pay_period",
            subject_id: year.to_string(),
            details: serde_json::json!({
                "profile": category.profile,
                "level": category.level,
                "text": text,
                "via": via,
            }),
            actor: Some(user.id),
            client,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
