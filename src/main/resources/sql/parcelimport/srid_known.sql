-- Whether PostGIS knows the file's coordinate system.
SELECT EXISTS (SELECT 1 FROM spatial_ref_sys WHERE srid = :srid)
