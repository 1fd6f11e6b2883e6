//! Storing and deleting a year's staff data: the file is read whole,
//! its positions checked against the database, and then stored in one
//! transaction with its audit entry, or refused with every problem.

use axum::body::Bytes;

use super::staff::{self, Problem};
use super::{db, model};
use crate::app::AppState;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::i18n::Lang;
use crate::web::client::Client;

/// The message of a file problem in `lang`, naming its line and column.
pub fn problem_message(problem: &Problem, lang: Lang) -> String {
    let what = lang.t(problem.message_key());
    let column = if problem.column.is_empty() {
        String::new()
    } else {
        problem.column.clone()
    };
    lang.t_args(
        if column.is_empty() {
            "pay-file-at-line"
        } else {
            "pay-file-at"
        },
        &[
            ("line", problem.line.to_string()),
            ("column", column),
            ("problem", what),
        ],
    )
}

/// Reads `bytes` (written in `format`) as the staff of `year` and stores
/// them, replacing what the year held: the number of rows, or every
/// problem (nothing stored). `via` (`api`, `page`) goes to the audit entry.
pub async fn store(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    year: i32,
    (bytes, format): (Bytes, staff::Format),
    via: &'static str,
) -> AppResult<Result<usize, Vec<Problem>>> {
    // Reading a workbook is CPU work (unzip, XML): off the async workers.
    // A reader that panics on a malformed file refuses the file.
    let read = tokio::task::spawn_blocking(move || staff::read(&bytes, format)).await;
    let rows = match read {
        Ok(Ok(rows)) => rows,
        Ok(Err(problems)) => return Ok(Err(problems)),
        Err(_) => {
            let code = match format {
                staff::Format::Csv => "malformed",
                staff::Format::Xlsx => "unreadable_xlsx",
            };
            return Ok(Err(vec![Problem::new(1, "", code)]));
        }
    };
    let mut ids: Vec<i64> = rows.iter().map(|r| r.position).collect();
    ids.sort_unstable();
    ids.dedup();
    let states = db::position_states(&state.db, &ids).await?;
    let problems: Vec<Problem> = rows
        .iter()
        .filter_map(|row| match states.get(&row.position) {
            None => Some(Problem::new(row.line, "position", "unknown_position")),
            Some(false) => Some(Problem::new(row.line, "position", "undecided_position")),
            Some(true) => None,
        })
        .collect();
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    let mut tx = state.db.begin().await?;
    db::replace_staff(&mut tx, year, &rows, user.id).await?;
    let genders = |g: model::Gender| rows.iter().filter(|r| r.gender == g).count();
    // Counts only: no pay figure and no employee reference in the log.
    audit::record(
        &mut tx,
        audit::Entry {
            action: "pay.staff_uploaded",
            subject_type: "pay_period",
            subject_id: year.to_string(),
            details: serde_json::json!({
                "rows": rows.len(),
                "female": genders(model::Gender::F),
                "male": genders(model::Gender::M),
                "other": genders(model::Gender::X),
                "via": via,
                "format": match format {
                    staff::Format::Csv => "csv",
                    staff::Format::Xlsx => "xlsx",
                },
            }),
            actor: Some(user.id),
            client,
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(year, rows = rows.len(), "pay staff file stored");
    Ok(Ok(rows.len()))
}

/// Deletes `year` and everything stored with it (admins).
pub async fn delete(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    year: i32,
) -> AppResult<()> {
    let mut tx = state.db.begin().await?;
    if !db::delete_period(&mut tx, year).await? {
        return Err(AppError::NotFound);
    }
    audit::record(
        &mut tx,
        audit::Entry {
            action: "pay.period_deleted",
            subject_type: "pay_period",
            subject_id: year.to_string(),
            details: serde_json::json!({}),
            actor: Some(user.id),
            client,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
