-- Entries of the decision log, through the one function that writes them (decision_record, R__decision_record.sql);
-- answers their seq in order. The sealer links them into the hash chain later.
SELECT seq FROM decision_record(:occurredAt, CAST(:entries AS jsonb)) AS seq
