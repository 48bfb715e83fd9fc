-- The spatial and temporal extents of the collections (plots lie inside estates, so one bbox serves all).
SELECT ST_XMin(x.box) AS min_lon, ST_YMin(x.box) AS min_lat, ST_XMax(x.box) AS max_lon, ST_YMax(x.box) AS max_lat,
       (SELECT min(created_at) FROM estate) AS estates_from, (SELECT max(created_at) FROM estate) AS estates_to,
       (SELECT min(updated_at) FROM parcel) AS parcels_from, (SELECT max(updated_at) FROM parcel) AS parcels_to,
       (SELECT min(updated_at) FROM idle_case) AS idle_from, (SELECT max(updated_at) FROM idle_case) AS idle_to
  FROM (SELECT ST_Extent(boundary) AS box FROM estate) x
