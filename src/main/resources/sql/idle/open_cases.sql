-- Opens idle cases in bulk; the partial unique index refuses a second open case for an allocation.
INSERT INTO idle_case (allocation_id, score, evidence, opened_as_of, opened_at, updated_at)
SELECT t.allocation_id, t.score, t.evidence, :asOf, :now, :now
  FROM unnest(CAST(:allocations AS bigint[]), CAST(:scores AS int[]), CAST(:evidence AS jsonb[]))
       AS t (allocation_id, score, evidence)
RETURNING id, allocation_id
