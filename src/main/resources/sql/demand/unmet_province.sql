-- Open demand against available supply per province: requests that could be served there (naming the province or
-- one of its estates), the area they want (each request's minimum), those no available plot serves now, and the
-- available land of the kinds investors apply for.
WITH demand_place AS (
    SELECT DISTINCT od.id, coalesce(od.province_id, e.province_id) AS province_id, od.min_area_m2, od.served
      FROM demand_open od
      LEFT JOIN estate e ON e.id = ANY (od.estate_ids)
), wanted AS (
    SELECT province_id, count(*) AS requests, sum(min_area_m2) AS wanted_m2,
           count(*) FILTER (WHERE NOT served) AS unmet_requests,
           coalesce(sum(min_area_m2) FILTER (WHERE NOT served), 0) AS unmet_m2
      FROM demand_place GROUP BY province_id
), supply AS (
    SELECT e.province_id, count(*) AS plots, sum(p.area_m2) AS available_m2
      FROM parcel p JOIN estate e ON e.id = p.estate_id
     WHERE p.status = 'AVAILABLE' AND p.land_use IN ('industrial', 'warehouse', 'workshop', 'services')
     GROUP BY e.province_id
)
SELECT coalesce(json_agg(json_build_object(
           'code', pr.code, 'name', pr.name, 'nameFa', pr.name_fa,
           'openRequests', coalesce(w.requests, 0), 'wantedM2', coalesce(w.wanted_m2, 0),
           'unmetRequests', coalesce(w.unmet_requests, 0), 'unmetM2', coalesce(w.unmet_m2, 0),
           'availablePlots', coalesce(s.plots, 0), 'availableM2', round(coalesce(s.available_m2, 0)))
       ORDER BY coalesce(w.unmet_m2, 0) DESC, pr.code), '[]')::text
  FROM province pr
  LEFT JOIN wanted w ON w.province_id = pr.id
  LEFT JOIN supply s ON s.province_id = pr.id
 WHERE w.province_id IS NOT NULL OR s.province_id IS NOT NULL
