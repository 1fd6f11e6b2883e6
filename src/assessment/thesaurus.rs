//! The thesaurus: synonym sets per language, with optional broader terms
//! (`infosessie ~ infomoment > activiteit`). It is data that admins keep
//! (`thesaurus_sets`, migration 10); a starter set ships in
//! `seed/thesaurus.tsv` and is stored on first start.
//!
//! The text form, one set per line: `language<TAB>term ~ term ~ … [> broader, …]`;
//! `#` starts a comment line.

use sqlx::{PgConnection, PgPool};

use super::text::Language;
use crate::error::Msg;

/// The starter set stored on first start.
pub const STARTER: &str = include_str!("../../seed/thesaurus.tsv");

/// Longest term, and most terms in one set.
pub const MAX_TERM: usize = 60;
pub const MAX_TERMS: usize = 30;

/// One synonym set.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct SynonymSet {
    /// Its record (0 when not stored).
    pub id: i64,
    pub language: Language,
    /// Words that mean the same here; single words (phrases are ignored
    /// by the analysis).
    pub terms: Vec<String>,
    /// Wider words the terms are a kind of.
    pub broader: Vec<String>,
}

/// Every synonym set.
#[derive(Debug, Clone, Default, Hash)]
pub struct Thesaurus {
    sets: Vec<SynonymSet>,
}

impl Thesaurus {
    pub fn new(sets: Vec<SynonymSet>) -> Self {
        Thesaurus { sets }
    }

    /// The sets of `language`.
    pub fn sets(&self, language: Language) -> impl Iterator<Item = &SynonymSet> {
        self.sets.iter().filter(move |s| s.language == language)
    }

    pub fn all(&self) -> &[SynonymSet] {
        &self.sets
    }

    /// Reads the text form; the error names the first bad line.
    pub fn parse(text: &str) -> Result<Thesaurus, String> {
        let mut sets = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = |why: &str| format!("line {}: {why}: {line}", n + 1);
            let (code, rest) = line.split_once('\t').ok_or_else(|| bad("no language"))?;
            let language = Language::parse(code).ok_or_else(|| bad("unknown language"))?;
            let (terms, broader) = rest.split_once('>').unwrap_or((rest, ""));
            let set = SynonymSet {
                id: 0,
                language,
                terms: split_terms(terms, '~'),
                broader: split_terms(broader, ','),
            };
            if set.terms.is_empty() || (set.terms.len() < 2 && set.broader.is_empty()) {
                return Err(bad("a set needs two terms or a broader term"));
            }
            sets.push(set);
        }
        Ok(Thesaurus { sets })
    }

    /// Every set as stored.
    pub async fn load<'e>(db: impl sqlx::PgExecutor<'e>) -> sqlx::Result<Thesaurus> {
        let rows =
            sqlx::query!("SELECT id, language, terms, broader FROM thesaurus_sets ORDER BY id")
                .fetch_all(db)
                .await?;
        Ok(Thesaurus {
            sets: rows
                .into_iter()
                .map(|r| SynonymSet {
                    id: r.id,
                    language: Language::from_code(&r.language),
                    terms: r.terms,
                    broader: r.broader,
                })
                .collect(),
        })
    }
}

/// The starter sets of `language` that `stored` lacks: sets new in this
/// release (the starter set is stored only on a database's first start),
/// or deleted here. A stored set holding more than half of a starter
/// set's terms is that set, perhaps edited.
pub fn missing_starter(stored: &Thesaurus, language: Language) -> Vec<SynonymSet> {
    let starter = Thesaurus::parse(STARTER).unwrap_or_default();
    starter
        .sets(language)
        .filter(|set| {
            !stored.sets(language).any(|kept| {
                let shared = set.terms.iter().filter(|t| kept.terms.contains(t)).count();
                2 * shared > set.terms.len()
            })
        })
        .cloned()
        .collect()
}

