-- Reproject to WGS84; "ok" marks geometries valid in their source CRS and still valid after reprojection.
UPDATE import_feature
   SET geom = CASE WHEN ST_IsValid(src) THEN zamin_try_transform(src, 4326) END;
UPDATE import_feature SET ok = geom IS NOT NULL AND ST_IsValid(geom);
CREATE INDEX ON import_feature USING gist (geom);
CREATE INDEX ON import_feature (plot_number);
ANALYZE import_feature;
