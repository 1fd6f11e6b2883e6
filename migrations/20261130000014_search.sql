-- Catalogue search in every language a version is read in, by former
-- titles, and despite typos.
--
-- * `search_entries`: one row per frozen version (published, scheduled,
--   superseded) and language: its source language and each translation
--   (migration 13), stemmed with that language's configuration plus
--   unstemmed ('simple') so exact words always match. The catalogue
--   searches the whole text of current versions, and only the titles of
--   superseded ones (a profile is found by any title it had). `body` keeps
--   the texts in reading order for the snippets (ts_headline).
-- * `search_words`: the words of those versions, for typos and "did you
--   mean" (pg_trgm similarity); `in_title` marks title words, the only
--   ones of a superseded version that count.
--
-- Both are filled when a draft is frozen (its translations are frozen with
-- it, so nothing changes afterwards) and never rewritten; rows go only
-- with their version (drafts are never indexed). profile_versions.search
-- (migrations 1 and 5) stays as it was; nothing reads it any more.

create extension if not exists pg_trgm;

create table search_entries (
    version_id    bigint not null references profile_versions (id) on delete cascade,
    language      text not null check (language in ('nl', 'fr', 'en', 'de')),
    -- Whether this is the version's source language (not a translation).
    source        boolean not null,
    title         text not null,
    purpose       text not null,
    body          text not null,
    title_vector  tsvector not null,
    vector        tsvector not null,
    primary key (version_id, language)
);
create index search_entries_vector on search_entries using gin (vector);
create index search_entries_title_vector on search_entries using gin (title_vector);
create index search_entries_title_trgm on search_entries using gin (title gin_trgm_ops);

create table search_words (
    word        text not null,
    version_id  bigint not null references profile_versions (id) on delete cascade,
    in_title    boolean not null,
    primary key (word, version_id)
);
create index search_words_trgm on search_words using gin (word gin_trgm_ops);

-- One entry: vectors weighted title A, headings (purpose, result areas,
-- criteria) B, the rest C; and its words.
-- `shown_title` and `shown_purpose` are what a result shows (an incomplete
-- translation shows the source's); only `title`, `purpose`, `heads` and
-- `rest` are searched.
create function add_search_entry(vid bigint, lang text, is_source boolean,
                                 shown_title text, shown_purpose text,
                                 title text, purpose text, heads text, rest text)
returns void
language plpgsql as $$
declare
    cfg regconfig := search_config(lang);
begin
    insert into search_entries (version_id, language, source, title, purpose, body,
                                title_vector, vector)
    values (vid, lang, is_source, shown_title, shown_purpose,
            concat_ws(' ', title, purpose, heads, rest),
            setweight(to_tsvector(cfg, title) || to_tsvector('simple', title), 'A'),
            setweight(to_tsvector(cfg, title), 'A') ||
            setweight(to_tsvector('simple', title), 'A') ||
            setweight(to_tsvector(cfg, concat_ws(' ', purpose, heads)), 'B') ||
            setweight(to_tsvector('simple', concat_ws(' ', purpose, heads)), 'B') ||
            setweight(to_tsvector(cfg, rest), 'C') ||
            setweight(to_tsvector('simple', rest), 'C'))
    on conflict do nothing;
    -- Words of four letters or more, without digits or signs: what a typo
    -- can be corrected to.
    insert into search_words (word, version_id, in_title)
    select w.word, vid, bool_or(w.in_title)
      from (select unnest(tsvector_to_array(to_tsvector('simple', title))) as word, true as in_title
            union all
            select unnest(tsvector_to_array(to_tsvector('simple', concat_ws(' ', purpose, heads, rest)))),
                   false) w
     where length(w.word) between 4 and 40 and w.word !~ '[0-9@/._:''-]'
     group by w.word
    on conflict (word, version_id) do update
        set in_title = search_words.in_title or excluded.in_title;
end $$;

-- Every entry of a frozen version: its source language and translations.
create function index_version_search(vid bigint) returns void
language plpgsql as $$
declare
    v record;
    heads text;
    rest text;
    t record;
begin
    select id, language, title, purpose, footnote into v from profile_versions where id = vid;
    select concat_ws(' ',
             (select string_agg(ra.title, ' ' order by ra.position)
                from result_areas ra where ra.version_id = vid),
             (select string_agg(c.name, ' ' order by c.position)
                from criteria c where c.version_id = vid))
      into heads;
    select concat_ws(' ',
             (select string_agg(concat_ws(' ', ra.mission,
                       (select string_agg(tk.text, ' ' order by tk.position)
                          from tasks tk where tk.result_area_id = ra.id)), ' ' order by ra.position)
                from result_areas ra where ra.version_id = vid),
             (select string_agg(d.text, ' ' order by c.position, l.rank)
                from descriptors d join criteria c on c.id = d.criterion_id
                join levels l on l.id = d.level_id
               where c.version_id = vid),
             (select string_agg(l.name, ' ' order by l.rank) from levels l where l.version_id = vid),
             (select string_agg(g.term || ' ' || g.definition, ' ' order by g.term)
                from glossary_terms g where g.version_id = vid),
             v.footnote)
      into rest;
    perform add_search_entry(vid, v.language, true, v.title, v.purpose,
                             v.title, v.purpose, heads, rest);

    for t in select vt.language, vt.texts from version_translations vt
              where vt.version_id = vid and vt.language <> v.language
    loop
        select string_agg(e.value, ' ' order by e.key) into heads
          from jsonb_each_text(t.texts) e
         where e.key ~ '^(area\.[0-9]+\.title|criterion\.[0-9]+\.name)$';
        select string_agg(e.value, ' ' order by e.key) into rest
          from jsonb_each_text(t.texts) e
         where e.key !~ '^(title|purpose|area\.[0-9]+\.title|criterion\.[0-9]+\.name)$';
        -- An incomplete translation without a title or purpose shows the
        -- source's, but is searched by its own words only.
        perform add_search_entry(vid, t.language, false,
                                 coalesce(nullif(t.texts ->> 'title', ''), v.title),
                                 coalesce(nullif(t.texts ->> 'purpose', ''), v.purpose),
                                 coalesce(t.texts ->> 'title', ''),
                                 coalesce(t.texts ->> 'purpose', ''),
                                 coalesce(heads, ''), coalesce(rest, ''));
    end loop;
end $$;

create function index_frozen_version() returns trigger
language plpgsql as $$
begin
    if old.status = 'draft' and new.status in ('published', 'scheduled') then
        perform index_version_search(new.id);
    end if;
    return null;
end $$;

create trigger profile_versions_index_search
    after update on profile_versions
    for each row execute function index_frozen_version();

-- Versions frozen before this migration.
select index_version_search(id) from profile_versions where status <> 'draft';
