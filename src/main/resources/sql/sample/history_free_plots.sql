-- The shipped samples' available plots that no allocation ever held: some of them were held and let go, or
-- allocated, left idle and reclaimed, in the paper register's years.
SELECT p.id AS parcel_id, e.code AS estate
  FROM parcel p
  JOIN estate e ON e.id = p.estate_id
 WHERE e.code LIKE ANY (CAST(:samples AS text[])) AND p.status = 'AVAILABLE'
   AND NOT EXISTS (SELECT 1 FROM allocation_parcel ap WHERE ap.parcel_id = p.id)
 ORDER BY p.id
