-- Positions: a manager describes a real job against a profile version and
-- asks for its level; HR reviews and decides.
--
-- A position is pinned to the profile version that was current when it
-- was created (profile_version_id never changes), and its placements point
-- at that version's criteria and levels, which are frozen. So a decision
-- always shows the text it was made against.

create type position_status as enum
    ('draft', 'submitted', 'in_review', 'returned', 'decided', 'withdrawn');

create table positions (
    id                  bigint generated always as identity primary key,
    profile_version_id  bigint not null references profile_versions (id),
    owner_id            bigint not null references users (id),
    status              position_status not null default 'draft',
    -- Bumped by every change; an edit or transition names the revision it
    -- was made on, so a stale form cannot overwrite a newer state.
    revision            integer not null default 1,
    title               text not null default '' check (length(title) <= 200),
    unit                text not null default '' check (length(unit) <= 200),
    purpose             text not null default '' check (length(purpose) <= 5000),
    -- The proposal computed from the manager's placements at the last save
    -- (kept for the queue filter; the page recomputes it).
    proposed_level      text,
    proposal_flags      text[] not null default '{}',
    reviewer_id         bigint references users (id),
    submitted_at        timestamptz,
    first_submitted_at  timestamptz,
    decided_at          timestamptz,
    decided_level_id    bigint references levels (id),
    decided_by          bigint references users (id),
    rationale           text check (rationale is null or length(rationale) between 30 and 10000),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    check ((status = 'decided') = (decided_at is not null and decided_level_id is not null
                                   and decided_by is not null and rationale is not null)),
    -- Nobody decides on their own position.
    check (decided_by is null or decided_by <> owner_id)
);
create index positions_owner on positions (owner_id, updated_at desc);
-- The HR queue: open positions, oldest submission first.
create index positions_queue on positions (status, submitted_at, id)
    where status in ('submitted', 'in_review', 'returned');
create index positions_version on positions (profile_version_id);
create index positions_decided on positions (decided_at) where status = 'decided';

create table position_tasks (
    position_id  bigint not null references positions (id) on delete cascade,
    position     integer not null,
    text         text not null check (length(text) between 1 and 1000),
    primary key (position_id, position)
);

-- Which result areas of the profile the position covers, with a share in %.
create table position_result_areas (
    position_id     bigint not null references positions (id) on delete cascade,
    result_area_id  bigint not null references result_areas (id),
    share           integer not null check (share between 0 and 100),
    primary key (position_id, result_area_id)
);

-- A placement of one criterion at one level, by the manager or by HR
-- (HR places independently; both are kept).
create table placements (
    position_id   bigint not null references positions (id) on delete cascade,
    criterion_id  bigint not null references criteria (id),
    by_hr         boolean not null,
    level_id      bigint references levels (id),
    evidence      text not null default '' check (length(evidence) <= 5000),
    placed_by     bigint not null references users (id),
    placed_at     timestamptz not null default now(),
    primary key (position_id, criterion_id, by_hr)
);

-- The conversation between HR and the manager about a position.
create table position_comments (
    id           bigint generated always as identity primary key,
    position_id  bigint not null references positions (id) on delete cascade,
    author_id    bigint not null references users (id),
    -- 'question' when HR returns the position, else 'comment'.
    kind         text not null check (kind in ('comment', 'question')),
    body         text not null check (length(body) between 1 and 5000),
    created_at   timestamptz not null default now()
);
create index position_comments_position on position_comments (position_id, created_at);

-- Read-only links to a decision record for people without an account.
create table share_links (
    id           bigint generated always as identity primary key,
    position_id  bigint not null references positions (id) on delete cascade,
    token_hash   bytea not null unique,
    created_by   bigint not null references users (id),
    created_at   timestamptz not null default now(),
    revoked_at   timestamptz
);
create index share_links_position on share_links (position_id);
