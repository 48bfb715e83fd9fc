-- The parcels collection of the OGC API: each plot's public properties (parcel_public and parcel_public_properties,
-- R__parcel_public.sql) with utilities as one comma-separated text, as GDAL and QGIS read attributes; filtered by
-- bbox (a second box :minLon2–:maxLon2 for one crossing the antimeridian, else the same), updated_at interval,
-- status, estate and land use (or one plot by :id), paged by id: after the key :after (keyset, the next link's
-- cursor) or at :offset. Reads one row past the page to tell whether there is more, and never counts every
-- match: it counts them up to :countCap + 1, so the caller knows numberMatched when there are no more than
-- :countCap (or on a last page). Returns more, numberReturned, the page's last id and
-- its Features. /*filter*/ is replaced by a CQL2 filter's condition (ogc/cql2, values bound); the geometry is
-- written in the requested CRS (ogc_crs_output, R__ogc_crs.sql).
WITH matched AS NOT MATERIALIZED (
    SELECT v.id, v AS plot
      FROM parcel_public v
     WHERE (CAST(:id AS bigint) IS NULL OR v.id = :id)
       AND (CAST(:minLon AS float8) IS NULL OR v.geom && ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326)
            OR v.geom && ST_MakeEnvelope(:minLon2, :minLat, :maxLon2, :maxLat, 4326))
       AND (CAST(:from AS timestamptz) IS NULL OR v.updated_at >= :from)
       AND (CAST(:to AS timestamptz) IS NULL OR v.updated_at <= :to)
       AND (CAST(:status AS text) IS NULL OR v.status = :status)
       AND (CAST(:estate AS text) IS NULL OR v.estate = :estate)
       AND (CAST(:landUse AS text) IS NULL OR v.land_use = :landUse)
       AND /*filter*/ TRUE
),
page AS (
    SELECT * FROM matched
     WHERE (CAST(:after AS bigint) IS NULL OR id > :after)
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
                   'geometry', ST_AsGeoJSON(ogc_crs_output((plot).geom, :crsSrid, :crsLatitudeFirst), :crsDecimals)::json,
                   'properties', parcel_public_properties(plot)::jsonb
                                 || jsonb_build_object('utilities', array_to_string((plot).utilities, ',')))
                   ORDER BY id), '[]')
          FROM shown)::text AS features
