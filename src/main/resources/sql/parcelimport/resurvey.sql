-- Taken plots re-surveyed with --force-resurvey: the geometry only; status and contract terms stay.
UPDATE parcel p
   SET geom = f.geom, updated_at = now()
  FROM import_feature f
 WHERE p.estate_id = :estateId AND p.plot_number = f.plot_number AND f.n = ANY(:numbers)
RETURNING p.id, p.plot_number, p.status
