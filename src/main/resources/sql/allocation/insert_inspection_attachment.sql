-- A file attached to an inspection, with where it was taken when known (its distance is kept by a trigger).
INSERT INTO attachment (inspection_id, file_name, content_type, size_bytes, data, location, location_source)
VALUES (:owner, :name, :type, :size, :data,
        CASE WHEN CAST(:lon AS double precision) IS NULL THEN NULL
             ELSE ST_SetSRID(ST_MakePoint(CAST(:lon AS double precision), CAST(:lat AS double precision)), 4326) END,
        :source)
