-- The plots of a batch of sample or generated estates in one statement (so the statement-level triggers on parcel,
-- adjacency and tallies among them, run once per batch, not once per plot). :plots is a JSON array, one element a
-- plot: {"e": estate id, "n": plot number, "g": GeoJSON geometry, "u": land use, "p": price per m², "t": [utility
-- codes], "s": status}. Plots are numbered (ids) in the array's order.
INSERT INTO parcel (estate_id, plot_number, geom, land_use, price_per_m2, utilities, status)
SELECT (x.v ->> 'e')::int,
       x.v ->> 'n',
       ST_SetSRID(ST_GeomFromGeoJSON(x.v ->> 'g'), 4326),
       x.v ->> 'u',
       (x.v ->> 'p')::bigint,
       ARRAY(SELECT json_array_elements_text(x.v -> 't')),
       x.v ->> 's'
  FROM json_array_elements(CAST(:plots AS json)) WITH ORDINALITY AS x(v, n)
 ORDER BY x.n
