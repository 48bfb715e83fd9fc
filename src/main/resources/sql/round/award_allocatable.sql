-- PAID holds with no allocation yet whose offer's objection window has ended by :now, oldest first (only :hold when
-- it is given).
SELECT h.id
  FROM round_award_hold h JOIN offer o ON o.id = h.offer_id
 WHERE h.state = 'PAID'
   AND o.closed_at + make_interval(days => o.objection_days) <= :now
   AND (CAST(:hold AS bigint) IS NULL OR h.id = :hold)
   AND NOT EXISTS (SELECT FROM allocation a WHERE a.award_hold_id = h.id)
 ORDER BY h.paid_at, h.id
 LIMIT :limit
