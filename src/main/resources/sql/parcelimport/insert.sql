-- New plots: land use industrial and the estate's price when the file does not say; roads, green and services
-- are not offered, the rest available.
INSERT INTO parcel (estate_id, plot_number, geom, land_use, price_per_m2, utilities, status)
SELECT e.id, f.plot_number, f.geom, coalesce(f.land_use, 'industrial'), coalesce(f.price, e.land_price_per_m2),
       coalesce(f.utilities, '{}'),
       CASE WHEN coalesce(f.land_use, 'industrial') IN ('services', 'green', 'road') THEN 'NOT_OFFERED'
            ELSE 'AVAILABLE' END
  FROM import_feature f, estate e
 WHERE e.id = :estateId AND f.n = ANY(:numbers)
 ORDER BY f.n
RETURNING id
