-- Legacy records (past events migrated from the paper register) through the one function that may write them
-- (decision_record_legacy, R__decision_legacy.sql), as the actor set by act_as.sql; answers their seq in order.
SELECT seq FROM decision_record_legacy(CAST(:entries AS jsonb)) AS seq
