-- Taken plots re-surveyed with --force-resurvey: the geometry only; status and contract terms stay.
UPDATE parcel p
   SET geom = f.geom, updated_at = now()
  FROM import_feature f
  JOIN unnest(CAST(:numbers AS int[])) AS chosen(n) ON chosen.n = f.n
 WHERE p.estate_id = :estateId AND p.plot_number = f.plot_number
RETURNING p.id, p.plot_number, p.status
