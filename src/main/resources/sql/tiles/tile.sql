-- One Mapbox Vector Tile of one layer, in one query. ${geom}, ${from}, ${columns} and ${layer} come only from
-- the fixed layer list in org.zamin.tiles.TileLayer; :z/:x/:y and :tolerance (metres in EPSG:3857, one
-- pixel of this zoom below zoom 14, else 0) are bound.
WITH bounds AS (
    SELECT ST_TileEnvelope(:z, :x, :y) AS env,
           ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => 64.0 / 4096), 4326) AS env4326
),
features AS (
    SELECT ST_AsMVTGeom(ST_Simplify(ST_Transform(${geom}, 3857), :tolerance, true), b.env, 4096, 64, true) AS geom,
           ${columns}
      FROM ${from}
     CROSS JOIN bounds b
     WHERE ${geom} && b.env4326
)
SELECT ST_AsMVT(features.*, '${layer}', 4096, 'geom') FROM features WHERE geom IS NOT NULL
