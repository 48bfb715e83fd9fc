-- Unpaid instalments of active allocations to remind of: 'instalment_due' when due within :days days,
-- 'instalment_overdue' once past due; only those due since the instalments were first tracked (no backlog of old
-- history) and not reminded yet (reminder_sent).
SELECT i.allocation_id, i.number, i.due_on, i.amount, a.investor_id, k.kind
  FROM contract_instalment i
  JOIN allocation a ON a.id = i.allocation_id AND a.status = 'ACTIVE'
 CROSS JOIN LATERAL (SELECT CASE WHEN i.due_on < :today THEN 'instalment_overdue' ELSE 'instalment_due' END AS kind) k
 WHERE i.amount > 0
   AND i.due_on >= i.tracked_on
   AND i.due_on <= CAST(:today AS date) + CAST(:days AS int)
   AND NOT EXISTS (SELECT 1 FROM instalment_payment p WHERE p.allocation_id = i.allocation_id AND p.number = i.number)
   AND NOT EXISTS (SELECT 1 FROM reminder_sent s
                    WHERE s.subject = 'instalment:' || i.allocation_id || ':' || i.number AND s.kind = k.kind)
 ORDER BY i.due_on, i.allocation_id, i.number
 LIMIT :limit
