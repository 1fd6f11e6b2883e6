-- Evidence reading learns from decided positions (src/assessment/learning.rs):
-- analysed profile versions include the evidence of decided positions with
-- the level HR placed each criterion at. A decision taken, or a decided
-- position reopened or removed, is announced like a thesaurus change.

create trigger positions_decided_announce
    after update of status on positions
    for each row
    when (old.status is distinct from new.status
          and (old.status = 'decided' or new.status = 'decided'))
    execute function announce_assessment_change();

create trigger positions_decided_removed_announce
    after delete on positions
    for each row
    when (old.status = 'decided')
    execute function announce_assessment_change();
