-- Entries of the decision log, through the one function the service may write them with (decision_record,
-- R__decision_record.sql), as the actor set by act_as.sql; answers their seq in order.
SELECT seq FROM decision_record(CAST(:entries AS jsonb)) AS seq
