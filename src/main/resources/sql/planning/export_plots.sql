-- The public export fields of the plots :ids (any order; the caller orders them).
SELECT p.id, p.plot_number, e.code AS estate, p.land_use, p.price_per_m2, p.area_m2, p.status, p.utilities,
       ST_AsBinary(p.geom) AS wkb
  FROM parcel p
  JOIN estate e ON e.id = p.estate_id
 WHERE p.id = ANY(CAST(:ids AS bigint[]))
