-- The demo officer, marked as an adviser; returns their id (none when the demo accounts are missing).
INSERT INTO idle_adviser (user_id, marked_at)
SELECT id, now() FROM users WHERE email = 'officer@demo.zamin.ir' AND role = 'OFFICER'
ON CONFLICT (user_id) DO UPDATE SET marked_at = idle_adviser.marked_at
RETURNING user_id
