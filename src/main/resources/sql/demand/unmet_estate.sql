-- Open demand against available supply per estate: requests that could be served there (naming the estate, or
-- naming its province and no estate), so a province-wide request counts under each of its province's estates.
WITH demand_place AS (
    SELECT e.id AS estate_id, od.min_area_m2, od.served
      FROM demand_open od
      JOIN estate e ON e.id = ANY (od.estate_ids)
                    OR (cardinality(od.estate_ids) = 0 AND e.province_id = od.province_id)
), wanted AS (
    SELECT estate_id, count(*) AS requests, sum(min_area_m2) AS wanted_m2,
           count(*) FILTER (WHERE NOT served) AS unmet_requests,
           coalesce(sum(min_area_m2) FILTER (WHERE NOT served), 0) AS unmet_m2
      FROM demand_place GROUP BY estate_id
), supply AS (
    SELECT p.estate_id, count(*) AS plots, sum(p.area_m2) AS available_m2
      FROM parcel p
     WHERE p.status = 'AVAILABLE' AND p.land_use IN ('industrial', 'warehouse', 'workshop', 'services')
     GROUP BY p.estate_id
)
SELECT coalesce(json_agg(json_build_object(
           'code', e.code, 'name', e.name, 'nameFa', e.name_fa, 'province', pr.code,
           'openRequests', coalesce(w.requests, 0), 'wantedM2', coalesce(w.wanted_m2, 0),
           'unmetRequests', coalesce(w.unmet_requests, 0), 'unmetM2', coalesce(w.unmet_m2, 0),
           'availablePlots', coalesce(s.plots, 0), 'availableM2', round(coalesce(s.available_m2, 0)),
           'lon', ST_X(ST_PointOnSurface(e.boundary)), 'lat', ST_Y(ST_PointOnSurface(e.boundary)))
       ORDER BY coalesce(w.unmet_m2, 0) DESC, e.code), '[]')::text
  FROM estate e
  JOIN province pr ON pr.id = e.province_id
  LEFT JOIN wanted w ON w.estate_id = e.id
  LEFT JOIN supply s ON s.estate_id = e.id
 WHERE w.estate_id IS NOT NULL OR s.estate_id IS NOT NULL
