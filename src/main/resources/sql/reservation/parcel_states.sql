-- The current state of the requested plots (no lock): says why a claim did not get them all.
SELECT p.id, p.plot_number, p.status, p.estate_id, e.code AS estate_code,
       round(p.area_m2 * p.price_per_m2)::bigint AS price
  FROM parcel p
  JOIN estate e ON e.id = p.estate_id
 WHERE p.id = ANY(CAST(:ids AS bigint[]))
 ORDER BY p.id
