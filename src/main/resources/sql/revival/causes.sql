SELECT code FROM vocabulary_idle_cause ORDER BY position
