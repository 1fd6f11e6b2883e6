//! The gender-neutral wording check of profile texts (Directive (EU)
//! 2023/970, Art. 4(4): evaluation on gender-neutral criteria starts with
//! gender-neutral descriptions). Hints, never blocks: a word of the
//! admins' list (`wording_terms`) in a text is pointed out, unless the
//! text also has its pair ("hij" with "zij", "directeur" with
//! "directrice"). Words are matched whole, case-insensitively; a phrase
//! matches as consecutive words.

use crate::profiles::model::Content;
use crate::profiles::translation::key;

/// A word or phrase of the list, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub id: i64,
    pub language: String,
    /// Lower case; several words for a phrase.
    pub term: String,
    /// The form whose presence makes the term fine (empty: none does).
    pub pair: String,
    /// `pronoun`, `title` or `phrase`.
    pub kind: String,
    /// What to write instead.
    pub advice: String,
}

/// One hint: where, which term, and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// Where in the version (`footnote`, `purpose`, `criterion Kennis`, …),
    /// as a message key and an argument.
    pub place: Place,
    pub term: String,
    pub kind: String,
    pub advice: String,
}

/// A text of a version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Title,
    Purpose,
    Footnote,
    Area(String),
    Task(String),
    Criterion(String),
    Cell(String, String),
    Glossary(String),
}

/// The words of `text`, lower case.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether the word sequence `needle` occurs in `haystack`.
fn contains(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The terms of `terms` that `text` uses without their pair.
pub fn check_text<'a>(text: &str, terms: &'a [Term]) -> Vec<&'a Term> {
    let found = words(text);
    terms
        .iter()
        .filter(|t| contains(&found, &words(&t.term)))
        .filter(|t| t.pair.is_empty() || !contains(&found, &words(&t.pair)))
        .collect()
}

