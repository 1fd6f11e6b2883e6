-- Background work that several instances share (scheduled publishing,
-- session clean-up): each run is claimed by moving its job's last run
-- forward in one guarded update, so in each period exactly one instance
-- does the work, whichever instances are running.
create table background_runs (
    job          text primary key,
    last_run_at  timestamptz not null default '-infinity'
);
insert into background_runs (job) values ('promotions'), ('session_cleanup');
