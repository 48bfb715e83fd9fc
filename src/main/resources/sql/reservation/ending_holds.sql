-- Holds that end after :now and by :by whose holder was not reminded yet (reminder_sent), soonest first.
SELECT r.id, r.investor_id, r.hold_expires_at
  FROM reservation r
 WHERE r.status = 'HELD' AND r.hold_expires_at > :now AND r.hold_expires_at <= :by
   AND NOT EXISTS (SELECT 1 FROM reminder_sent s WHERE s.subject = 'reservation:' || r.id AND s.kind = 'hold_ending')
 ORDER BY r.hold_expires_at
 LIMIT :limit
