-- The idle-register collection of the OGC API: the public idle register (idle_register and
-- idle_register_properties, R__idle_register.sql), filtered by bbox (a second box :minLon2–:maxLon2 for one crossing
-- the antimeridian), updated_at interval, stage, estate and province (or one entry by :code, its id) and a CQL2
-- filter's condition in place of /*filter*/; paged by id after :after (keyset) or at :offset, one row read past the
-- page to tell whether there is more, and the matches counted up to :countCap + 1 only; the geometry is written in
-- the requested CRS.
WITH matched AS NOT MATERIALIZED (
    SELECT v.id, v AS entry
      FROM idle_register v
     WHERE (CAST(:code AS text) IS NULL OR v.id = :code)
       AND (CAST(:minLon AS float8) IS NULL OR v.geom && ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326)
            OR v.geom && ST_MakeEnvelope(:minLon2, :minLat, :maxLon2, :maxLat, 4326))
       AND (CAST(:from AS timestamptz) IS NULL OR v.updated_at >= :from)
       AND (CAST(:to AS timestamptz) IS NULL OR v.updated_at <= :to)
       AND (CAST(:stage AS text) IS NULL OR v.stage = :stage)
       AND (CAST(:estate AS text) IS NULL OR v.estate = :estate)
       AND (CAST(:province AS text) IS NULL OR v.province = :province)
       AND /*filter*/ TRUE
),
page AS (
    SELECT * FROM matched
     WHERE (CAST(:after AS text) IS NULL OR id > :after)
     ORDER BY id
     LIMIT :limit + 1 OFFSET :offset
),
shown AS (
    SELECT * FROM page ORDER BY id LIMIT :limit
)
SELECT (SELECT count(*) FROM (SELECT 1 FROM matched LIMIT :countCap + 1) c) AS counted,
       (SELECT count(*) FROM page) > :limit AS more,
       (SELECT count(*) FROM shown) AS number_returned,
       (SELECT max(id) FROM shown)::text AS last_key,
       (SELECT coalesce(json_agg(json_build_object(
                   'type', 'Feature',
                   'id', id,
                   'geometry', ST_AsGeoJSON(ogc_crs_output((entry).geom, :crsSrid, :crsLatitudeFirst), :crsDecimals)::json,
                   'properties', idle_register_properties(entry)) ORDER BY id), '[]')
          FROM shown)::text AS features
