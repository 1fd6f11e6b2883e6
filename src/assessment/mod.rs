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
