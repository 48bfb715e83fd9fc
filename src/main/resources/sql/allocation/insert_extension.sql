-- An extension request; returns its id.
INSERT INTO extension_request (allocation_id, months, reason, requested_by, requested_at)
VALUES (:id, :months, :reason, :by, :at)
RETURNING id
