-- Plots matching a filter, as one GeoJSON FeatureCollection of their public properties (parcel_public and
-- parcel_public_properties, R__parcel_public.sql). numberMatched and countsByStatus cover every match; features hold
-- the first :limit by id, and only theirs are built.
WITH matched AS (
    SELECT v.id, v.status, v AS plot
      FROM parcel_public v
     WHERE ST_Intersects(v.geom, ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326))
       AND (CAST(:estate AS text) IS NULL OR v.estate = :estate)
       AND (cardinality(CAST(:statuses AS text[])) = 0 OR v.status = ANY (CAST(:statuses AS text[])))
       AND (CAST(:minArea AS float8) IS NULL OR v.area_m2 >= :minArea)
       AND (CAST(:maxArea AS float8) IS NULL OR v.area_m2 <= :maxArea)
       AND (cardinality(CAST(:landUses AS text[])) = 0 OR v.land_use = ANY (CAST(:landUses AS text[])))
       AND v.utilities @> CAST(:utilities AS text[])
),
page AS (
    SELECT * FROM matched ORDER BY id LIMIT :limit
)
SELECT json_build_object(
           'type', 'FeatureCollection',
           'numberMatched', (SELECT count(*) FROM matched),
           'numberReturned', (SELECT count(*) FROM page),
           'limit', :limit,
           'truncated', (SELECT count(*) FROM matched) > :limit,
           'countsByStatus', (SELECT coalesce(json_object_agg(status, n), '{}')
                                FROM (SELECT status, count(*) AS n FROM matched GROUP BY status) c),
           'features', (SELECT coalesce(json_agg(json_build_object(
                                   'type', 'Feature',
                                   'id', id,
                                   'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW((plot).geom), 7)::json,
                                   'properties', parcel_public_properties(plot)) ORDER BY id), '[]')
                          FROM page)
       )::text
