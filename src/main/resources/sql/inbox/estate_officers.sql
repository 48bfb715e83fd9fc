-- The officers who manage the estate with code :code.
SELECT oe.user_id
  FROM officer_estate oe
  JOIN estate e ON e.id = oe.estate_id
 WHERE e.code = :code
 ORDER BY 1
