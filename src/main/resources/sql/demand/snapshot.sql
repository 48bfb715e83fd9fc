-- Today's available land per estate (the kinds investors apply for), kept for the demand history; a second run
-- on the same day replaces the first.
INSERT INTO supply_snapshot (day, estate_id, available_m2, plots)
SELECT CAST(:day AS date), e.id, coalesce(sum(p.area_m2), 0), count(p.id)
  FROM estate e
  LEFT JOIN parcel p ON p.estate_id = e.id AND p.status = 'AVAILABLE'
                    AND p.land_use IN ('industrial', 'warehouse', 'workshop', 'services')
 GROUP BY e.id
ON CONFLICT (day, estate_id) DO UPDATE SET available_m2 = excluded.available_m2, plots = excluded.plots
