-- A progress report; returns its id.
INSERT INTO progress_report (allocation_id, reported_on, percent, text, created_by, created_at)
VALUES (:id, :on, :percent, :text, :by, :at)
RETURNING id
