-- Level examples (src/assessment/examples.rs): evidence worded at one level
-- of one criterion of a profile, kept by admins, as the anchors of a rating
-- scale. Evidence reading compares a manager's evidence with them as with
-- decided evidence. Kept by criterion name and level code, so that they
-- hold for every version of the profile with that criterion and level.

create table level_examples (
    id          bigint generated always as identity primary key,
    profile_id  bigint not null references profiles (id) on delete cascade,
    language    text not null check (language in ('nl', 'fr', 'en')),
    criterion   text not null check (length(criterion) between 1 and 300),
    level       text not null check (length(level) between 1 and 20),
    text        text not null check (length(text) between 1 and 2000 and btrim(text) <> ''),
    created_by  bigint references users (id),
    created_at  timestamptz not null default now()
);

create index level_examples_profile on level_examples (profile_id, language);

-- A change reaches every instance's analysed profiles.
create trigger level_examples_announce
    after insert or update or delete on level_examples
    for each statement execute function announce_assessment_change();
