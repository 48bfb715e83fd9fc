-- The infrastructure lines of a batch of sample or generated estates in one statement. :lines is a JSON array, one
-- element a line: {"k": kind, "n": name or null, "e": estate id or null (a trunk line), "g": GeoJSON geometry}.
INSERT INTO infrastructure_line (kind, name, estate_id, geom)
SELECT x.v ->> 'k', x.v ->> 'n', (x.v ->> 'e')::int, ST_SetSRID(ST_GeomFromGeoJSON(x.v ->> 'g'), 4326)
  FROM json_array_elements(CAST(:lines AS json)) WITH ORDINALITY AS x(v, n)
 ORDER BY x.n
