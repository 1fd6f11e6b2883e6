//! The SQL of catalogue search (tables of migration 14).

use sqlx::PgExecutor;

use super::query::{Hit, LIMIT, SNIPPETS, headline_options, snippet};

/// Known words like each of `words` (`pg_trgm` similarity ≥ 0.3): (query
/// word, known word, similarity). A known word that starts with the query
/// word (the word itself, or an inflected form: organisationnel →
/// organisationnelles, which stemming finds) comes back with similarity 1.
/// Words of current versions count, and the title words of former ones.
pub async fn similar_words(
    db: impl PgExecutor<'_>,
    words: &[String],
) -> sqlx::Result<Vec<(String, String, f32)>> {
    let rows = sqlx::query!(
        r#"
        select x.word as "word!", w.word as "similar!",
               max(case when starts_with(w.word, x.word) then 1
                        else similarity(w.word, x.word) end) as "score!"
          from unnest($1::text[]) as x(word)
          -- Per word, so that both conditions use the trigram index.
          cross join lateral (
              select s.word, s.version_id, s.in_title from search_words s where s.word % x.word
              union all
              select s.word, s.version_id, s.in_title from search_words s
               where s.word like x.word || '%'
          ) w
          join profile_versions v on v.id = w.version_id
         where v.status = 'published' or (v.status = 'superseded' and w.in_title)
         group by x.word, w.word
        "#,
        words
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.word, r.similar, r.score))
        .collect())
}

/// Profiles matching `queries` (`to_tsquery` text per language of
/// `languages`): the whole text of current versions, the titles of former
/// ones; one line per profile, its best match first, in the language
/// that matched (ties: the reader's language `ui`, then the source).
pub async fn search(
    db: impl PgExecutor<'_>,
    languages: &[String],
    queries: &[String],
    level: Option<&str>,
    language: Option<&str>,
    ui: &str,
) -> sqlx::Result<Vec<Hit>> {
    let rows = sqlx::query!(
        r#"
        with q as (
            select x.language,
                   to_tsquery(search_config(x.language), x.query) || to_tsquery('simple', x.query) as query
              from unnest($1::text[], $2::text[]) as x(language, query)
        ),
        -- Current versions by their whole text, former ones by their
        -- titles; per language, so that each uses its index.
        hits as (
            select v.profile_id, true as current, e.language, e.source, e.title, q.query,
                   ts_rank(e.vector, q.query) as rank
              from q
              cross join lateral (
                  select e.version_id, e.language, e.source, e.title, e.vector from search_entries e
                   where e.language = q.language and e.vector @@ q.query) e
              join profile_versions v on v.id = e.version_id and v.status = 'published'
             where $4::text is null or e.language = $4
            union all
            select v.profile_id, false, e.language, e.source, e.title, q.query,
                   ts_rank(e.title_vector, q.query)
              from q
              cross join lateral (
                  select e.version_id, e.language, e.source, e.title, e.title_vector
                    from search_entries e
                   where e.language = q.language and e.title_vector @@ q.query) e
              join profile_versions v on v.id = e.version_id and v.status = 'superseded'
             where $4::text is null or e.language = $4
        ),
        best as (
            select distinct on (profile_id) profile_id, current, language, title, query, rank
              from hits
             order by profile_id, rank desc, current desc, language = $5 desc, source desc
        ),
        found as (
            select p.slug, cur.version, cur.id as version_id, b.rank,
                   coalesce(ce.language, se.language, cur.language) as language,
                   coalesce(ce.title, se.title, cur.title) as title,
                   coalesce(ce.purpose, se.purpose, cur.purpose) as purpose,
                   case when not b.current and b.title <> coalesce(ce.title, se.title, cur.title)
                        then b.title end as previously,
                   coalesce(ce.body, se.body, '') as body, b.query
              from best b
              join profiles p on p.id = b.profile_id
              join profile_versions cur on cur.profile_id = b.profile_id and cur.status = 'published'
              left join search_entries ce on ce.version_id = cur.id and ce.language = b.language
              left join search_entries se on se.version_id = cur.id and se.source
             where ($3::text is null
                    or exists (select 1 from levels l where l.version_id = cur.id and l.code = $3))
             order by b.rank desc, lower(coalesce(ce.title, se.title, cur.title))
             limit $7
        ),
        numbered as (
            select f.*, row_number() over (order by f.rank desc, lower(f.title)) as place
              from found f
        )
        -- Snippets for the first results only: ts_headline reads a whole
        -- version's text.
        select n.slug, n.version, n.language as "language!", n.title as "title!",
               n.purpose as "purpose!", n.previously,
               case when n.place <= $8 then ts_headline(search_config(n.language), n.body, n.query, $6)
                    else '' end as "headline!",
               coalesce((select array_agg(l.code order by l.rank)
                           from levels l where l.version_id = n.version_id), '{}') as "levels!"
          from numbered n
         order by n.place
        "#,
        languages,
        queries,
        level,
        language,
        ui,
        headline_options(),
        LIMIT,
        SNIPPETS,
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Hit {
            slug: r.slug,
            version: r.version,
            levels: r.levels,
            language: Some(r.language),
            title: r.title,
            purpose: r.purpose,
            previously: r.previously,
            snippet: snippet(&r.headline),
        })
        .collect())
}

/// Current profiles filtered without words: with level `level`, readable
/// in `language` (their texts shown in it).
pub async fn listing(
    db: impl PgExecutor<'_>,
    level: Option<&str>,
    language: Option<&str>,
) -> sqlx::Result<Vec<Hit>> {
    let rows = sqlx::query!(
        r#"
        select p.slug, v.version,
               coalesce(e.language, v.language) as "language!",
               coalesce(e.title, v.title) as "title!",
               coalesce(e.purpose, v.purpose) as "purpose!",
               coalesce((select array_agg(l.code order by l.rank)
                           from levels l where l.version_id = v.id), '{}') as "levels!"
          from profile_versions v
          join profiles p on p.id = v.profile_id
          left join search_entries e on e.version_id = v.id and e.language = $2
         where v.status = 'published'
           and ($1::text is null
                or exists (select 1 from levels l where l.version_id = v.id and l.code = $1))
           and ($2::text is null or e.version_id is not null)
         order by lower(coalesce(e.title, v.title))
        "#,
        level,
        language,
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Hit {
            slug: r.slug,
            version: r.version,
            levels: r.levels,
            language: Some(r.language),
            title: r.title,
            purpose: r.purpose,
            previously: None,
            snippet: Vec::new(),
        })
        .collect())
}

/// Titles (current or former, in `language` if given) like `text`, most
/// alike first: searches that find something.
pub async fn similar_titles(
    db: impl PgExecutor<'_>,
    text: &str,
    language: Option<&str>,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        r#"
        select t.title as "title!"
          from (select e.title, max(word_similarity($1, e.title)) as score
                  from search_entries e
                  join profile_versions v on v.id = e.version_id
                 where v.status in ('published', 'superseded')
                   and ($2::text is null or e.language = $2)
                 group by e.title) t
         where t.score >= 0.4
         order by t.score desc, t.title
         limit 3
        "#,
        text,
        language,
    )
    .fetch_all(db)
    .await
}
