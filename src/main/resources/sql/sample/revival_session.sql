INSERT INTO working_group_session (province_id, held_on, members, created_by, created_at)
VALUES (:province, :heldOn, CAST(:members AS text[]), :adviser, now())
RETURNING id
