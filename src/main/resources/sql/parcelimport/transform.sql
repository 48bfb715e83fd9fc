-- Reproject to WGS84; "ok" marks geometries valid in their source CRS and still valid after reprojection. One pass
-- over the staged rows: validity is computed once per geometry, and WGS84 sources (nothing to reproject, so nothing
-- to re-check) skip the per-row exception block of zamin_try_transform but keep its longitude/latitude range check.
UPDATE import_feature f
   SET geom = t.geom,
       ok = t.geom IS NOT NULL AND (ST_SRID(f.src) = 4326 OR ST_IsValid(t.geom))
  FROM (SELECT n, CASE WHEN NOT ST_IsValid(src) THEN NULL
                       WHEN ST_SRID(src) <> 4326 THEN zamin_try_transform(src, 4326)
                       WHEN ST_XMin(src) >= -180 AND ST_XMax(src) <= 180 AND ST_YMin(src) >= -90 AND ST_YMax(src) <= 90
                       THEN src END AS geom
          FROM import_feature) t
 WHERE t.n = f.n;
CREATE INDEX ON import_feature USING gist (geom);
CREATE INDEX ON import_feature (plot_number);
ANALYZE import_feature;
