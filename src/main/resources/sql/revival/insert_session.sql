INSERT INTO working_group_session (province_id, held_on, members, created_by, created_at)
VALUES (:provinceId, :heldOn, CAST(:members AS text[]), :userId, :now)
RETURNING id
