-- Reading what managers write (src/assessment): the thesaurus admins
-- keep, and a record of starter data stored once.

-- Starter data stored on first start (one row per kind), so that admins
-- who empty a table do not get it back at the next start.
create table seeded (
    name text primary key,
    at timestamptz not null default now()
);

-- Synonym sets per language; `broader` lists words the terms are a kind
-- of (infosessie > activiteit).
create table thesaurus_sets (
    id bigserial primary key,
    language text not null check (language in ('nl', 'fr', 'en')),
    terms text[] not null check (cardinality(terms) >= 1),
    broader text[] not null default '{}',
    updated_at timestamptz not null default now()
);

-- Each instance keeps analysed profile versions, which depend on the
-- thesaurus: every change is announced on `jobclass_assessment`.
create function announce_assessment_change() returns trigger
language plpgsql as $$
begin
    perform pg_notify('jobclass_assessment', '');
    return null;
end $$;

create trigger thesaurus_sets_announce
    after insert or update or delete or truncate on thesaurus_sets
    for each statement execute function announce_assessment_change();
