-- The public export fields of the plots :ids (any order; the caller orders them), from the view parcel_public
-- (R__parcel_public.sql).
SELECT v.id, v.plot_number, v.estate, v.land_use, v.price_per_m2, v.area_m2, v.status, v.utilities,
       ST_AsBinary(v.geom) AS wkb
  FROM parcel_public v
 WHERE v.id = ANY(CAST(:ids AS bigint[]))
