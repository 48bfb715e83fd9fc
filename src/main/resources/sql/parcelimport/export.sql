-- The public fields of plots for export, one estate or all, from the view parcel_public (R__parcel_public.sql).
SELECT v.id, v.plot_number, v.estate, v.land_use, v.price_per_m2, v.area_m2, v.status, v.utilities,
       ST_AsBinary(v.geom) AS wkb
  FROM parcel_public v
 WHERE (CAST(:estate AS text) IS NULL OR v.estate = :estate)
 ORDER BY v.estate, v.plot_number
