SELECT EXISTS (SELECT 1 FROM idle_adviser WHERE user_id = :id)
