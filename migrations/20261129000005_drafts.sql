-- Editing profiles through drafts.
--
-- * `revision` counts the saves of a draft: every save names the revision
--   it was made on, so two admins (or two tabs) cannot overwrite each
--   other unknowingly.
-- * `effective_at`: when a published version takes effect (publication
--   time unless set later); `published_by` records who published.
-- * One open draft per profile.
-- * Change requests: anyone signed in may propose a change to a profile;
--   admins link it to a draft and close it with an answer.

alter table profile_versions
    add column revision integer not null default 1,
    add column effective_at timestamptz,
    add column published_by bigint references users (id);

update profile_versions set effective_at = published_at where published_at is not null;

create unique index profile_versions_one_draft
    on profile_versions (profile_id) where status = 'draft';
create index profile_versions_scheduled
    on profile_versions (effective_at) where status = 'scheduled';

-- Frozen means frozen: besides drafts, the only changes allowed are the
-- status moves scheduled -> published -> superseded, with nothing else in
-- the row changing.
create or replace function profile_versions_guard() returns trigger
language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.status <> 'draft' then
            raise exception 'profile version % is % and cannot be deleted', old.id, old.status
                using errcode = 'integrity_constraint_violation';
        end if;
        return old;
    end if;
    if old.status = 'draft' then
        return new;
    end if;
    if ((old.status = 'published' and new.status = 'superseded')
        or (old.status = 'scheduled' and new.status = 'published'))
       and (new.profile_id, new.version, new.language, new.title, new.purpose, new.footnote,
            new.change_note, new.created_by, new.created_at, new.published_at, new.search,
            new.revision, new.effective_at, new.published_by)
           is not distinct from
           (old.profile_id, old.version, old.language, old.title, old.purpose, old.footnote,
            old.change_note, old.created_by, old.created_at, old.published_at, old.search,
            old.revision, old.effective_at, old.published_by) then
        return new;
    end if;
    raise exception 'profile version % is % and cannot be changed', old.id, old.status
        using errcode = 'integrity_constraint_violation';
end $$;

-- The search words are gathered when a draft is frozen (published or
-- scheduled), not only when it is published directly.
create or replace function publish_search() returns trigger
language plpgsql as $$
declare
    body text;
    heads text;
begin
    if old.status = 'draft' and new.status in ('published', 'scheduled') then
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

create type request_status as enum ('open', 'closed');

create table change_requests (
    id              bigint generated always as identity primary key,
    profile_id      bigint not null references profiles (id),
    requester_id    bigint not null references users (id),
    -- Which part of the profile: free text chosen from the profile's parts.
    part            text not null check (length(part) between 1 and 300),
    proposal        text not null check (length(proposal) between 1 and 5000),
    reason          text not null check (length(reason) between 1 and 5000),
    status          request_status not null default 'open',
    draft_id        bigint references profile_versions (id) on delete set null,
    answer          text check (answer is null or length(answer) between 1 and 5000),
    answered_by     bigint references users (id),
    created_at      timestamptz not null default now(),
    closed_at       timestamptz,
    check ((status = 'closed') = (answer is not null and closed_at is not null))
);
create index change_requests_open on change_requests (created_at) where status = 'open';
create index change_requests_requester on change_requests (requester_id, created_at desc);
