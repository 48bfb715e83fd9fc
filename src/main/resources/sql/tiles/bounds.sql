-- The area the tiles cover, for TileJSON: the extent of every estate boundary (plots lie inside their estates) as
-- west, south, east, north in degrees; NULLs when there are no estates yet.
SELECT ST_XMin(x) AS west, ST_YMin(x) AS south, ST_XMax(x) AS east, ST_YMax(x) AS north
  FROM (SELECT ST_Extent(boundary) AS x FROM estate) e
