-- Notifications (issue 16): what happened that someone should know, in the
-- portal and by e-mail.
--
-- Outbox pattern: every event writes its rows in the transaction of the
-- change it announces (src/notifications), so a change that rolls back
-- announces nothing and a change that commits is never left unannounced.
-- A background sender (src/notifications/sender.rs) delivers the e-mails
-- afterwards, over SMTP, with retries.
--
-- Kinds are text with a check rather than an enum type: the Rust `Kind`
-- names them, and the list reads the same here and there.

-- The language a user's e-mails are written in.
alter table users
    add column language text not null default 'nl' check (language in ('nl', 'fr', 'en'));

-- In-portal notifications of users (external addresses get e-mail only).
create table notifications (
    id          bigint generated always as identity primary key,
    user_id     bigint not null references users (id) on delete cascade,
    kind        text not null check (kind in (
                    'submitted', 'returned', 'answered', 'decided', 'draft_published',
                    'request_answered', 'reminder', 'appeal_lodged', 'appeal_question',
                    'appeal_answered', 'appeal_decided')),
    -- A portal path ("/positions/12"), shown as a link.
    link        text not null check (link like '/%' and length(link) <= 500),
    -- The message's arguments (title, level, …), rendered in the reader's language.
    params      jsonb not null default '{}',
    created_at  timestamptz not null default now(),
    read_at     timestamptz
);
-- A user's list, newest first.
create index notifications_user on notifications (user_id, id desc);
-- The header's count of unread notifications, read with every signed-in
-- page: only unread rows are in this index, so the count stays small
-- however long the history.
create index notifications_unread on notifications (user_id) where read_at is null;

-- Kinds a user does not want by e-mail (e-mail is on by default for every
-- kind: only opting out writes a row).
create table notification_email_off (
    user_id  bigint not null references users (id) on delete cascade,
    kind     text not null,
    primary key (user_id, kind)
);

-- E-mails to send. Recipient, language and content arguments are copied
-- at the event: the mail says what was true when it happened, and an
-- external address (an employee given with a share link, an appellant)
-- has no user row.
create type outbox_status as enum ('pending', 'sent', 'failed');
create table outbox (
    id               bigint generated always as identity primary key,
    -- The portal notification this mail repeats (none for external addresses).
    notification_id  bigint references notifications (id) on delete set null,
    user_id          bigint references users (id) on delete set null,
    kind             text not null,
    email            text not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
    name             text not null default '' check (length(name) <= 200),
    language         text not null check (language in ('nl', 'fr', 'en')),
    -- A portal path or, for external addresses, a share path; made
    -- absolute with JOBCLASS_PUBLIC_URL when the mail is written.
    link             text not null,
    params           jsonb not null default '{}',
    -- Part of the Message-ID, so a retry sends the same one.
    token            uuid not null default gen_random_uuid(),
    status           outbox_status not null default 'pending',
    attempts         integer not null default 0,
    -- When a sender may (next) try. A sender claims a row by moving this
    -- forward (FOR UPDATE SKIP LOCKED), so other instances skip it while
    -- it is being sent.
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    created_at       timestamptz not null default now(),
    sent_at          timestamptz
);
create index outbox_due on outbox (next_attempt_at, id) where status = 'pending';
create index outbox_created on outbox (created_at desc, id desc);

-- A signed-in session keeps the user's unread count with its record
-- (src/auth/store.rs); when it changes, the user's sessions are announced
-- so that every instance reads them again.
create function announce_notifications() returns trigger
language plpgsql as $$
declare
    changed bigint;
begin
    changed := case when tg_op = 'DELETE' then old.user_id else new.user_id end;
    perform pg_notify('jobclass_sessions', us.record_id)
       from user_sessions us
      where us.user_id = changed and us.record_id is not null;
    return null;
end $$;

create trigger notifications_announce
    after insert or delete or update of read_at on notifications
    for each row execute function announce_notifications();

-- The daily digest of positions waiting too long, claimed once a day
-- across instances.
insert into background_runs (job) values ('reminder_digest');
