-- A notice served: the holder may reply until the deadline.
UPDATE idle_case SET state = 'NOTICE_SERVED', notice_served_at = :now, reply_deadline = :deadline, updated_at = :now
 WHERE id = :id
