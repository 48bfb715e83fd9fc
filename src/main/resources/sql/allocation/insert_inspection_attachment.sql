-- A file attached to an inspection.
INSERT INTO attachment (inspection_id, file_name, content_type, size_bytes, data)
VALUES (:owner, :name, :type, :size, :data)
