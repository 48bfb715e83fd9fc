-- The holder's reply, kept on the warning it answers (the latest).
UPDATE idle_warning SET reply = :reply, replied_at = :now
 WHERE case_id = :id AND stage = (SELECT max(stage) FROM idle_warning WHERE case_id = :id) AND reply IS NULL
