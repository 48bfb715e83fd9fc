-- Per sample province, the first case the working group put under a revival plan: the unit the sample brings back into
-- production; with its allocation, estate and that province's demo officer (none when the demo accounts are missing).
SELECT DISTINCT ON (e.province_id) c.id, c.allocation_id, e.code, u.id AS officer_id, u.email AS officer_email
  FROM idle_case c
  JOIN working_group_agenda g ON g.case_id = c.id AND g.decision = 'APPROVE_PLAN'
  JOIN allocation a ON a.id = c.allocation_id
  JOIN estate e ON e.id = a.estate_id
  JOIN users u ON u.role = 'OFFICER' AND u.email = CASE WHEN e.code LIKE 'QZV-%' THEN 'officer.qazvin@demo.zamin.ir'
                                                        ELSE 'officer@demo.zamin.ir' END
 WHERE c.state = 'REVIVAL_PLAN' AND NOT c.sub_judice AND e.code LIKE ANY (CAST(:samples AS text[]))
 ORDER BY e.province_id, c.id
