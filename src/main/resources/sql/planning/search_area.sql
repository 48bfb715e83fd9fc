-- Parses a search polygon (WKT or GeoJSON, EPSG:4326) and reports its type, validity and, when invalid,
-- the reason and location from ST_IsValidDetail; the WKT is what the search then binds.
SELECT GeometryType(g) AS type,
       ST_IsValid(g) AS valid,
       (ST_IsValidDetail(g)).reason AS reason,
       ST_AsText((ST_IsValidDetail(g)).location) AS location,
       ST_AsText(g) AS wkt
  FROM (SELECT ST_SetSRID(CASE WHEN CAST(:geoJson AS boolean) THEN ST_GeomFromGeoJSON(:text)
                               ELSE ST_GeomFromText(:text) END, 4326) AS g) s
