-- Estates as GeoJSON Features (all of them, or the one with :code), each with its plot counts by status.
SELECT json_build_object(
           'type', 'Feature',
           'id', e.code,
           'bbox', json_build_array(ST_XMin(e.boundary), ST_YMin(e.boundary), ST_XMax(e.boundary), ST_YMax(e.boundary)),
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(e.boundary), 7)::json,
           'properties', json_build_object(
               'code', e.code,
               'name', e.name,
               'nameFa', e.name_fa,
               'kind', e.kind,
               'province', json_build_object('code', pr.code, 'name', pr.name, 'nameFa', pr.name_fa),
               'operator', e.operator,
               'landPricePerM2', e.land_price_per_m2,
               'utilities', e.utilities,
               'areaM2', round(e.area_m2),
               'parcelCount', coalesce(c.total, 0),
               'availableAreaM2', round(coalesce(c.available_m2, 0)),
               'countsByStatus', coalesce(c.by_status, '{}'::json),
               'bbox', json_build_array(ST_XMin(e.boundary), ST_YMin(e.boundary),
                                        ST_XMax(e.boundary), ST_YMax(e.boundary))))::text
  FROM estate e
  JOIN province pr ON pr.id = e.province_id
  LEFT JOIN LATERAL (
      SELECT sum(s.n) AS total,
             sum(s.area_m2) FILTER (WHERE s.status = 'AVAILABLE') AS available_m2,
             json_object_agg(s.status, s.n) AS by_status
        FROM (SELECT status, count(*) AS n, sum(area_m2) AS area_m2
                FROM parcel
               WHERE estate_id = e.id
               GROUP BY status) s
  ) c ON true
 WHERE CAST(:code AS text) IS NULL OR e.code = :code
 ORDER BY e.code
