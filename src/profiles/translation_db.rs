//! SQL of translations (`version_translations`, migration 13).

use std::collections::BTreeMap;

use sqlx::{PgConnection, PgExecutor};

use super::document::ProfileDocument;
use super::model::Content;
use super::translation::{self, Translation, key};

/// Every translation of a version, by language code.
pub async fn load(db: impl PgExecutor<'_>, version_id: i64) -> sqlx::Result<Vec<Translation>> {
    let rows = sqlx::query!(
        r#"
        select language, texts, sources, unofficial
          from version_translations where version_id = $1 order by language
        "#,
        version_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Translation {
            language: r.language,
            texts: serde_json::from_value(r.texts).unwrap_or_default(),
            sources: serde_json::from_value(r.sources).unwrap_or_default(),
            unofficial: r.unofficial,
        })
        .collect())
}

/// The translation of a version into `language`; empty when there is none.
pub async fn one(
    db: impl PgExecutor<'_>,
    version_id: i64,
    language: &str,
) -> sqlx::Result<Translation> {
    let found = load(db, version_id)
        .await?
        .into_iter()
        .find(|t| t.language == language);
    Ok(found.unwrap_or_else(|| Translation {
        language: language.to_string(),
        ..Translation::default()
    }))
}

/// Writes (creates or replaces) one translation of a draft.
pub async fn write(tx: &mut PgConnection, version_id: i64, tr: &Translation) -> sqlx::Result<()> {
    let texts = serde_json::to_value(&tr.texts).unwrap_or_default();
    let sources = serde_json::to_value(&tr.sources).unwrap_or_default();
    sqlx::query!(
        r#"
        insert into version_translations (version_id, language, texts, sources, unofficial)
        values ($1, $2, $3, $4, $5)
        on conflict (version_id, language) do update
           set texts = excluded.texts, sources = excluded.sources,
               unofficial = excluded.unofficial, updated_at = now()
        "#,
        version_id,
        tr.language,
        texts,
        sources,
        tr.unofficial
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Removes one translation of a draft; whether there was one.
pub async fn delete(tx: &mut PgConnection, version_id: i64, language: &str) -> sqlx::Result<bool> {
    let done = sqlx::query!(
        "delete from version_translations where version_id = $1 and language = $2",
        version_id,
        language
    )
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Carries the translations of version `from` into the new draft `to`,
/// with the source texts they were made from: what the draft changes in
/// the source then shows as outdated.
pub async fn copy(tx: &mut PgConnection, from: i64, to: i64) -> sqlx::Result<()> {
    sqlx::query!(
        r#"
        insert into version_translations (version_id, language, texts, sources, unofficial)
        select $2, language, texts, sources, unofficial
          from version_translations where version_id = $1
        "#,
        from,
        to
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Stores the translations a document brings with it, for the version
/// `stored` made from that document. Keys follow the document's order;
/// the database lists glossary terms alphabetically, so term keys are
/// moved to the stored order. Texts kept unchanged from a translation the
/// draft already has keep the source they were made from (a round trip
/// through the API loses no "outdated" mark); others are made from the
/// source as it is now.
pub async fn write_from_document(
    tx: &mut PgConnection,
    version_id: i64,
    document: &ProfileDocument,
    stored: &Content,
) -> sqlx::Result<()> {
    if document.translations.is_empty() {
        return Ok(());
    }
    let existing = load(&mut *tx, version_id).await?;
    let now: BTreeMap<String, String> = translation::texts(stored)
        .into_iter()
        .map(|(k, t)| (k, t.to_string()))
        .collect();
    for (language, doc_tr) in &document.translations {
        let before = existing.iter().find(|t| &t.language == language);
        let mut tr = Translation {
            language: language.clone(),
            unofficial: doc_tr.unofficial,
            ..Translation::default()
        };
        for (doc_key, text) in &doc_tr.texts {
            let key = term_key_in_store(doc_key, document, stored);
            let Some(source_now) = now.get(&key) else {
                continue;
            };
            let source = match before {
                Some(b) if b.texts.get(&key) == Some(text) => {
                    b.sources.get(&key).unwrap_or(source_now).clone()
                }
                _ => source_now.clone(),
            };
            tr.texts.insert(key.clone(), text.clone());
            tr.sources.insert(key, source);
        }
        write(tx, version_id, &tr).await?;
    }
    Ok(())
}

/// `term.<n>.…` of the document's glossary order as the stored order.
fn term_key_in_store(doc_key: &str, document: &ProfileDocument, stored: &Content) -> String {
    let mut parts = doc_key.splitn(3, '.');
    let (Some("term"), Some(n), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return doc_key.to_string();
    };
    let Some(term) = n
        .parse::<usize>()
        .ok()
        .and_then(|n| document.glossary.get(n.wrapping_sub(1)))
    else {
        return doc_key.to_string();
    };
    match stored.glossary.iter().position(|g| g.term == term.term) {
        Some(i) => format!("{}.{rest}", key::term(i + 1).trim_end_matches(".term")),
        None => doc_key.to_string(),
    }
}

/// The translations of a stored version as a document carries them,
/// texts in reading order.
pub fn to_document(
    translations: &[Translation],
    source: &Content,
) -> indexmap::IndexMap<String, super::document::DocTranslation> {
    let order = translation::texts(source);
    translations
        .iter()
        .map(|t| {
            let texts = order
                .iter()
                .filter_map(|(k, _)| Some((k.clone(), t.texts.get(k)?.clone())))
                .collect();
            let doc = super::document::DocTranslation {
                unofficial: t.unofficial,
                texts,
            };
            (t.language.clone(), doc)
        })
        .collect()
}
