-- The parcels collection of the OGC API: public fields only, filtered by bbox, updated_at interval, status,
-- estate and land use (or one plot by :id), paged by id. Returns numberMatched and the page's Features.
WITH matched AS (
    SELECT p.id, p.plot_number, e.code AS estate, p.area_m2, p.land_use, p.price_per_m2, p.utilities, p.status,
           p.updated_at, p.geom
      FROM parcel p
      JOIN estate e ON e.id = p.estate_id
     WHERE (CAST(:id AS bigint) IS NULL OR p.id = :id)
       AND (CAST(:minLon AS float8) IS NULL OR p.geom && ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326))
       AND (CAST(:from AS timestamptz) IS NULL OR p.updated_at >= :from)
       AND (CAST(:to AS timestamptz) IS NULL OR p.updated_at <= :to)
       AND (CAST(:status AS text) IS NULL OR p.status = :status)
       AND (CAST(:estate AS text) IS NULL OR e.code = :estate)
       AND (CAST(:landUse AS text) IS NULL OR p.land_use = :landUse)
),
page AS (
    SELECT * FROM matched ORDER BY id LIMIT :limit OFFSET :offset
)
SELECT (SELECT count(*) FROM matched) AS number_matched,
       (SELECT coalesce(json_agg(json_build_object(
                   'type', 'Feature',
                   'id', id,
                   'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(geom), 7)::json,
                   'properties', json_build_object(
                       'plotNumber', plot_number,
                       'estate', estate,
                       'areaM2', round(area_m2::numeric, 1),
                       'landUse', land_use,
                       'pricePerM2', price_per_m2,
                       'utilities', array_to_string(utilities, ','),
                       'status', status,
                       'updatedAt', updated_at)) ORDER BY id), '[]')
          FROM page)::text AS features
