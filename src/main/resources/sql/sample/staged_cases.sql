-- The staged sample cases of one kind (staged_due_process.sql: 4 extended, 5 reclaimed) with their plot and estate.
SELECT s.id, ap.parcel_id, e.code
  FROM sample_staged s
  JOIN allocation_parcel ap ON ap.allocation_id = s.allocation_id
  JOIN allocation a ON a.id = s.allocation_id
  JOIN estate e ON e.id = a.estate_id
 WHERE s.kind = :kind
 ORDER BY s.id
