//! A version's content in the language its reader wants: the source, a
//! translation (texts it lacks fall back to the source, marked), or the
//! source with a notice when the wanted language does not exist.

use std::sync::Arc;

use super::db;
use super::model::{Content, VersionRef, VersionStatus};
use super::translation::{self, Report, Status, Translation, key};
use crate::app::AppState;

/// One language a version can be read in.
#[derive(Debug, Clone)]
pub struct LangOption {
    pub code: String,
    /// The language the version was written in.
    pub source: bool,
    pub status: Status,
    pub unofficial: bool,
}

impl LangOption {
    /// The language's own name, for the switch.
    pub fn name(&self) -> &'static str {
        native_name(&self.code)
    }

    /// What the option is: source text, (unofficial) translation, and how
    /// complete.
    pub fn label_key(&self) -> &'static str {
        match (self.source, self.unofficial, self.status) {
            (true, _, _) => "translation-source",
            (false, true, Status::Complete) => "translation-unofficial",
            (false, true, _) => "translation-unofficial-partial",
            (false, false, status) => status.label_key(),
        }
    }
}

/// A language's own name.
pub fn native_name(code: &str) -> &'static str {
    match code {
        "nl" => "Nederlands",
        "fr" => "Français",
        "en" => "English",
        "de" => "Deutsch",
        _ => "?",
    }
}

/// The content as one reader reads it.
#[derive(Debug, Clone)]
pub struct InLanguage {
    pub content: Arc<Content>,
    pub report: Report,
    /// The language the reader asked for.
    pub wanted: String,
    /// The source first, then each translation.
    pub options: Vec<LangOption>,
    /// The text shown is an unofficial translation.
    pub unofficial: bool,
}

impl InLanguage {
    /// Reads `source` in `wanted` among `translations`.
    pub fn build(source: Arc<Content>, translations: &[Translation], wanted: &str) -> InLanguage {
        let mut options = vec![LangOption {
            code: source.language.clone(),
            source: true,
            status: Status::Source,
            unofficial: false,
        }];
        for tr in translations {
            options.push(LangOption {
                code: tr.language.clone(),
                source: false,
                status: translation::report(&source, tr).status,
                unofficial: tr.unofficial,
            });
        }
        match translations.iter().find(|t| t.language == wanted) {
            Some(tr) if wanted != source.language => InLanguage {
                report: translation::report(&source, tr),
                content: Arc::new(translation::apply(&source, tr)),
                wanted: wanted.to_string(),
                options,
                unofficial: tr.unofficial,
            },
            _ => InLanguage {
                report: Report::source(&source),
                content: source,
                wanted: wanted.to_string(),
                options,
                unofficial: false,
            },
        }
    }

    /// The reader asked for a language this version does not exist in.
    pub fn missing(&self) -> bool {
        self.wanted != self.content.language
    }

    /// "in het Frans": the wanted language as the notice says it.
    pub fn wanted_in_key(&self) -> String {
        format!("lang-in-{}", self.wanted)
    }

    /// "de Nederlandse versie": what is shown instead.
    pub fn shown_key(&self) -> String {
        format!("lang-version-{}", self.content.language)
    }

    /// Some texts are shown in the source language.
    pub fn partial(&self) -> bool {
        !self.content.untranslated.is_empty()
    }

    pub fn codes(&self) -> Vec<&str> {
        self.options.iter().map(|o| o.code.as_str()).collect()
    }

    // The source language of a text shown untranslated (None: it is
    // translated, or this is the source), by the text's place.

