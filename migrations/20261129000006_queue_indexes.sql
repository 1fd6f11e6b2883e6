-- Performance at 100,000 positions (see docs/PERFORMANCE.md).
--
-- The HR queue lists positions oldest submission first, 25 at a time.
-- With an index in that order the page is read from the front of the
-- index, and filters are applied on the way, instead of sorting every match:
-- * one status: (status, submitted_at, id), with lower(unit) in the index
--   too, so the unit filter (a case-insensitive prefix such as "fod bosa",
--   asked as a range in byte order, collation "C") is checked without
--   reading the rows;
-- * any mix of the open statuses (the default): a partial index on
--   (submitted_at, id, lower(unit)), since an index led by status cannot give one
--   order across several statuses.
drop index positions_queue;
create index positions_by_status on positions (status, submitted_at, id, (lower(unit) collate "C"));
create index positions_open_queue on positions (submitted_at, id, (lower(unit) collate "C"))
    where status in ('submitted', 'in_review', 'returned');

-- Announce changes of what is current, so that every app instance drops
-- its cached catalogue (src/profiles/directory.rs).
create function announce_profile_change() returns trigger
language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        if old.status <> 'draft' then
            perform pg_notify('jobclass_profiles', old.profile_id::text);
        end if;
        return old;
    end if;
    if tg_op = 'INSERT' or new.status is distinct from old.status then
        if new.status <> 'draft' then
            perform pg_notify('jobclass_profiles', new.profile_id::text);
        end if;
    end if;
    return new;
end $$;

create trigger profile_versions_announce
    after insert or update or delete on profile_versions
    for each row execute function announce_profile_change();

