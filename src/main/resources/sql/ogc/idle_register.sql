-- The idle-register collection of the OGC API: the public idle register (idle_register and
-- idle_register_properties, R__idle_register.sql), filtered by bbox (a second box :minLon2–:maxLon2 for one crossing
-- the antimeridian), updated_at interval, stage, estate and province (or one entry by :code, its id), paged by id.
-- /*filter*/ is replaced by a CQL2 filter's condition; the geometry is written in the requested CRS.
WITH matched AS (
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
    SELECT * FROM matched ORDER BY id LIMIT :limit OFFSET :offset
)
SELECT (SELECT count(*) FROM matched) AS number_matched,
       (SELECT count(*) FROM page) AS number_returned,
       (SELECT coalesce(json_agg(json_build_object(
                   'type', 'Feature',
                   'id', id,
                   'geometry', ST_AsGeoJSON(ogc_crs_output((entry).geom, :crsSrid, :crsLatitudeFirst), :crsDecimals)::json,
                   'properties', idle_register_properties(entry)) ORDER BY id), '[]')
          FROM page)::text AS features
