-- Each instance keeps signed-in sessions and the HR queue's pages in
-- memory (src/auth/cache.rs, src/positions/db.rs).
--
-- Sessions:
-- Whatever ends a session or changes the user it checks is announced on
-- the `jobclass_sessions` channel, so that every instance forgets it: the
-- payload is the session record's id, or '*' for every session. Rewritten
-- and deleted session records are announced by the session store itself
-- (its table belongs to tower-sessions).

create function announce_session_end() returns trigger
language plpgsql as $$
begin
    if old.record_id is not null then
        perform pg_notify('jobclass_sessions', old.record_id);
    end if;
    return null;
end $$;

create trigger user_sessions_announce
    after delete or update of record_id on user_sessions
    for each row execute function announce_session_end();

create function announce_user_change() returns trigger
language plpgsql as $$
begin
    perform pg_notify('jobclass_sessions', '*');
    -- Queue pages show reviewers' names.
    perform pg_notify('jobclass_positions', '');
    return null;
end $$;

create trigger users_announce_change
    after update on users
    for each row
    when ((old.email, old.name, old.role, old.unit, old.active)
          is distinct from (new.email, new.name, new.role, new.unit, new.active))
    execute function announce_user_change();

create trigger users_announce_delete
    after delete on users
    for each row execute function announce_user_change();

-- The HR queue's pages are kept by each instance until any position
-- changes (src/positions/db.rs): one notice per changing statement.
create function announce_position_change() returns trigger
language plpgsql as $$
begin
    perform pg_notify('jobclass_positions', '');
    return null;
end $$;

create trigger positions_announce
    after insert or update or delete or truncate on positions
    for each statement execute function announce_position_change();

-- API tokens with their users are kept the same way: revoking a token, or
-- changing when it expires, concerns every kept token.
create trigger api_tokens_announce
    after update of revoked_at, expires_at or delete on api_tokens
    for each row execute function announce_user_change();
