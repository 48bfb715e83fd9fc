-- Plots matching a filter, as one GeoJSON FeatureCollection. numberMatched and countsByStatus cover every
-- match; features hold the first :limit by id.
WITH matched AS (
    SELECT p.id, p.plot_number, e.code AS estate_code, e.name AS estate_name, e.name_fa AS estate_name_fa,
           p.area_m2, p.land_use, p.price_per_m2, p.utilities, p.status, p.geom
      FROM parcel p
      JOIN estate e ON e.id = p.estate_id
     WHERE ST_Intersects(p.geom, ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326))
       AND (CAST(:estate AS text) IS NULL OR e.code = :estate)
       AND (cardinality(CAST(:statuses AS text[])) = 0 OR p.status = ANY (CAST(:statuses AS text[])))
       AND (CAST(:minArea AS float8) IS NULL OR p.area_m2 >= :minArea)
       AND (CAST(:maxArea AS float8) IS NULL OR p.area_m2 <= :maxArea)
       AND (cardinality(CAST(:landUses AS text[])) = 0 OR p.land_use = ANY (CAST(:landUses AS text[])))
       AND p.utilities @> CAST(:utilities AS text[])
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
                                   'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 7)::json,
                                   'properties', json_build_object(
                                       'id', id,
                                       'plotNumber', plot_number,
                                       'estate', estate_code,
                                       'estateName', estate_name,
                                       'estateNameFa', estate_name_fa,
                                       'areaM2', round(area_m2::numeric, 1),
                                       'landUse', land_use,
                                       'pricePerM2', price_per_m2,
                                       'price', round(area_m2 * price_per_m2)::bigint,
                                       'utilities', utilities,
                                       'status', status)) ORDER BY id), '[]')
                          FROM page)
       )::text
