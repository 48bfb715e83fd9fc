-- Makes the officer :user manage the estates with codes :codes (already linked ones stay).
INSERT INTO officer_estate (user_id, estate_id)
SELECT :user, e.id FROM estate e WHERE e.code = ANY(CAST(:codes AS text[]))
ON CONFLICT DO NOTHING
