//! Task examples: tasks as managers word them, each of a result area of a
//! profile, kept by admins (`/admin/profiles/{slug}/examples`). Task
//! matching reads them as tasks HR confirmed (`index::Confirmed`): extra
//! examples of their area, in the language they are written in. The seed
//! profile comes with starter sets in French and Dutch
//! (`seed/task-examples.tsv`): managers word a task in many more ways than
//! the profile's few example tasks (docs/ASSESSMENT.md has the figures).
//!
//! Kept by the area's title in the profile's own language, like confirmed
//! tasks: they hold for every version with an area of that title.

use sqlx::{PgConnection, PgPool};

use super::index::Confirmed;
use crate::profiles::model::Content;

pub const STARTER: &str = include_str!("../../seed/task-examples.tsv");

/// A task example.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskExample {
    pub id: i64,
    pub language: String,
    /// The result area's title.
    pub area: String,
    pub text: String,
}

/// The lines of the starter set: (profile slug, example).
pub fn starter() -> impl Iterator<Item = (&'static str, TaskExample)> {
    super::starter_rows(STARTER, 4).map(|c| {
        let example = TaskExample {
            id: 0,
            language: c[1].to_string(),
            area: c[2].to_string(),
            text: c[3].to_string(),
        };
        (c[0], example)
    })
}

/// The starter examples of `slug` in `language`, as confirmed tasks of
/// `content`'s areas (for reading without a database).
pub fn starter_for(slug: &str, language: &str, content: &Content) -> Vec<Confirmed> {
    as_confirmed(
        starter()
            .filter(|(p, e)| *p == slug && e.language == language)
            .map(|(_, e)| e),
        content,
    )
}

/// Examples as tasks confirmed in `content`'s areas (by title); those of
/// an area it lacks are left out.
fn as_confirmed(examples: impl Iterator<Item = TaskExample>, content: &Content) -> Vec<Confirmed> {
    examples
        .filter_map(|e| {
            let area = content
                .result_areas
                .iter()
                .position(|a| a.title == e.area)?;
            Some(Confirmed { text: e.text, area })
        })
        .collect()
}

/// The examples of the profile of `version_id` written in `language`, as
/// confirmed tasks of `content`.
pub async fn for_reading(
    db: &PgPool,
    version_id: i64,
    content: &Content,
    language: &str,
) -> sqlx::Result<Vec<Confirmed>> {
    let rows = sqlx::query_as!(
        TaskExample,
        r#"
        select id, language, result_area as area, text from task_examples
         where profile_id = (select profile_id from profile_versions where id = $1)
           and language = $2
         order by id
        "#,
        version_id,
        language
    )
    .fetch_all(db)
    .await?;
    Ok(as_confirmed(rows.into_iter(), content))
}

/// Every task example of a profile in `language`, oldest first.
pub async fn of_profile(
    db: &PgPool,
    profile_id: i64,
    language: &str,
) -> sqlx::Result<Vec<TaskExample>> {
    sqlx::query_as!(
        TaskExample,
        r#"
        select id, language, result_area as area, text from task_examples
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
    example: &TaskExample,
    by: Option<i64>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"
        insert into task_examples (profile_id, language, result_area, text, created_by)
        values ($1, $2, $3, $4, $5)
        returning id
        "#,
        profile_id,
        example.language,
        example.area,
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
) -> sqlx::Result<Option<TaskExample>> {
    sqlx::query_as!(
        TaskExample,
        r#"
        delete from task_examples where id = $1 and profile_id = $2
        returning id, language, result_area as area, text
        "#,
        id,
        profile_id
    )
    .fetch_optional(&mut *tx)
    .await
}

/// Stores the starter set once per database and language, for the
/// profiles it names that exist; never again (admins keep the examples
/// from then on). A database seeded before the Dutch set came holds the
/// French one under the mark without a language, and gets the Dutch once.
pub async fn seed_once(db: &PgPool) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let fresh = super::first_seeding(&mut tx, "task-examples").await?;
    let mut languages: Vec<String> = starter().map(|(_, e)| e.language).collect();
    languages.sort();
    languages.dedup();
    for language in languages {
        let mark = format!("task-examples-{language}");
        if !super::first_seeding(&mut tx, &mark).await? || (!fresh && language == "fr") {
            continue;
        }
        for (slug, e) in starter().filter(|(_, e)| e.language == language) {
            sqlx::query!(
                r#"
                insert into task_examples (profile_id, language, result_area, text)
                select id, $2, $3, $4 from profiles where slug = $1
                "#,
                slug,
                e.language,
                e.area,
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
    fn the_starter_set_reads_for_every_area_of_the_seed() {
        let doc: crate::profiles::document::ProfileDocument =
            serde_json::from_str(crate::profiles::document::SEED).unwrap();
        let content = Content::from_document(&doc);
        let all: Vec<_> = starter().collect();
        let fr = starter_for(&doc.slug, "fr", &content);
        let nl = starter_for(&doc.slug, "nl", &content);
        assert_eq!(fr.len() + nl.len(), all.len());
        for area in 0..content.result_areas.len() {
            assert!(fr.iter().filter(|c| c.area == area).count() >= 5);
            assert!(nl.iter().filter(|c| c.area == area).count() >= 20);
        }
    }
}
