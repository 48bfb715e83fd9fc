-- Marks one of the user's notifications read (the first reading time is kept); 0 rows when it is not theirs.
UPDATE notification SET read_at = coalesce(read_at, :at) WHERE id = :id AND user_id = :user
