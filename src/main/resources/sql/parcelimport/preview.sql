-- The file's features in WGS84 for the map preview (at most :limit).
SELECT coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 7)::json,
           'properties', json_build_object('n', n, 'plotNumber', plot_number, 'landUse', land_use))
           ORDER BY n), '[]')::text
  FROM (SELECT * FROM import_feature WHERE geom IS NOT NULL ORDER BY n LIMIT :limit) f
