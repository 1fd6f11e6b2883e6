-- Task examples (src/assessment/task_examples.rs): tasks as managers word
-- them, each of a result area of a profile, kept by admins. Task matching
-- reads them as tasks HR confirmed. Kept by the area's title, so that they
-- hold for every version of the profile with an area of that title.

create table task_examples (
    id          bigint generated always as identity primary key,
    profile_id  bigint not null references profiles (id) on delete cascade,
    language    text not null check (language in ('nl', 'fr', 'en')),
    result_area text not null check (length(result_area) between 1 and 300),
    text        text not null check (length(text) between 1 and 2000 and btrim(text) <> ''),
    created_by  bigint references users (id),
    created_at  timestamptz not null default now()
);

create index task_examples_profile on task_examples (profile_id, language);

-- A change reaches every instance's analysed profiles.
create trigger task_examples_announce
    after insert or update or delete on task_examples
    for each statement execute function announce_assessment_change();
