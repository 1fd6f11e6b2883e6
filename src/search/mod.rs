//! Catalogue search: the catalogue page (`/`) and `GET /api/v1/profiles`.
//! Profiles are found in every language they are read in (the source and
//! each translation, stemmed per language), by former titles, with the
//! thesaurus's synonyms and despite typos; snippets show the matches.
//! Builds on `profiles` (the catalogue, its cache) and `assessment` (the
//! thesaurus and word folding). What the database keeps for it:
//! migration 14 (`search_entries`, `search_words`); docs/DESIGN.md.

pub mod api;
pub mod db;
pub mod handlers;
pub mod query;

use crate::app::AppState;
use crate::web::routes::Routes;

/// The catalogue page.
pub fn routes() -> Routes<AppState> {
    Routes::new().get("/", handlers::catalogue)
}
