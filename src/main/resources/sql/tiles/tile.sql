-- One Mapbox Vector Tile of one layer, in one query. The layer name and its feature query (the file
-- tiles/<layer>.sql) and its ordering column (${order}) come only from the fixed layer list in
-- org.zamin.tiles.TileLayer; :z/:x/:y and :tolerance
-- (metres in EPSG:3857, one pixel of this zoom below zoom 14, else 0) are bound. `bounds` gives the layer its tile
-- envelope (env, EPSG:3857) and the envelope with a 64-pixel margin in EPSG:4326 (env4326), for its index search.
WITH bounds AS (
    SELECT ST_TileEnvelope(:z, :x, :y) AS env,
           ST_Transform(ST_TileEnvelope(:z, :x, :y, margin => 64.0 / 4096), 4326) AS env4326
),
features AS (
${features}
)
-- Features in a fixed order: an index scan returns rows in their physical order, which changes when a row is
-- rewritten with the same values, and the same content must give the same bytes (and ETag).
SELECT ST_AsMVT(features.*, '${layer}', 4096, 'geom' ORDER BY features.${order}) FROM features WHERE geom IS NOT NULL
