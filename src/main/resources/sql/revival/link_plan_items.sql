-- The plan items a decision approved point at the agenda entry that approved them.
UPDATE revival_plan_item SET agenda_id = :agendaId WHERE case_id = :caseId AND agenda_id IS NULL