/// Every hint for the texts of `content`, with the terms of its language.
/// In a translation (`translation::apply`), texts it lacks are still in
/// the source language and are left out: the source's own check has them.
pub fn check(content: &Content, terms: &[Term]) -> Vec<Hint> {
    let terms: Vec<Term> = terms
        .iter()
        .filter(|t| t.language == content.language)
        .cloned()
        .collect();
    let mut texts: Vec<(Place, String, &str)> = vec![
        (Place::Title, "title".into(), &content.title),
        (Place::Purpose, "purpose".into(), &content.purpose),
        (Place::Footnote, "footnote".into(), &content.footnote),
    ];
    for (a, area) in content.result_areas.iter().enumerate() {
        let place = || Place::Area(area.title.clone());
        texts.push((place(), key::area_title(a + 1), &area.title));
        texts.push((place(), key::area_mission(a + 1), &area.mission));
        for (t, task) in area.tasks.iter().enumerate() {
            texts.push((
                Place::Task(area.title.clone()),
                key::task(a + 1, t + 1),
                task,
            ));
        }
    }
    for (i, criterion) in content.criteria.iter().enumerate() {
        let name = &criterion.name;
        texts.push((Place::Criterion(name.clone()), key::criterion(i + 1), name));
        for (level, cell) in content.levels.iter().zip(&criterion.cells) {
            if let Some(cell) = cell {
                let place = Place::Cell(name.clone(), level.code.clone());
                texts.push((place, key::cell(i + 1, &level.code), cell));
            }
        }
    }
    for (i, term) in content.glossary.iter().enumerate() {
        let place = Place::Glossary(term.term.clone());
        texts.push((place, key::definition(i + 1), &term.definition));
    }
    texts.retain(|(_, key, _)| !content.untranslated.contains(key));
    let mut hints: Vec<Hint> = Vec::new();
    for (place, _, text) in texts {
        for term in check_text(text, &terms) {
            let hint = Hint {
                place: place.clone(),
                term: term.term.clone(),
                kind: term.kind.clone(),
                advice: term.advice.clone(),
            };
            if !hints.contains(&hint) {
                hints.push(hint);
            }
        }
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(language: &str, term: &str, pair: &str, kind: &str) -> Term {
        Term {
            id: 0,
            language: language.into(),
            term: term.into(),
            pair: pair.into(),
            kind: kind.into(),
            advice: String::new(),
        }
    }

    fn list() -> Vec<Term> {
        vec![
            term("nl", "hij", "zij", "pronoun"),
            term("nl", "directeur", "directrice", "title"),
            term("nl", "mannelijke vorm", "", "phrase"),
            term("fr", "il", "elle", "pronoun"),
            term("fr", "collaborateur", "collaboratrice", "title"),
            term("fr", "forme masculine", "", "phrase"),
            term("en", "he", "she", "pronoun"),
            term("en", "chairman", "", "title"),
            term("en", "masculine form", "", "phrase"),
        ]
    }

    fn found(text: &str, language: &str) -> Vec<String> {
        let terms: Vec<Term> = list()
            .into_iter()
            .filter(|t| t.language == language)
            .collect();
        check_text(text, &terms)
            .into_iter()
            .map(|t| t.term.clone())
            .collect()
    }

    #[test]
    fn dutch_masculine_pronouns_and_titles_without_their_pair_are_pointed_out() {
        assert_eq!(found("Hij plant de vergaderingen.", "nl"), ["hij"]);
        assert!(found("Hij/zij plant de vergaderingen.", "nl").is_empty());
        assert_eq!(found("Rapporteert aan de directeur.", "nl"), ["directeur"]);
        assert!(found("Rapporteert aan de directeur of directrice.", "nl").is_empty());
        // Whole words only: "hijsen" is not "hij".
        assert!(found("Zware lasten hijsen.", "nl").is_empty());
    }

    #[test]
    fn the_seeds_footnote_using_the_masculine_form_for_readability_is_caught() {
        let nl = "Omwille van de leesbaarheid wordt de mannelijke vorm gebruikt om bepaalde \
                  rollen te beschrijven.";
        assert_eq!(found(nl, "nl"), ["mannelijke vorm"]);
        let fr = "Pour des raisons de lisibilité, la forme masculine est utilisée pour décrire \
                  certains rôles. Des termes tels que « collaborateur » …";
        assert_eq!(found(fr, "fr"), ["collaborateur", "forme masculine"]);
    }

    #[test]
    fn french_terms_are_matched_across_elisions_and_accents() {
        assert_eq!(found("Il assiste l'équipe.", "fr"), ["il"]);
        assert!(found("Il ou elle assiste l'équipe.", "fr").is_empty());
        assert_eq!(found("Le collaborateur rédige.", "fr"), ["collaborateur"]);
        assert!(found("Le collaborateur ou la collaboratrice rédige.", "fr").is_empty());
    }

    #[test]
    fn english_pronouns_titles_and_the_masculine_form_note_are_pointed_out() {
        assert_eq!(
            found("He reports to the Chairman.", "en"),
            ["he", "chairman"]
        );
        assert!(found("He or she reports to the chair.", "en").is_empty());
        assert_eq!(
            found("The masculine form is used throughout.", "en"),
            ["masculine form"]
        );
        assert!(found("They help; the shepherd helps.", "en").is_empty());
    }

    #[test]
    fn a_translation_is_checked_with_its_own_words_and_only_where_it_is_translated() {
        use crate::profiles::document::{SEED, parse};
        use crate::profiles::translation::{Translation, apply};
        let source = Content::from_document(&parse(SEED).unwrap());
        let on_source: Vec<String> = check(&source, &list())
            .into_iter()
            .map(|h| h.term)
            .collect();
        assert!(
            on_source.contains(&"mannelijke vorm".to_string()),
            "{on_source:?}"
        );

        let mut tr = Translation {
            language: "fr".into(),
            ..Translation::default()
        };
        tr.texts.insert(
            "purpose".into(),
            "Le collaborateur soutient l'équipe ; il organise le secrétariat.".into(),
        );
        let french = apply(&source, &tr);
        let hints = check(&french, &list());
        let found: Vec<(&Place, &str)> =
            hints.iter().map(|h| (&h.place, h.term.as_str())).collect();
        // The footnote is not translated: its Dutch words are the source's
        // hints, not the translation's.
        assert_eq!(
            found,
            [(&Place::Purpose, "il"), (&Place::Purpose, "collaborateur")]
        );
    }
}
