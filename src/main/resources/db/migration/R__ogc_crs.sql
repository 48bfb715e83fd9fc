-- Reprojection for the OGC API's CRS by reference (Part 2) and the CRS of filter geometries and boxes (Part 3):
-- geometries are stored in EPSG:4326 with longitude first (CRS84 order). ogc_crs_output writes one in the CRS a
-- request asked for (EPSG:4326 itself answers latitude first, as that CRS's axis order is); ogc_crs_input reads a
-- geometry given in such a CRS back into storage; ogc_crs_box does it for a bbox, densified first so that the box of a
-- projected rectangle is covered whole. The SRID and the axis order always come in as bound values.
CREATE OR REPLACE FUNCTION ogc_crs_output(g geometry, srid int, latitude_first boolean) RETURNS geometry
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT ST_SetSRID(CASE WHEN latitude_first THEN ST_FlipCoordinates(t) ELSE t END, 0)
  FROM (SELECT ST_ForcePolygonCCW(CASE WHEN srid = ST_SRID(g) THEN g ELSE ST_Transform(g, srid) END) AS t) x
$$;

CREATE OR REPLACE FUNCTION ogc_crs_input(g geometry, srid int, latitude_first boolean) RETURNS geometry
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT ST_Transform(ST_SetSRID(CASE WHEN latitude_first THEN ST_FlipCoordinates(g) ELSE g END, srid), 4326)
$$;

CREATE OR REPLACE FUNCTION ogc_crs_box(min_x float8, min_y float8, max_x float8, max_y float8, srid int)
    RETURNS geometry LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT ST_Transform(ST_Segmentize(ST_MakeEnvelope(min_x, min_y, max_x, max_y, srid),
                                  greatest(max_x - min_x, max_y - min_y, 1e-9) / 32), 4326)
$$;
