-- The allocation's latest idle case that reached the revival desk (a diagnosis, an agenda entry or a plan), or its
-- open case.
SELECT c.id FROM idle_case c
 WHERE c.allocation_id = :allocationId
   AND (c.closed_at IS NULL OR EXISTS (SELECT 1 FROM revival_plan_item pi WHERE pi.case_id = c.id)
        OR EXISTS (SELECT 1 FROM idle_diagnosis d WHERE d.case_id = c.id)
        OR EXISTS (SELECT 1 FROM working_group_agenda g WHERE g.case_id = c.id))
 ORDER BY c.id DESC LIMIT 1
