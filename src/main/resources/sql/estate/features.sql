-- Estates as GeoJSON Features (all of them, or the one with :code), each with its plot counts by status from the
-- kept totals (parcel_tally_now, R__parcel_tally.sql). With :boundaries the geometry is the boundary; without, a
-- point inside it (the map draws boundaries from the estates tiles; the bbox says where the estate lies).
SELECT json_build_object(
           'type', 'Feature',
           'id', e.code,
           'bbox', json_build_array(ST_XMin(e.boundary), ST_YMin(e.boundary), ST_XMax(e.boundary), ST_YMax(e.boundary)),
           'geometry', CASE WHEN :boundaries THEN ST_AsGeoJSON(ST_ForcePolygonCCW(e.boundary), 7)::json
                            ELSE ST_AsGeoJSON(ST_PointOnSurface(e.boundary), 7)::json END,
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
  LEFT JOIN (
      SELECT estate_id,
             sum(plots) AS total,
             sum(area_m2) FILTER (WHERE status = 'AVAILABLE') AS available_m2,
             json_object_agg(status, plots ORDER BY status) AS by_status
        FROM parcel_tally_now
       WHERE CAST(:code AS text) IS NULL OR estate_id = (SELECT id FROM estate WHERE code = :code)
       GROUP BY estate_id
  ) c ON c.estate_id = e.id
 WHERE CAST(:code AS text) IS NULL OR e.code = :code
 ORDER BY e.code
