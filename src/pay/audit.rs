//! Audit entries for reading pay data: every view and export of a report
//! is written to the audit log (who, which year, in which form).

use crate::app::AppState;
use crate::audit;
use crate::auth::model::CurrentUser;
use crate::error::AppResult;
use crate::web::client::Client;

/// Records that `user` read `year`'s pay data as `form` (`page`, `json`,
/// `csv`, `xlsx`, `category`).
pub async fn read(
    state: &AppState,
    user: &CurrentUser,
    client: &Client,
    action: &'static str,
    year: i32,
    form: &str,
) -> AppResult<()> {
    let mut tx = state.db.begin().await?;
    audit::record(
        &mut tx,
        audit::Entry {
            action,
            subject_type: "pay_period",
            subject_id: year.to_string(),
            details: serde_json::json!({ "form": form }),
            actor: Some(user.id),
            client,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
