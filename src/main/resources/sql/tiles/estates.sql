-- The estates layer of a tile (filled into tiles/tile.sql): each estate boundary in the tile, clipped and
-- simplified, with its code, names, kind and province. Below zoom 10 an estate (a few hundred metres across) is
-- smaller than a pixel and its outline would vanish: it is one point (on its surface) there, so it stays visible.
SELECT ST_AsMVTGeom(CASE WHEN :z < 10 THEN ST_PointOnSurface(ST_Transform(e.boundary, 3857))
                         ELSE ST_Simplify(ST_Transform(e.boundary, 3857), :tolerance, true) END,
                    b.env, 4096, 64, true) AS geom,
       e.code, e.name, e.name_fa AS "nameFa", e.kind, pr.code AS province
  FROM estate e
  JOIN province pr ON pr.id = e.province_id
 CROSS JOIN bounds b
 WHERE e.boundary && b.env4326
