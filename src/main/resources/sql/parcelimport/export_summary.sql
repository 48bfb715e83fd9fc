-- How many plots export.sql will give and their extent (PostGIS's float boxes, rounded outwards), for the headers
-- of FlatGeobuf and Shapefile files; read in the same snapshot as export.sql.
SELECT count(*) AS plots,
       ST_XMin(ST_Extent(v.geom)) AS min_x, ST_YMin(ST_Extent(v.geom)) AS min_y,
       ST_XMax(ST_Extent(v.geom)) AS max_x, ST_YMax(ST_Extent(v.geom)) AS max_y
  FROM parcel_public v
 WHERE (CAST(:estate AS text) IS NULL OR v.estate = :estate)
