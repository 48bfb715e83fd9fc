-- Notices served whose reply deadline is within :days days (and not passed) with no reply yet, and whose holder was
-- not reminded yet (reminder_sent), soonest first.
SELECT c.id, c.allocation_id, c.reply_deadline, a.investor_id
  FROM idle_case c
  JOIN allocation a ON a.id = c.allocation_id
 WHERE c.state = 'NOTICE_SERVED' AND c.reply IS NULL AND NOT c.sub_judice
   AND c.reply_deadline >= :today AND c.reply_deadline <= CAST(:today AS date) + CAST(:days AS int)
   AND NOT EXISTS (SELECT 1 FROM reminder_sent s WHERE s.subject = 'idle_case:' || c.id AND s.kind = 'reply_due')
 ORDER BY c.reply_deadline, c.id
 LIMIT :limit
