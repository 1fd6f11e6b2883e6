-- Function profiles, versioned from the start.
--
-- A profile is only a stable slug; everything a reader sees belongs to a
-- version. A version starts as a draft, is frozen when published, and is
-- superseded by the next published version. Decisions point at a version,
-- so a published version must never change: the triggers below make the
-- database refuse it, whatever code path tries.

create table profiles (
    id          bigint generated always as identity primary key,
    slug        text not null unique
                check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
    created_at  timestamptz not null default now()
);

create type version_status as enum ('draft', 'published', 'superseded');

create table profile_versions (
    id            bigint generated always as identity primary key,
    profile_id    bigint not null references profiles (id),
    version       integer not null check (version > 0),
    status        version_status not null default 'draft',
    language      text not null check (language in ('nl', 'fr', 'en', 'de')),
    title         text not null,
    purpose       text not null,
    footnote      text not null default '',
    change_note   text not null default '',
    -- The user who made the version; accounts come later, so it may be null.
    created_by    bigint,
    created_at    timestamptz not null default now(),
    published_at  timestamptz,
    -- Words of the whole version for the catalogue search, filled when the
    -- version is published (see publish_search below).
    search        tsvector,
    unique (profile_id, version),
    check ((status = 'draft') = (published_at is null))
);

-- At most one current version per profile.
create unique index profile_versions_one_published
    on profile_versions (profile_id) where status = 'published';
create index profile_versions_search on profile_versions using gin (search);

-- Levels of a version, lowest rank first (D < C < B in the seed).
create table levels (
    id          bigint generated always as identity primary key,
    version_id  bigint not null references profile_versions (id) on delete cascade,
    code        text not null check (code ~ '^[A-Z][A-Z0-9+-]{0,7}$'),
    name        text not null,
    rank        integer not null,
    -- Deferrable, so a reorder can swap ranks inside one transaction.
    unique (version_id, code) deferrable initially deferred,
    unique (version_id, rank) deferrable initially deferred
);

create table result_areas (
    id          bigint generated always as identity primary key,
    version_id  bigint not null references profile_versions (id) on delete cascade,
    position    integer not null,
    title       text not null,
    mission     text not null default '',
    unique (version_id, position) deferrable initially deferred
);

create table tasks (
    id              bigint generated always as identity primary key,
    result_area_id  bigint not null references result_areas (id) on delete cascade,
    position        integer not null,
    text            text not null,
    unique (result_area_id, position) deferrable initially deferred
);

create table criteria (
    id          bigint generated always as identity primary key,
    version_id  bigint not null references profile_versions (id) on delete cascade,
    position    integer not null,
    name        text not null,
    unique (version_id, position) deferrable initially deferred,
    unique (version_id, name) deferrable initially deferred
);

-- One text per criterion and level: a cell of the grid.
create table descriptors (
    criterion_id  bigint not null references criteria (id) on delete cascade,
    level_id      bigint not null references levels (id) on delete cascade,
    text          text not null,
    primary key (criterion_id, level_id)
);
create index descriptors_level on descriptors (level_id);

create table glossary_terms (
    id          bigint generated always as identity primary key,
    version_id  bigint not null references profile_versions (id) on delete cascade,
    term        text not null,
    definition  text not null,
    unique (version_id, term)
);

create index tasks_result_area on tasks (result_area_id);

-- Freezing -------------------------------------------------------------------

-- A version may change while it is a draft. Once published, the only change
-- allowed is published -> superseded (and nothing else in the row).
create function profile_versions_guard() returns trigger
language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.status <> 'draft' then
            raise exception 'profile version % is published and cannot be deleted', old.id
                using errcode = 'integrity_constraint_violation';
        end if;
        return old;
    end if;
    if old.status = 'draft' then
        return new;
    end if;
    if old.status = 'published' and new.status = 'superseded'
       and (new.profile_id, new.version, new.language, new.title, new.purpose, new.footnote,
            new.change_note, new.created_by, new.created_at, new.published_at, new.search)
           is not distinct from
           (old.profile_id, old.version, old.language, old.title, old.purpose, old.footnote,
            old.change_note, old.created_by, old.created_at, old.published_at, old.search) then
        return new;
    end if;
    raise exception 'profile version % is % and cannot be changed', old.id, old.status
        using errcode = 'integrity_constraint_violation';
end $$;

create trigger profile_versions_guard
    before update or delete on profile_versions
    for each row execute function profile_versions_guard();

