-- The estates layer of a tile (filled into tiles/tile.sql): each estate boundary in the tile, clipped and
-- simplified, with its code, names, kind and province.
SELECT ST_AsMVTGeom(ST_Simplify(ST_Transform(e.boundary, 3857), :tolerance, true), b.env, 4096, 64, true) AS geom,
       e.code, e.name, e.name_fa AS "nameFa", e.kind, pr.code AS province
  FROM estate e
  JOIN province pr ON pr.id = e.province_id
 CROSS JOIN bounds b
 WHERE e.boundary && b.env4326
