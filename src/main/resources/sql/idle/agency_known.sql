-- Whether a revival-plan agency code is in the vocabulary.
SELECT EXISTS (SELECT 1 FROM vocabulary_revival_agency WHERE code = :code)
