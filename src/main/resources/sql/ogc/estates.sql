-- The estates collection of the OGC API: the estates keyed by code, filtered by bbox (two boxes across the
-- antimeridian), created_at interval, province and kind (or one estate by :code) and a CQL2 filter's condition in
-- place of /*filter*/ (ogc/cql2, values bound). Paged by sql/ogc/items_page.sql; each Feature (boundary and public
-- fields) is built by ogc_feature (R__public_ogc_features.sql).
SELECT e.code AS key, e AS item
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
