UPDATE idle_case c SET score = t.score, evidence = t.evidence, updated_at = :now
  FROM unnest(CAST(:cases AS bigint[]), CAST(:scores AS int[]), CAST(:evidence AS jsonb[])) AS t (id, score, evidence)
 WHERE c.id = t.id
