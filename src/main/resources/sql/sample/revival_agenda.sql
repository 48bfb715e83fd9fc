INSERT INTO working_group_agenda (session_id, case_id, decision, bank_name, facility_rials, decided_by, decided_at)
VALUES (:session, :caseId, :decision, :bank, :facility, :adviser, now())
RETURNING id
