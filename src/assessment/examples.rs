//! Level examples: evidence worded at one level of one criterion of a
//! profile, kept by admins (`/admin/profiles/{slug}/examples`) as the
//! anchors of a rating scale. Evidence reading compares a manager's
//! evidence with them as with decided evidence (`index::Decided`), so a
//! new installation reads evidence with more than the descriptors' few
//! words before HR has decided anything. The seed profile comes with a
//! starter set (`seed/level-examples.tsv`, written by a writer who had not
//! seen the evaluation sets), stored once per database.
//!
//! Examples are kept by criterion name and level code, like confirmed
//! tasks by area title: they hold for every version with that criterion.

use sqlx::{PgConnection, PgPool};

use super::index::Decided;
use crate::profiles::model::Content;

pub const STARTER: &str = include_str!("../../seed/level-examples.tsv");

/// A level example.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub id: i64,
    pub language: String,
    pub criterion: String,
    pub level: String,
    pub text: String,
}

/// The lines of the starter set: (profile slug, example).
pub fn starter() -> impl Iterator<Item = (&'static str, Example)> {
    super::starter_rows(STARTER, 5).map(|c| {
        let example = Example {
            id: 0,
            language: c[1].to_string(),
            criterion: c[2].to_string(),
            level: c[3].to_string(),
            text: c[4].to_string(),
        };
        (c[0], example)
    })
}

/// The starter examples of `slug` in `language`, as decided evidence for
/// `content`'s criteria and levels (for reading without a database).
pub fn starter_for(slug: &str, language: &str, content: &Content) -> Vec<Decided> {
    as_decided(
        starter()
            .filter(|(p, e)| *p == slug && e.language == language)
            .map(|(_, e)| e),
        content,
    )
}

/// Examples as evidence decided at their level, for `content`'s criteria
/// (by name) and levels (by code); the others are left out.
fn as_decided(examples: impl Iterator<Item = Example>, content: &Content) -> Vec<Decided> {
    examples
        .filter_map(|e| {
            let criterion = content
                .criteria
                .iter()
                .position(|c| c.name == e.criterion)?;
            content
                .levels
                .iter()
                .any(|l| l.code == e.level)
                .then_some(Decided {
                    criterion,
                    level: e.level,
                    text: e.text,
                    example: true,
                })
        })
        .collect()
}

/// The examples of the profile of `version_id` written in `language`, as
/// decided evidence for `content`.
pub async fn for_reading(
    db: &PgPool,
    version_id: i64,
    content: &Content,
    language: &str,
) -> sqlx::Result<Vec<Decided>> {
    let rows = sqlx::query_as!(
        Example,
        r#"
        select id, language, criterion, level, text from level_examples
         where profile_id = (select profile_id from profile_versions where id = $1)
           and language = $2
         order by id
        "#,
        version_id,
        language
    )
    .fetch_all(db)
    .await?;
    Ok(as_decided(rows.into_iter(), content))
}

/// Every example of a profile in `language`, oldest first.
pub async fn of_profile(
    db: &PgPool,
    profile_id: i64,
    language: &str,
) -> sqlx::Result<Vec<Example>> {
    sqlx::query_as!(
        Example,
        r#"
        select id, language, criterion, level, text from level_examples
         where profile_id = $1 and language = $2
         order by id
        "#,
        profile_id,
        language
    )
    .fetch_all(db)
    .await
}

/// Stores an example; its id.
pub async fn insert(
    tx: &mut PgConnection,
    profile_id: i64,
    example: &Example,
    by: Option<i64>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"
        insert into level_examples (profile_id, language, criterion, level, text, created_by)
        values ($1, $2, $3, $4, $5, $6)
        returning id
        "#,
        profile_id,
        example.language,
        example.criterion,
        example.level,
        example.text,
        by
    )
    .fetch_one(&mut *tx)
    .await
}

/// Deletes example `id` of a profile; what it was, if it existed.
pub async fn delete(
    tx: &mut PgConnection,
    profile_id: i64,
    id: i64,
) -> sqlx::Result<Option<Example>> {
    sqlx::query_as!(
        Example,
        r#"
        delete from level_examples where id = $1 and profile_id = $2
        returning id, language, criterion, level, text
        "#,
        id,
        profile_id
    )
    .fetch_optional(&mut *tx)
    .await
}

/// Stores the starter set once per database, for the profiles it names
/// that exist: on the first start with this table, never again (admins
/// keep the examples from then on).
pub async fn seed_once(db: &PgPool) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    if super::first_seeding(&mut tx, "level-examples").await? {
        for (slug, e) in starter() {
            sqlx::query!(
                r#"
                insert into level_examples (profile_id, language, criterion, level, text)
                select id, $2, $3, $4, $5 from profiles where slug = $1
                "#,
                slug,
                e.language,
                e.criterion,
                e.level,
                e.text
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
    fn the_starter_set_reads_for_every_criterion_and_level_of_the_seed() {
        let doc: crate::profiles::document::ProfileDocument =
            serde_json::from_str(crate::profiles::document::SEED).unwrap();
        let content = Content::from_document(&doc);
        let all: Vec<_> = starter().collect();
        assert!(all.iter().all(|(p, _)| *p == doc.slug));
        let nl = starter_for(&doc.slug, "nl", &content);
        // Every line names a criterion and level of the seed.
        assert_eq!(
            nl.len(),
            all.iter().filter(|(_, e)| e.language == "nl").count()
        );
        for c in 0..content.criteria.len() {
            for level in &content.levels {
                assert!(
                    nl.iter()
                        .filter(|d| d.criterion == c && d.level == level.code)
                        .count()
                        >= 4
                );
            }
        }
        assert!(!starter_for(&doc.slug, "fr", &content).is_empty());
    }
}
