//! The rules the input of a draft action must pass, the same whichever
//! path (page or API) sent it: problems by field name, with messages for
//! the user. No I/O here.

use crate::error::Msg;
use crate::profiles::document::{LANGUAGES, MAX_NAME, is_slug};

/// Longest change note of a publication.
pub const MAX_NOTE: usize = 2000;

/// Problems of the input, by field name.
pub type Problems = Vec<(String, Msg)>;

/// The change note, trimmed; required, and at most `MAX_NOTE` characters.
pub fn change_note(note: &str) -> Result<&str, Problems> {
    let note = note.trim();
    let problem = if note.is_empty() {
        Msg::new("editor-note-required")
    } else if note.chars().count() > MAX_NOTE {
        Msg::new("text-too-long").arg("max", MAX_NOTE)
    } else {
        return Ok(note);
    };
    Err(vec![("change_note".into(), problem)])
}

/// A new profile as typed in the form.
pub struct NewProfile<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub language: &'a str,
    /// Copy the current version of this profile (empty: start empty).
    pub copy_from: &'a str,
}

/// A new profile that passed the checks.
#[derive(Debug, PartialEq, Eq)]
pub struct CheckedProfile<'a> {
    /// Trimmed and in lowercase.
    pub slug: String,
    pub title: &'a str,
    pub language: &'a str,
    pub copy_from: Option<&'a str>,
}

/// Checks a new profile: a valid slug, a title (at most `MAX_NAME`
/// characters), a known content language.
pub fn new_profile<'a>(input: &NewProfile<'a>) -> Result<CheckedProfile<'a>, Problems> {
    let slug = input.slug.trim().to_lowercase();
    let title = input.title.trim();
    let mut problems = Problems::new();
    if !is_slug(&slug) {
        problems.push(("slug".into(), Msg::new("editor-slug-invalid")));
    }
    if title.is_empty() {
        problems.push(("title".into(), Msg::new("field-required")));
    } else if title.chars().count() > MAX_NAME {
        problems.push((
            "title".into(),
            Msg::new("text-too-long").arg("max", MAX_NAME),
        ));
    }
    if !LANGUAGES.contains(&input.language) {
        problems.push(("language".into(), Msg::new("editor-language-invalid")));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(CheckedProfile {
        slug,
        title,
        language: input.language,
        copy_from: Some(input.copy_from.trim()).filter(|s| !s.is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(problems: &Problems) -> Vec<(&str, &str)> {
        problems
            .iter()
            .map(|(field, msg)| (field.as_str(), msg.key))
            .collect()
    }

    #[test]
    fn a_change_note_is_required_and_at_most_2000_characters() {
        assert_eq!(change_note("  Nieuwe titel \n"), Ok("Nieuwe titel"));
        assert_eq!(
            keys(&change_note(" \n ").unwrap_err()),
            [("change_note", "editor-note-required")]
        );
        let long = "é".repeat(MAX_NOTE + 1);
        assert_eq!(
            keys(&change_note(&long).unwrap_err()),
            [("change_note", "text-too-long")]
        );
        assert!(change_note(&"é".repeat(MAX_NOTE)).is_ok());
    }

    #[test]
    fn a_new_profile_needs_a_slug_a_title_and_a_language() {
        let typed = NewProfile {
            slug: " Onthaal-2 ",
            title: " Onthaal ",
            language: "fr",
            copy_from: " ",
        };
        assert_eq!(
            new_profile(&typed),
            Ok(CheckedProfile {
                slug: "onthaal-2".into(),
                title: "Onthaal",
                language: "fr",
                copy_from: None,
            })
        );
        let long = "t".repeat(MAX_NAME + 1);
        let wrong = NewProfile {
            slug: "on--thaal",
            title: &long,
            language: "xx",
            copy_from: "",
        };
        assert_eq!(
            keys(&new_profile(&wrong).unwrap_err()),
            [
                ("slug", "editor-slug-invalid"),
                ("title", "text-too-long"),
                ("language", "editor-language-invalid")
            ]
        );
    }
}
