-- Holds whose time is up, oldest first.
SELECT id FROM reservation WHERE status = 'HELD' AND hold_expires_at <= :now ORDER BY hold_expires_at LIMIT :limit
