INSERT INTO parcel (estate_id, plot_number, geom, land_use, price_per_m2, utilities, status)
VALUES (:estateId, :plotNumber, ST_SetSRID(ST_GeomFromGeoJSON(:geom), 4326), :landUse, :pricePerM2,
        CAST(:utilities AS text[]), :status)
