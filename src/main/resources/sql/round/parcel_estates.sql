-- The requested plots that exist, with their estate's code.
SELECT p.id, e.code
  FROM parcel p JOIN estate e ON e.id = p.estate_id
 WHERE p.id = ANY (CAST(:ids AS bigint[]))
