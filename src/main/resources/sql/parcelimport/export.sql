-- The public fields of plots for export, one estate or all.
SELECT p.id, p.plot_number, e.code AS estate, p.land_use, p.price_per_m2, p.area_m2, p.status, p.utilities,
       ST_AsBinary(p.geom) AS wkb
  FROM parcel p
  JOIN estate e ON e.id = p.estate_id
 WHERE (CAST(:estate AS text) IS NULL OR e.code = :estate)
 ORDER BY e.code, p.plot_number
