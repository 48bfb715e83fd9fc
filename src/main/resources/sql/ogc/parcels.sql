-- The parcels collection of the OGC API: the plots (rows of parcel_public, R__parcel_public.sql) keyed by id,
-- filtered by bbox (a second box :minLon2–:maxLon2 for one crossing the antimeridian, else the same), updated_at
-- interval, status, estate and land use (or one plot by :id); /*filter*/ is replaced by a CQL2 filter's condition
-- (ogc/cql2, values bound). Paged by sql/ogc/items_page.sql; each Feature is built by ogc_feature
-- (R__public_ogc_features.sql).
SELECT v.id AS key, v AS item
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
