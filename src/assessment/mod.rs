//! Reading what managers write: task matching against a profile's result
//! areas, evidence reading against its level descriptors, with the words
//! each suggestion rests on (docs/ASSESSMENT.md explains the method for
//! HR readers).
//!
//! `text` analyses words, `thesaurus` holds the synonym sets, `index`
//! analyses a profile version once (with what `learning` and admins'
//! `examples` and `task_examples` add), `matching` and `evidence` read
//! tasks and evidence against it, `cached` keeps analysed versions, `api`
//! serves `POST /api/v1/profiles/{slug}/match`.

pub mod api;
pub mod cached;
pub mod cues;
pub mod evidence;
pub mod examples;
pub mod index;
pub mod learning;
pub mod matching;
pub mod position;
pub mod precedents;
mod stopwords;
pub mod task_examples;
pub mod text;
pub mod thesaurus;

#[cfg(test)]
mod evaluation;

/// The rows of a starter file (`seed/*.tsv`): comments, blank lines and
/// the header left out, each row's columns as written (tab-separated);
/// rows without `columns` columns are left out.
fn starter_rows(text: &'static str, columns: usize) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect::<Vec<_>>())
        .filter(move |c| c.len() >= columns)
}

/// Marks starter set `name` as stored in this database; whether this is
/// the first time (a starter set is stored once, then kept by admins).
async fn first_seeding(tx: &mut sqlx::PgConnection, name: &str) -> sqlx::Result<bool> {
    Ok(sqlx::query_scalar!(
        "INSERT INTO seeded (name) VALUES ($1) ON CONFLICT DO NOTHING RETURNING name",
        name
    )
    .fetch_optional(&mut *tx)
    .await?
    .is_some())
}
