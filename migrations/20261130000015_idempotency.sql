-- Idempotency keys of the API's creating requests (`Idempotency-Key`
-- header on POST /api/v1/positions and POST …/comments): a client that
-- did not get an answer sends the same request again with the same key,
-- and gets the first answer instead of a second position or comment.
--
-- A key belongs to one user (two users may pick the same key). The row is
-- written in the transaction that creates the position or comment, with
-- the answer, so a key never exists without its effect nor the effect
-- without its key; a concurrent second request with the same key waits on
-- the primary key until the first commits (then replays its answer) or
-- rolls back (then runs itself). Only successful creations are kept: a
-- refused request changed nothing and may be sent again.
--
-- request_hash is the SHA-256 of the method, the path and the body: the
-- same key with another request is refused (422). Rows older than 24 h
-- are deleted by the background clean-up (src/app/background.rs), whose
-- run is claimed once across instances (`background_runs`).
create table idempotency_keys (
    user_id       bigint not null references users (id) on delete cascade,
    key           text not null check (length(key) between 1 and 255),
    request_hash  bytea not null,
    status        smallint not null,
    response      jsonb not null,
    created_at    timestamptz not null default now(),
    primary key (user_id, key)
);
create index idempotency_keys_created_at on idempotency_keys (created_at);

insert into background_runs (job) values ('idempotency_cleanup');
