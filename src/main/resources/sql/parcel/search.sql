-- Plots matching a filter, as one GeoJSON FeatureCollection of their public properties (parcel_public and
-- parcel_public_properties, R__parcel_public.sql); features hold the first :limit by id after :after (keyset
-- paging, the next link's cursor), and only theirs are built. On the first page (no :after) numberMatched and
-- countsByStatus cover every match; later pages leave the counts out rather than count every match again. Also
-- returns the page's last id when more plots follow it (one row is read past the page to know). The collection's
-- members come as head (without features) and features, put together by ParcelRepository.
WITH matched AS NOT MATERIALIZED (
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
    SELECT * FROM matched WHERE (CAST(:after AS bigint) IS NULL OR id > :after) ORDER BY id LIMIT :limit + 1
),
shown AS (
    SELECT * FROM page ORDER BY id LIMIT :limit
),
counts AS (
    SELECT status, count(*) AS n FROM matched WHERE CAST(:after AS bigint) IS NULL GROUP BY status
)
SELECT jsonb_strip_nulls(jsonb_build_object(
           'type', 'FeatureCollection',
           'numberMatched', CASE WHEN CAST(:after AS bigint) IS NULL THEN (SELECT coalesce(sum(n), 0) FROM counts) END,
           'numberReturned', (SELECT count(*) FROM shown),
           'limit', :limit,
           'truncated', (SELECT count(*) FROM page) > :limit,
           'countsByStatus', CASE WHEN CAST(:after AS bigint) IS NULL
                                  THEN (SELECT coalesce(jsonb_object_agg(status, n), '{}') FROM counts) END
       ))::text AS head,
       (SELECT coalesce(json_agg(json_build_object(
                   'type', 'Feature',
                   'id', id,
                   'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW((plot).geom), 7)::json,
                   'properties', parcel_public_properties(plot)) ORDER BY id), '[]')
          FROM shown)::text AS features,
       CASE WHEN (SELECT count(*) FROM page) > :limit THEN (SELECT max(id) FROM shown) END AS next_after
