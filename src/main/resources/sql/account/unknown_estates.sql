-- The codes among :codes that name no estate, sorted.
SELECT c
  FROM unnest(CAST(:codes AS text[])) c
 WHERE NOT EXISTS (SELECT 1 FROM estate e WHERE e.code = c)
 ORDER BY c
