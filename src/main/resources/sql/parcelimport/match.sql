-- Features whose plot number already exists in the estate: the plot, its status, and what would change.
SELECT f.n, p.id, p.status,
       ST_HausdorffDistance(p.geom, f.geom) < 1e-9 AS same_geometry,
       (f.land_use IS NULL OR f.land_use = p.land_use)
           AND (f.price IS NULL OR f.price = p.price_per_m2)
           AND (f.utilities IS NULL OR (f.utilities @> p.utilities AND f.utilities <@ p.utilities)) AS same_attributes
  FROM import_feature f
  JOIN parcel p ON p.estate_id = :estateId AND p.plot_number = f.plot_number
 WHERE f.ok
