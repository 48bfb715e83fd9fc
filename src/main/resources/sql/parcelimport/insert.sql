-- New plots: land use industrial and the estate's price when the file does not say; roads, green and services
-- are not offered, the rest available. The chosen features are joined, not tested with "= ANY(:numbers)": with a
-- bound array that test scans the whole array for every row (100,000 × 100,000 comparisons for a large import).
INSERT INTO parcel (estate_id, plot_number, geom, land_use, price_per_m2, utilities, status)
SELECT e.id, f.plot_number, f.geom, coalesce(f.land_use, 'industrial'), coalesce(f.price, e.land_price_per_m2),
       coalesce(f.utilities, '{}'),
       CASE WHEN coalesce(f.land_use, 'industrial') IN ('services', 'green', 'road') THEN 'NOT_OFFERED'
            ELSE 'AVAILABLE' END
  FROM import_feature f
  JOIN unnest(CAST(:numbers AS int[])) AS chosen(n) ON chosen.n = f.n, estate e
 WHERE e.id = :estateId
 ORDER BY f.n
RETURNING id