/// Terms of a list, trimmed and lower case, without empties or repeats.
pub fn split_terms(list: &str, separator: char) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for term in list.split(separator) {
        let term = term.trim().to_lowercase();
        if !term.is_empty() && !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

/// A set's terms and broader terms.
pub type Lists = (Vec<String>, Vec<String>);

/// Problems of a set's form, by field (`terms`, `broader`).
pub type FormProblems = Vec<(&'static str, Msg)>;

/// A set as an admin writes it: terms separated by `~`, broader terms by
/// commas.
pub fn read_form(terms: &str, broader: &str) -> Result<Lists, FormProblems> {
    let terms = split_terms(terms, '~');
    let broader = split_terms(broader, ',');
    let mut problems = Vec::new();
    for (field, list) in [("terms", &terms), ("broader", &broader)] {
        if list.len() > MAX_TERMS {
            problems.push((field, Msg::new("thesaurus-too-many").arg("max", MAX_TERMS)));
        }
        if let Some(bad) = list.iter().find(|t| t.chars().count() > MAX_TERM) {
            problems.push((
                field,
                Msg::new("thesaurus-term-too-long")
                    .arg("term", bad)
                    .arg("max", MAX_TERM),
            ));
        } else if let Some(bad) = list.iter().find(|t| t.split_whitespace().count() > 1) {
            // The analysis reads words, not phrases.
            problems.push((field, Msg::new("thesaurus-one-word").arg("term", bad)));
        }
    }
    if terms.is_empty() {
        problems.push(("terms", Msg::new("field-required")));
    } else if terms.len() < 2 && broader.is_empty() {
        problems.push(("terms", Msg::new("thesaurus-too-few")));
    }
    if problems.is_empty() {
        Ok((terms, broader))
    } else {
        Err(problems)
    }
}

/// Stores a new set; its id.
pub async fn insert(
    tx: &mut PgConnection,
    language: Language,
    terms: &[String],
    broader: &[String],
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO thesaurus_sets (language, terms, broader) VALUES ($1, $2, $3) RETURNING id",
        language.code(),
        terms,
        broader,
    )
    .fetch_one(&mut *tx)
    .await
}

/// Rewrites a set; the set as it was (`None`: no such set).
pub async fn update(
    tx: &mut PgConnection,
    id: i64,
    terms: &[String],
    broader: &[String],
) -> sqlx::Result<Option<Lists>> {
    let old = sqlx::query!(
        "SELECT terms, broader FROM thesaurus_sets WHERE id = $1 FOR UPDATE",
        id
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(old) = old else { return Ok(None) };
    sqlx::query!(
        "UPDATE thesaurus_sets SET terms = $2, broader = $3, updated_at = now() WHERE id = $1",
        id,
        terms,
        broader,
    )
    .execute(&mut *tx)
    .await?;
    Ok(Some((old.terms, old.broader)))
}

/// Deletes a set; the set as it was (`None`: no such set).
pub async fn delete(tx: &mut PgConnection, id: i64) -> sqlx::Result<Option<SynonymSet>> {
    let row = sqlx::query!(
        "DELETE FROM thesaurus_sets WHERE id = $1 RETURNING id, language, terms, broader",
        id
    )
    .fetch_optional(&mut *tx)
    .await?;
    Ok(row.map(|r| SynonymSet {
        id: r.id,
        language: Language::from_code(&r.language),
        terms: r.terms,
        broader: r.broader,
    }))
}

/// Stores the starter set once per database: on first start, or never
/// again after admins have kept their own (even an empty one).
pub async fn seed_once(db: &PgPool) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    if super::first_seeding(&mut tx, "thesaurus").await? {
        let starter = Thesaurus::parse(STARTER).map_err(anyhow::Error::msg)?;
        for set in starter.all() {
            sqlx::query!(
                "INSERT INTO thesaurus_sets (language, terms, broader) VALUES ($1, $2, $3)",
                set.language.code(),
                &set.terms,
                &set.broader,
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_sets_are_missing_until_a_stored_set_holds_most_of_their_terms() {
        let starter = Thesaurus::parse(STARTER).unwrap();
        let all_dutch = starter.sets(Language::Nl).count();
        let nothing = Thesaurus::default();
        assert_eq!(missing_starter(&nothing, Language::Nl).len(), all_dutch);
        assert!(missing_starter(&starter, Language::Nl).is_empty());

        // One set kept with a word added, one edited down to a minority of
        // its words, the rest stored as shipped.
        let mut sets: Vec<SynonymSet> = starter.all().to_vec();
        let dutch: Vec<usize> = (0..sets.len())
            .filter(|i| sets[*i].language == Language::Nl && sets[*i].terms.len() >= 3)
            .take(2)
            .collect();
        sets[dutch[0]].terms.push("eigenwoord".into());
        let cut = sets[dutch[1]].clone();
        sets[dutch[1]].terms.truncate(1);
        let stored = Thesaurus::new(sets);
        assert_eq!(missing_starter(&stored, Language::Nl), vec![cut]);
        assert!(missing_starter(&stored, Language::Fr).is_empty());
    }

    #[test]
    fn the_starter_set_reads() {
        let t = Thesaurus::parse(STARTER).unwrap();
        assert!(t.sets(Language::Nl).count() >= 40);
        assert!(t.sets(Language::Fr).count() >= 10);
    }

    #[test]
    fn lines_read_with_broader_terms_and_bad_lines_are_named() {
        let t = Thesaurus::parse("# c\nnl\tA ~ b ~ a > c, d\n").unwrap();
        assert_eq!(t.all()[0].terms, ["a", "b"]);
        assert_eq!(t.all()[0].broader, ["c", "d"]);
        assert!(
            Thesaurus::parse("xx\ta ~ b")
                .unwrap_err()
                .contains("line 1")
        );
        assert!(Thesaurus::parse("nl\ta").is_err());
    }
}
