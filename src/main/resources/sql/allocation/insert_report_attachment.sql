-- A file attached to a progress report.
INSERT INTO attachment (report_id, file_name, content_type, size_bytes, data)
VALUES (:owner, :name, :type, :size, :data)
