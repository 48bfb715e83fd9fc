DELETE FROM idle_adviser WHERE user_id = :id
