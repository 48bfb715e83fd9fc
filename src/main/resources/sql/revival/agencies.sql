SELECT code FROM vocabulary_revival_agency ORDER BY position
