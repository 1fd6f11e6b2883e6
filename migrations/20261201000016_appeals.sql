-- Appeals: a decision can be contested once, within a deadline, and is
-- then re-examined by an officer other than the one who decided.
--
-- The position stays `decided` throughout; the appeal has its own status
-- (open → waiting for the appellant's answer → open → decided). When an
-- appeal changes the level, positions.decided_level_id becomes the level
-- in force (what lists, exports and precedents read), and the decision
-- appealed against stays readable here: its level and its officer are
-- copied when the appeal is lodged, and the position keeps its rationale,
-- officer and date.

create type appeal_status as enum ('open', 'waiting', 'decided');

create table appeals (
    id                   bigint generated always as identity primary key,
    -- One appeal per decision, and an appeal's own decision is final.
    position_id          bigint not null unique references positions (id) on delete cascade,
    status               appeal_status not null default 'open',
    -- Bumped by every change, like a position's.
    revision             integer not null default 1,
    -- The manager who lodged it, or null when the employee did so through
    -- a share link (the link is their credential; they give a name and an
    -- address for the answer).
    lodged_by            bigint references users (id),
    share_link_id        bigint references share_links (id),
    appellant_name       text check (appellant_name is null or length(appellant_name) between 1 and 200),
    appellant_email      text check (appellant_email is null
                                     or (appellant_email ~ '^[^@\s]+@[^@\s]+$' and length(appellant_email) <= 254)),
    -- The language the appellant wrote in: e-mails to them use it.
    appellant_language   text not null default 'nl' check (appellant_language in ('nl', 'fr', 'en')),
    -- Grounds against the profile fit itself, besides those per criterion.
    fit_grounds          text check (fit_grounds is null or length(fit_grounds) between 50 and 5000),
    lodged_at            timestamptz not null default now(),
    original_level_id    bigint not null references levels (id),
    original_decided_by  bigint not null references users (id),
    -- The officer handling the appeal (claimed, assigned by an admin, or
    -- set by the first question or the decision).
    reviewer_id          bigint references users (id),
    outcome              text check (outcome in ('upheld', 'changed')),
    level_id             bigint references levels (id),
    rationale            text check (rationale is null or length(rationale) between 30 and 10000),
    decided_by           bigint references users (id),
    decided_at           timestamptz,
    check ((lodged_by is null) = (share_link_id is not null)),
    check (lodged_by is not null or (appellant_name is not null and appellant_email is not null)),
    check ((status = 'decided') = (outcome is not null and level_id is not null and rationale is not null
                                   and decided_by is not null and decided_at is not null)),
    -- Four eyes: the officer who decided never handles the appeal.
    check (reviewer_id is null or reviewer_id <> original_decided_by),
    check (decided_by is null or decided_by <> original_decided_by),
    check (outcome is distinct from 'upheld' or level_id = original_level_id)
);
-- The appeals queue: open and waiting appeals, oldest first.
create index appeals_queue on appeals (lodged_at, id) where status <> 'decided';

-- What is contested: one row per criterion, with the grounds.
create table appeal_grounds (
    appeal_id     bigint not null references appeals (id) on delete cascade,
    criterion_id  bigint not null references criteria (id),
    grounds       text not null check (length(grounds) between 50 and 5000),
    primary key (appeal_id, criterion_id)
);

-- The placements an appeal changed (only appealed criteria); HR's first
-- placements stay in `placements`.
create table appeal_placements (
    appeal_id     bigint not null references appeals (id) on delete cascade,
    criterion_id  bigint not null references criteria (id),
    level_id      bigint not null references levels (id),
    note          text not null default '' check (length(note) <= 5000),
    primary key (appeal_id, criterion_id)
);

-- Questions of the appeal's officer and the appellant's answers.
create table appeal_messages (
    id           bigint generated always as identity primary key,
    appeal_id    bigint not null references appeals (id) on delete cascade,
    -- Null: the appellant without an account (through the share link).
    author_id    bigint references users (id),
    kind         text not null check (kind in ('question', 'answer')),
    body         text not null check (length(body) between 1 and 5000),
    created_at   timestamptz not null default now()
);
create index appeal_messages_appeal on appeal_messages (appeal_id, created_at);
