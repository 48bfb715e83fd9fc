-- Marks an officer as an adviser (only officers can be: the role is checked here, not trusted from the caller).
INSERT INTO idle_adviser (user_id, marked_at)
SELECT u.id, :now FROM users u WHERE u.id = :id AND u.role = 'OFFICER'
ON CONFLICT (user_id) DO NOTHING
