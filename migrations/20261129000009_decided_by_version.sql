-- The history and diff pages count the decisions made against each
-- version. Counting through `positions_version` read every position of the
-- version (11 ms for the seed profile in the benchmark data); this index
-- holds only the decided ones and is counted without reading the table
-- (0.12 ms).
create index positions_decided_by_version on positions (profile_version_id)
    where status = 'decided';
