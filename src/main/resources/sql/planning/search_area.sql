-- Parses a search polygon (WKT or GeoJSON, EPSG:4326) and reports its type, whether it is empty, whether every
-- coordinate is a longitude/latitude (a NaN is not), its validity and, when invalid, the reason and location from
-- ST_IsValidDetail; the WKT is what the search then binds. Validity is judged only for a usable polygon.
WITH input AS (
    SELECT ST_SetSRID(CASE WHEN CAST(:geoJson AS boolean) THEN ST_GeomFromGeoJSON(:text)
                           ELSE ST_GeomFromText(:text) END, 4326) AS g
), judged AS (
    SELECT g, ST_IsEmpty(g) AS empty,
           NOT ST_IsEmpty(g) AND ST_XMin(g) >= -180 AND ST_XMax(g) <= 180
                             AND ST_YMin(g) >= -90 AND ST_YMax(g) <= 90 AS in_range
      FROM input
)
SELECT GeometryType(g) AS type,
       empty,
       in_range,
       CASE WHEN in_range THEN ST_IsValid(g) ELSE false END AS valid,
       CASE WHEN in_range AND NOT ST_IsValid(g) THEN (ST_IsValidDetail(g)).reason END AS reason,
       CASE WHEN in_range AND NOT ST_IsValid(g) THEN ST_AsText((ST_IsValidDetail(g)).location) END AS location,
       ST_AsText(g) AS wkt
  FROM judged
