-- Published rounds whose application window has ended by :now, oldest closing time first (the auto close).
SELECT id FROM offer WHERE state = 'PUBLISHED' AND closes_at <= :now ORDER BY closes_at, id
