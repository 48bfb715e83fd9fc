-- The estates collection of the OGC API: boundaries with public fields, filtered by bbox (two boxes across the
-- antimeridian), created_at interval, province and kind (or one estate by :code) and a CQL2 filter's condition in
-- place of /*filter*/ (ogc/cql2, values bound), paged by code after :after (keyset) or at :offset, one row read
-- past the page to tell whether there is more, and the matches counted up to :countCap + 1 only (never a scan of
-- all); the geometry in the requested CRS (ogc_crs_output, R__ogc_crs.sql).
WITH matched AS NOT MATERIALIZED (
    SELECT e.code, e.name, e.name_fa, e.kind, pr.code AS province, e.operator, e.land_price_per_m2, e.area_m2,
           e.created_at, e.boundary
      FROM estate e
      JOIN province pr ON pr.id = e.province_id
     WHERE (CAST(:code AS text) IS NULL OR e.code = :code)
       AND (CAST(:minLon AS float8) IS NULL OR e.boundary && ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326)
            OR e.boundary && ST_MakeEnvelope(:minLon2, :minLat, :maxLon2, :maxLat, 4326))
       AND (CAST(:from AS timestamptz) IS NULL OR e.created_at >= :from)
       AND (CAST(:to AS timestamptz) IS NULL OR e.created_at <= :to)
       AND (CAST(:province AS text) IS NULL OR pr.code = :province)
       AND (CAST(:kind AS text) IS NULL OR e.kind = :kind)
       AND /*filter*/ TRUE
),
page AS (
    SELECT * FROM matched
     WHERE (CAST(:after AS text) IS NULL OR code > :after)
     ORDER BY code
     LIMIT :limit + 1 OFFSET :offset
),
shown AS (
    SELECT * FROM page ORDER BY code LIMIT :limit
)
SELECT (SELECT count(*) FROM (SELECT 1 FROM matched LIMIT :countCap + 1) c) AS counted,
       (SELECT count(*) FROM page) > :limit AS more,
       (SELECT count(*) FROM shown) AS number_returned,
       (SELECT max(code) FROM shown)::text AS last_key,
       (SELECT coalesce(json_agg(json_build_object(
                   'type', 'Feature',
                   'id', code,
                   'geometry', ST_AsGeoJSON(ogc_crs_output(boundary, :crsSrid, :crsLatitudeFirst), :crsDecimals)::json,
                   'properties', json_build_object(
                       'code', code,
                       'name', name,
                       'nameFa', name_fa,
                       'kind', kind,
                       'province', province,
                       'operator', operator,
                       'landPricePerM2', land_price_per_m2,
                       'areaM2', round(area_m2::numeric),
                       'createdAt', created_at)) ORDER BY code), '[]')
          FROM shown)::text AS features
