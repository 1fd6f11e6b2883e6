-- Learning from decisions (src/assessment/learning.rs): HR confirms or
-- corrects the result area of a position's task; confirmed tasks become
-- extra examples for matching tasks of that profile. A confirmation is
-- undone, not deleted, so the record of who said what stays.

create table task_confirmations (
    id              bigint generated always as identity primary key,
    position_id     bigint not null references positions (id) on delete cascade,
    task_position   integer not null,
    text            text not null check (length(text) between 1 and 1000),
    result_area_id  bigint not null references result_areas (id),
    confirmed_by    bigint not null references users (id),
    confirmed_at    timestamptz not null default now(),
    undone_by       bigint references users (id),
    undone_at       timestamptz,
    check ((undone_at is null) = (undone_by is null))
);

-- One live confirmation per task.
create unique index task_confirmations_live
    on task_confirmations (position_id, task_position) where undone_at is null;

-- Analysed profile versions include the confirmed tasks: every change is
-- announced like a thesaurus change.
create trigger task_confirmations_announce
    after insert or update or delete or truncate on task_confirmations
    for each statement execute function announce_assessment_change();
