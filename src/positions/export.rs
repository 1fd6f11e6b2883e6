//! The HR queue as CSV, with the queue's filters: streamed row by row, so
//! memory stays flat however many positions match. UTF-8 with a byte order
//! mark, so that Excel opens accents correctly.

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use futures_util::TryStreamExt;
use tokio_stream::wrappers::ReceiverStream;

use super::queue::QueueQuery;
use super::workflow::Status;
use crate::app::AppState;
use crate::error::AppResult;

/// Column names of the export (kept in English: the file is read by tools).
pub const HEADER: [&str; 12] = [
    "id",
    "title",
    "unit",
    "profile",
    "version",
    "status",
    "proposed_level",
    "decided_level",
    "manager",
    "reviewer",
    "submitted_at",
    "updated_at",
];

/// `GET /review/export.csv`.
pub async fn csv(
    State(state): State<AppState>,
    axum_extra::extract::Query(query): axum_extra::extract::Query<QueueQuery>,
) -> AppResult<Response> {
    let filter = query.filter(&Status::OPEN)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(8);
    let pool = state.db.clone();
    tokio::spawn(async move {
        let mut head = b"\xEF\xBB\xBF".to_vec();
        head.extend(line(&HEADER.map(String::from)));
        if tx.send(Ok(Bytes::from(head))).await.is_err() {
            return;
        }
        let mut q = sqlx::QueryBuilder::new(
            r"select p.id, p.title, p.unit, pr.slug, v.title as profile_title, v.version, p.status,
                      p.proposed_level, l.code as decided_level, o.name as owner_name,
                      r.name as reviewer_name, p.submitted_at, p.updated_at
                 from positions p
                 join profile_versions v on v.id = p.profile_version_id
                 join profiles pr on pr.id = v.profile_id
                 join users o on o.id = p.owner_id
                 left join users r on r.id = p.reviewer_id
                 left join levels l on l.id = p.decided_level_id
                where ",
        );
        super::queue::push_filter(&mut q, &filter);
        q.push(" order by p.submitted_at nulls last, p.id");
        let mut rows = q.build_query_as::<ExportRow>().fetch(&pool);
        // Batch rows into chunks of about 64 KB.
        let mut chunk = Vec::with_capacity(64 * 1024);
        loop {
            match rows.try_next().await {
                Ok(Some(ExportRow {
                    line: r,
                    owner_name,
                })) => {
                    chunk.extend(line(&[
                        r.id.to_string(),
                        r.title,
                        r.unit,
                        r.slug,
                        r.version.to_string(),
                        r.status.as_str().to_string(),
                        r.proposed_level.unwrap_or_default(),
                        r.decided_level.unwrap_or_default(),
                        owner_name,
                        r.reviewer_name.unwrap_or_default(),
                        r.submitted_at
                            .map(|at| crate::clock::iso(&at))
                            .unwrap_or_default(),
                        crate::clock::iso(&r.updated_at),
                    ]));
                    if chunk.len() >= 60 * 1024 {
                        let full = std::mem::replace(&mut chunk, Vec::with_capacity(64 * 1024));
                        if tx.send(Ok(Bytes::from(full))).await.is_err() {
                            return;
                        }
                    }
                }
                Ok(None) => break,
                Err(err) => {
                    tracing::error!("CSV export failed: {err}");
                    let _ = tx.send(Err(std::io::Error::other("export failed"))).await;
                    return;
                }
            }
        }
        if !chunk.is_empty() {
            let _ = tx.send(Ok(Bytes::from(chunk))).await;
        }
    });
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                CONTENT_DISPOSITION,
                "attachment; filename=\"positions.csv\"",
            ),
        ],
        Body::from_stream(ReceiverStream::new(rx)),
    )
        .into_response())
}

/// One CSV record. Cells that a spreadsheet would run as a formula are
/// prefixed with an apostrophe (CSV injection).
fn line(cells: &[String]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let safe: Vec<String> = cells
        .iter()
        .map(|c| {
            if c.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{c}")
            } else {
                c.clone()
            }
        })
        .collect();
    // Writing to a Vec cannot fail.
    let _ = writer.write_record(&safe);
    writer.into_inner().unwrap_or_default()
}

/// A queue line with its owner's name, which only the export shows.
#[derive(sqlx::FromRow)]
struct ExportRow {
    #[sqlx(flatten)]
    line: super::db::Line,
    owner_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        let out = String::from_utf8(line(&[
            "a,b".into(),
            "=1+1".into(),
            "zeg \"hallo\"".into(),
            "é".into(),
        ]))
        .unwrap();
        assert_eq!(out, "\"a,b\",'=1+1,\"zeg \"\"hallo\"\"\",é\r\n");
    }
}
