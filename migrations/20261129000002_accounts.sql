-- Accounts, sessions, API tokens, login throttling and the audit log.
--
-- Sessions themselves live in tower-sessions' own table (schema
-- tower_sessions, created by its store's migrate()). `user_sessions` is our
-- index of signed-in sessions: it lets a user see and end their sessions,
-- and lets us end every session of a user who is deactivated or changes
-- their password, across all app instances.

create type user_role as enum ('admin', 'hr', 'manager');

create table users (
    id              bigint generated always as identity primary key,
    email           text not null check (email ~ '^[^@\s]+@[^@\s]+$' and length(email) <= 254),
    name            text not null check (length(name) between 1 and 200),
    role            user_role not null,
    -- Organisational unit, free text ("FOD BOSA / DG Rekrutering").
    unit            text not null default '' check (length(unit) <= 200),
    active          boolean not null default true,
    -- argon2id PHC string; null until the user sets a password through a
    -- one-time link.
    password_hash   text,
    created_at      timestamptz not null default now(),
    last_login_at   timestamptz
);
-- E-mail addresses are unique whatever their case.
create unique index users_email_key on users (lower(email));

alter table profile_versions
    add constraint profile_versions_created_by_fkey foreign key (created_by) references users (id);

create table user_sessions (
    -- A random handle stored in the session; not the session id, which
    -- changes at login and must never be shown.
    handle          uuid primary key,
    user_id         bigint not null references users (id),
    created_at      timestamptz not null default now(),
    last_seen_at    timestamptz not null default now(),
    ip              text not null default '',
    user_agent      text not null default ''
);
create index user_sessions_user on user_sessions (user_id);

-- One-time links to set a password (new users, resets). Only a hash of
-- the token is stored.
create table password_links (
    token_hash      bytea primary key,
    user_id         bigint not null references users (id),
    created_by      bigint references users (id),
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    used_at         timestamptz
);

create table api_tokens (
    id              bigint generated always as identity primary key,
    user_id         bigint not null references users (id),
    name            text not null check (length(name) between 1 and 100),
    -- SHA-256 of the whole token; the token itself is shown once.
    token_hash      bytea not null unique,
    -- The first characters, so a user can tell tokens apart.
    prefix          text not null,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz,
    revoked_at      timestamptz,
    last_used_at    timestamptz
);
create index api_tokens_user on api_tokens (user_id);

-- Failed logins, for throttling by account and by address. Rows older
-- than the window are useless and are deleted as new ones come in.
create table login_failures (
    id              bigint generated always as identity primary key,
    email           text not null,
    ip              text not null,
    at              timestamptz not null default now()
);
create index login_failures_email on login_failures (lower(email), at);
create index login_failures_ip on login_failures (ip, at);

-- The audit log: who did what, when, in the same transaction as the change.
create table audit_log (
    id              bigint generated always as identity primary key,
    at              timestamptz not null default now(),
    actor_id        bigint references users (id),
    action          text not null,
    subject_type    text not null,
    subject_id      text not null default '',
    details         jsonb not null default '{}',
    request_id      text not null default ''
);
create index audit_log_at on audit_log (at desc);
create index audit_log_actor on audit_log (actor_id, at desc);
create index audit_log_action on audit_log (action, at desc);
create index audit_log_subject on audit_log (subject_type, subject_id);

-- Append-only: the database refuses to change or remove history.
create function audit_log_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'the audit log is append-only (% refused)', tg_op
        using errcode = 'integrity_constraint_violation';
end $$;

create trigger audit_log_append_only
    before update or delete on audit_log
    for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_append_only();
