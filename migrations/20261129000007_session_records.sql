-- Signed-in requests check their session in one round trip instead of two.
--
-- `record_id` is the id of the session record (tower_sessions.session)
-- that a signed-in `user_sessions` row belongs to, set when that record is
-- created at sign-in (src/auth/session.rs). Loading the record then also
-- finds its user with the idle and absolute limits checked, in the same
-- query. Sessions signed in before this migration have no record id and
-- are signed out once.
alter table user_sessions add column record_id text;
create unique index user_sessions_record on user_sessions (record_id);
