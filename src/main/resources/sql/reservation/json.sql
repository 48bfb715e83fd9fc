-- Reservations as their documents (reservation_json, R__reservation_document.sql), newest first: one by id, an
-- investor's own, or an officer's estates'.
SELECT reservation_json(r.id)::text
  FROM reservation r
  JOIN estate e ON e.id = r.estate_id
 WHERE (CAST(:id AS bigint) IS NULL OR r.id = :id)
   AND (CAST(:investor AS bigint) IS NULL OR r.investor_id = :investor)
   AND (NOT :scoped OR e.code = ANY(CAST(:estates AS text[])))
   AND (cardinality(CAST(:statuses AS text[])) = 0 OR r.status = ANY(CAST(:statuses AS text[])))
 ORDER BY r.id DESC
 LIMIT :limit
