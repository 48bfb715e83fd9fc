-- The idle-register collection of the OGC API: the entries of the public idle register (idle_register,
-- R__idle_register.sql) keyed by id, filtered by bbox (a second box :minLon2–:maxLon2 for one crossing the
-- antimeridian), updated_at interval, stage, estate and province (or one entry by :code, its id) and a CQL2
-- filter's condition in place of /*filter*/. Paged by sql/ogc/items_page.sql; each Feature is built by ogc_feature
-- (R__public_ogc_features.sql).
SELECT v.id AS key, v AS item
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
