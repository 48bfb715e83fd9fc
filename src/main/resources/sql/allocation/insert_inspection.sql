-- An inspection; returns its id.
INSERT INTO inspection (allocation_id, inspected_on, finding, notes, inspector_id, created_at)
VALUES (:id, :on, :finding, :notes, :by, :at)
RETURNING id
