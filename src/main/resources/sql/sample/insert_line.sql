INSERT INTO infrastructure_line (kind, name, estate_id, geom)
VALUES (:kind, :name, CAST(:estateId AS int), ST_SetSRID(ST_GeomFromGeoJSON(:geom), 4326))
