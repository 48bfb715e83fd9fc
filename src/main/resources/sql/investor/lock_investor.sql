-- The investor's row, locked, so two deposit payments of one investor are taken one at a time.
SELECT id FROM users WHERE id = :user FOR NO KEY UPDATE
