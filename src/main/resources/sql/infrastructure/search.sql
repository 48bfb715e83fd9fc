-- Infrastructure lines crossing a box, as one GeoJSON FeatureCollection.
WITH page AS (
    SELECT l.id, l.kind, l.name, e.code AS estate_code, l.length_m, l.geom
      FROM infrastructure_line l
      LEFT JOIN estate e ON e.id = l.estate_id
     WHERE ST_Intersects(l.geom, ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326))
       AND (cardinality(CAST(:kinds AS text[])) = 0 OR l.kind = ANY (CAST(:kinds AS text[])))
     ORDER BY l.id
     LIMIT :limit
)
SELECT json_build_object(
           'type', 'FeatureCollection',
           'features', (SELECT coalesce(json_agg(json_build_object(
                                   'type', 'Feature',
                                   'id', id,
                                   'geometry', ST_AsGeoJSON(geom, 7)::json,
                                   'properties', json_build_object(
                                       'kind', kind, 'name', name, 'estate', estate_code,
                                       'lengthM', round(length_m::numeric, 1))) ORDER BY id), '[]')
                          FROM page))::text
