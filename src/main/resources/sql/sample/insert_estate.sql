INSERT INTO estate (code, province_id, name, name_fa, kind, operator, land_price_per_m2, utilities, boundary)
VALUES (:code, :provinceId, :name, :nameFa, :kind, :operator, :landPricePerM2, CAST(:utilities AS jsonb),
        ST_SetSRID(ST_GeomFromGeoJSON(:boundary), 4326))
RETURNING id
