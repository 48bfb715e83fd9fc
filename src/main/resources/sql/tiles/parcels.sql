-- The parcels layer of a tile (filled into tiles/tile.sql): each plot in the tile, clipped and simplified, with the
-- public fields (the view parcel_public, R__parcel_public.sql) the map styles and labels by, so tiles stay small.
-- Only the plots that pass the map's filter: the parameters of GET /api/parcels (parcel/search.sql), all optional.
SELECT ST_AsMVTGeom(ST_Simplify(ST_Transform(v.geom, 3857), :tolerance, true), b.env, 4096, 64, true) AS geom,
       v.id, v.plot_number AS "plotNumber", v.estate, v.status, v.area_m2_rounded::float8 AS "areaM2",
       v.land_use AS "landUse"
  FROM parcel_public v
 CROSS JOIN bounds b
 WHERE v.geom && b.env4326
   AND (CAST(:estate AS text) IS NULL OR v.estate = :estate)
   AND (cardinality(CAST(:statuses AS text[])) = 0 OR v.status = ANY (CAST(:statuses AS text[])))
   AND (CAST(:minArea AS float8) IS NULL OR v.area_m2 >= :minArea)
   AND (CAST(:maxArea AS float8) IS NULL OR v.area_m2 <= :maxArea)
   AND (cardinality(CAST(:landUses AS text[])) = 0 OR v.land_use = ANY (CAST(:landUses AS text[])))
   AND v.utilities @> CAST(:utilities AS text[])
