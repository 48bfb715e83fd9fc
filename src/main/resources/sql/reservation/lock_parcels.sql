-- The requested plots, locked in id order (so two overlapping requests cannot deadlock) until commit.
SELECT p.id, p.plot_number, p.status, p.estate_id, e.code AS estate_code,
       round(p.area_m2 * p.price_per_m2)::bigint AS price
  FROM parcel p
  JOIN estate e ON e.id = p.estate_id
 WHERE p.id = ANY(CAST(:ids AS bigint[]))
 ORDER BY p.id
   FOR UPDATE OF p