-- Content rows may change only while their version is a draft.
create function assert_version_is_draft(vid bigint) returns void
language plpgsql as $$
declare
    s version_status;
begin
    select status into s from profile_versions where id = vid;
    -- A missing version means a cascade from deleting a draft.
    if s is not null and s <> 'draft' then
        raise exception 'profile version % is % and cannot be changed', vid, s
            using errcode = 'integrity_constraint_violation';
    end if;
end $$;

create function version_content_guard() returns trigger
language plpgsql as $$
declare
    row_version bigint;
begin
    if tg_table_name in ('levels', 'result_areas', 'criteria', 'glossary_terms') then
        if tg_op <> 'INSERT' then
            perform assert_version_is_draft(old.version_id);
        end if;
        if tg_op <> 'DELETE' then
            perform assert_version_is_draft(new.version_id);
        end if;
    elsif tg_table_name = 'tasks' then
        if tg_op <> 'INSERT' then
            select version_id into row_version from result_areas where id = old.result_area_id;
            perform assert_version_is_draft(row_version);
        end if;
        if tg_op <> 'DELETE' then
            select version_id into row_version from result_areas where id = new.result_area_id;
            perform assert_version_is_draft(row_version);
        end if;
    elsif tg_table_name = 'descriptors' then
        if tg_op <> 'INSERT' then
            select version_id into row_version from criteria where id = old.criterion_id;
            perform assert_version_is_draft(row_version);
        end if;
        if tg_op <> 'DELETE' then
            select version_id into row_version from criteria where id = new.criterion_id;
            perform assert_version_is_draft(row_version);
        end if;
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end $$;

create trigger levels_guard before insert or update or delete on levels
    for each row execute function version_content_guard();
create trigger result_areas_guard before insert or update or delete on result_areas
    for each row execute function version_content_guard();
create trigger tasks_guard before insert or update or delete on tasks
    for each row execute function version_content_guard();
create trigger criteria_guard before insert or update or delete on criteria
    for each row execute function version_content_guard();
create trigger descriptors_guard before insert or update or delete on descriptors
    for each row execute function version_content_guard();
create trigger glossary_terms_guard before insert or update or delete on glossary_terms
    for each row execute function version_content_guard();

-- Search ---------------------------------------------------------------------

-- The text search configuration for a content language.
create function search_config(language text) returns regconfig
language sql immutable as $$
    select case language
        when 'nl' then 'dutch'::regconfig
        when 'fr' then 'french'::regconfig
        when 'en' then 'english'::regconfig
        when 'de' then 'german'::regconfig
        else 'simple'::regconfig
    end
$$;

-- On publish, gather the version's words: title (weight A), result areas and
-- criteria names (B), tasks, descriptors and glossary (C). Stemmed in the
-- profile's language, plus unstemmed ('simple') so exact words always match.
create function publish_search() returns trigger
language plpgsql as $$
declare
    body text;
    heads text;
begin
    if old.status = 'draft' and new.status = 'published' then
        select coalesce(string_agg(ra.title, ' '), '') into heads
          from result_areas ra where ra.version_id = new.id;
        select heads || ' ' || coalesce(string_agg(c.name, ' '), '') into heads
          from criteria c where c.version_id = new.id;
        select coalesce(string_agg(t.text, ' '), '') into body
          from tasks t join result_areas ra on ra.id = t.result_area_id
         where ra.version_id = new.id;
        select body || ' ' || coalesce(string_agg(d.text, ' '), '') into body
          from descriptors d join criteria c on c.id = d.criterion_id
         where c.version_id = new.id;
        select body || ' ' || coalesce(string_agg(ra.mission, ' '), '') into body
          from result_areas ra where ra.version_id = new.id;
        select body || ' ' || coalesce(string_agg(g.term || ' ' || g.definition, ' '), '') into body
          from glossary_terms g where g.version_id = new.id;
        new.search :=
            setweight(to_tsvector(search_config(new.language), new.title), 'A') ||
            setweight(to_tsvector('simple', new.title), 'A') ||
            setweight(to_tsvector(search_config(new.language), heads || ' ' || new.purpose), 'B') ||
            setweight(to_tsvector('simple', heads || ' ' || new.purpose), 'B') ||
            setweight(to_tsvector(search_config(new.language), body), 'C') ||
            setweight(to_tsvector('simple', body), 'C');
    end if;
    return new;
end $$;

-- Runs before the guard (triggers fire in name order: "profile_versions_a…").
create trigger profile_versions_a_search
    before update on profile_versions
    for each row execute function publish_search();
