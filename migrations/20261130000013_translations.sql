-- Translations of a profile version's content.
--
-- A version keeps its content in one source language (profile_versions.
-- language and the content tables); each translation is one row per
-- version and language holding every translated text under a key that
-- names its place in the source:
--
--   title, purpose, footnote
--   level.<code>.name
--   area.<n>.title, area.<n>.mission, area.<n>.task.<m>
--   criterion.<n>.name, cell.<n>.<level code>
--   term.<n>.term, term.<n>.definition
--
-- (<n>, <m>: 1-based positions in profile order.) Keys are derived from the
-- source, so a translation cannot change the structure: texts under keys the
-- source does not have are refused by the code that writes them.
--
-- `sources` keeps, per key, the source text the translation was made from:
-- when a later draft changes that source text, the translation of it is
-- outdated, and the editor shows which texts.
create table version_translations (
    version_id  bigint not null references profile_versions (id) on delete cascade,
    language    text not null check (language in ('nl', 'fr', 'en', 'de')),
    texts       jsonb not null default '{}' check (jsonb_typeof(texts) = 'object'),
    sources     jsonb not null default '{}' check (jsonb_typeof(sources) = 'object'),
    -- Not an official text of the employer (the shipped French seed).
    unofficial  boolean not null default false,
    updated_at  timestamptz not null default now(),
    primary key (version_id, language)
);

-- A translation belongs to its version: frozen when the version is.
create function version_translations_guard() returns trigger
language plpgsql as $$
begin
    if tg_op <> 'INSERT' then
        perform assert_version_is_draft(old.version_id);
    end if;
    if tg_op <> 'DELETE' then
        perform assert_version_is_draft(new.version_id);
    end if;
    if tg_op = 'DELETE' then
        return old;
    end if;
    return new;
end $$;

create trigger version_translations_guard
    before insert or update or delete on version_translations
    for each row execute function version_translations_guard();

-- The content language a decision was made in (the language the officer
-- read the profile in), so its record shows that text first. Null for
-- decisions made before translations existed: their source language.
alter table positions add column decided_content_language text
    check (decided_content_language in ('nl', 'fr', 'en', 'de'));
