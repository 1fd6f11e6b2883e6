//! UI languages: Dutch (default), French, English, and their messages
//! from the Fluent catalogues in `locales/`. Which language a request gets
//! is decided in `web::i18n`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, static_loader};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "nl",
        // Unicode isolation marks around arguments confuse screen readers
        // and tests; our arguments are plain words and numbers.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Nl,
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Nl, Lang::Fr, Lang::En];

    /// The ISO 639-1 code, as in `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Nl => "nl",
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language's own name ("Nederlands"), for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Nl => "Nederlands",
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "nl" => Some(Lang::Nl),
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's identifier, parsed once.
    fn id(self) -> &'static LanguageIdentifier {
        static IDS: LazyLock<[LanguageIdentifier; 3]> = LazyLock::new(|| {
            // The codes are valid language tags; parsing cannot fail.
            Lang::ALL.map(|l| l.code().parse().unwrap_or_default())
        });
        &IDS[self as usize]
    }

    /// The message `key` in this language. Kept after the first lookup:
    /// Fluent's lookup and formatting took a third of rendering a page.
    pub fn t(self, key: &str) -> String {
        /// More keys than the catalogues hold; unknown keys stop here.
        const MOST: usize = 4096;
        static KEPT: LazyLock<[RwLock<HashMap<String, String>>; 3]> =
            LazyLock::new(Default::default);
        let kept = &KEPT[self as usize];
        if let Some(found) = kept
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(key)
        {
            return found.clone();
        }
        let text = LOCALES.lookup(self.id(), key);
        let mut kept = kept
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.len() < MOST {
            kept.insert(key.to_string(), text.clone());
        }
        text
    }

    /// The message `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| {
                // Whole numbers go in as numbers, so plural rules apply.
                // (Only canonical ones: "007" typed by a user stays text.)
                let value = match value.parse::<i64>() {
                    Ok(n) if n.to_string() == *value => FluentValue::from(n),
                    _ => FluentValue::from(value.clone()),
                };
                (Cow::Borrowed(*name), value)
            })
            .collect();
        LOCALES.lookup_with_args(self.id(), key, &args)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_choose_the_plural_form() {
        assert_eq!(
            Lang::Nl.t_args("sessions-ended", &[("count", "1".into())]),
            "1 andere sessie is beëindigd."
        );
        assert_eq!(
            Lang::Nl.t_args("sessions-ended", &[("count", "3".into())]),
            "3 andere sessies zijn beëindigd."
        );
    }

    /// Message ids defined in a catalogue file.
    /// Message ids defined in every `.ftl` file of a language.
    fn catalogue_keys(lang: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for entry in std::fs::read_dir(format!("locales/{lang}"))
            .unwrap()
            .flatten()
        {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            keys.extend(
                text.lines()
                    .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && l.contains(" ="))
                    .map(|l| l.split(" =").next().unwrap().trim().to_string()),
            );
        }
        let mut unique = keys.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            keys.len(),
            "a message id is defined twice in locales/{lang}"
        );
        keys
    }

    #[test]
    fn every_message_exists_in_every_language() {
        let keys = catalogue_keys;
        let nl = keys("nl");
        assert!(nl.len() > 20);
        for lang in ["fr", "en"] {
            let mut other = keys(lang);
            let mut base = nl.clone();
            other.sort();
            base.sort();
            assert_eq!(
                base, other,
                "locales/{lang}/main.ftl has other keys than nl"
            );
        }
    }

    #[test]
    fn every_key_used_in_templates_and_code_exists() {
        let mut sources = Vec::new();
        for dir in ["templates", "src"] {
            collect_files(std::path::Path::new(dir), &mut sources);
        }
        // Every catalogue has the same keys (tested above): check against nl.
        let known = catalogue_keys("nl");
        let mut missing = Vec::new();
        for file in sources {
            let text = std::fs::read_to_string(&file).unwrap();
            for key in used_keys(&text) {
                if !known.contains(&key) {
                    missing.push(format!("{key} in {}", file.display()));
                }
            }
        }
        assert!(
            missing.is_empty(),
            "missing messages:\n{}",
            missing.join("\n")
        );
    }

    fn collect_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect_files(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// Keys written as `.t("<key>")`, `.t_args("<key>"` or `Msg::new("<key>"` in a source.
    fn used_keys(text: &str) -> Vec<String> {
        let mut keys = Vec::new();
        for marker in [".t(\"", ".t_args(\"", "Msg::new(\"", "msg(\""] {
            for (at, _) in text.match_indices(marker) {
                let rest = &text[at + marker.len()..];
                if let Some(end) = rest.find('"') {
                    let key = &rest[..end];
                    if key.starts_with(|c: char| c.is_ascii_lowercase())
                        && key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                    {
                        keys.push(key.to_string());
                    }
                }
            }
        }
        keys
    }
}