    pub fn fb(&self, key: &str) -> Option<&str> {
        self.content.fallback(key)
    }
    pub fn fb_level(&self, code: &str) -> Option<&str> {
        self.content.fallback(&key::level(code))
    }
    /// `area` and `task` from 1 (askama's `loop.index`).
    pub fn fb_area(&self, area: &usize) -> Option<&str> {
        self.content.fallback(&key::area_title(*area))
    }
    pub fn fb_mission(&self, area: &usize) -> Option<&str> {
        self.content.fallback(&key::area_mission(*area))
    }
    pub fn fb_task(&self, area: &usize, task: &usize) -> Option<&str> {
        self.content.fallback(&key::task(*area, *task))
    }
    /// `criterion` counts from 0 (an index into `content.criteria`).
    pub fn fb_criterion(&self, criterion: &usize) -> Option<&str> {
        self.content.fallback(&key::criterion(criterion + 1))
    }
    /// `criterion` and `level` count from 0.
    pub fn fb_cell(&self, criterion: &usize, level: &usize) -> Option<&str> {
        let code = self.content.levels.get(*level)?.code.as_str();
        self.content.fallback(&key::cell(criterion + 1, code))
    }
    /// `term` from 1.
    pub fn fb_term(&self, term: &usize) -> Option<&str> {
        self.content.fallback(&key::term(*term))
    }
    pub fn fb_definition(&self, term: &usize) -> Option<&str> {
        self.content.fallback(&key::definition(*term))
    }
}

/// `version` read in `wanted`; a draft is read afresh, frozen versions
/// are kept (they and their translations never change).
pub async fn read(
    state: &AppState,
    version: &VersionRef,
    wanted: &'static str,
) -> sqlx::Result<Arc<InLanguage>> {
    if version.status == VersionStatus::Draft {
        let source = Arc::new(db::content(&state.db, version.id).await?);
        let translations = super::translation_db::load(&state.db, version.id).await?;
        return Ok(Arc::new(InLanguage::build(source, &translations, wanted)));
    }
    read_frozen(state, version.id, wanted).await
}

/// A frozen version (positions pin such versions) read in `wanted`.
pub async fn read_frozen(
    state: &AppState,
    version_id: i64,
    wanted: &'static str,
) -> sqlx::Result<Arc<InLanguage>> {
    let load = async {
        let source = super::cached::frozen(state, version_id).await?;
        let translations = super::translation_db::load(&state.db, version_id).await?;
        Ok(Arc::new(InLanguage::build(source, &translations, wanted)))
    };
    state
        .caches
        .in_language
        .get_or_load((version_id, wanted), load)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::document::{SEED, parse};
    use std::collections::BTreeMap;

    fn seed() -> Arc<Content> {
        Arc::new(Content::from_document(&parse(SEED).unwrap()))
    }

    fn french(title: &str) -> Translation {
        Translation {
            language: "fr".into(),
            texts: BTreeMap::from([("title".into(), title.into())]),
            sources: BTreeMap::new(),
            unofficial: true,
        }
    }

    #[test]
    fn the_wanted_translation_is_read_with_the_rest_from_the_source() {
        let r = InLanguage::build(seed(), &[french("Soutien administratif")], "fr");
        assert_eq!(r.content.title, "Soutien administratif");
        assert_eq!(r.content.language, "fr");
        assert!(!r.missing());
        assert!(r.partial());
        assert_eq!(r.fb("purpose"), Some("nl"));
        assert_eq!(r.fb("title"), None);
        assert_eq!(r.fb_cell(&0, &0), Some("nl"));
        assert_eq!(r.report.status, Status::Incomplete);
        assert!(r.unofficial);
        assert_eq!(r.codes(), ["nl", "fr"]);
    }

    #[test]
    fn a_language_without_translation_reads_the_source_with_a_notice() {
        let r = InLanguage::build(seed(), &[french("x")], "en");
        assert_eq!(r.content.language, "nl");
        assert!(r.missing());
        assert_eq!(r.wanted_in_key(), "lang-in-en");
        assert_eq!(r.shown_key(), "lang-version-nl");
        assert_eq!(r.fb("purpose"), None);
        assert_eq!(r.report.status, Status::Source);
        let source = InLanguage::build(seed(), &[], "nl");
        assert!(!source.missing());
    }
}
