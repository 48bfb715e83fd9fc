-- What the idle rules need of every active allocation, one row each, aggregated with hash joins rather than a
-- lookup per allocation: milestones, electricity in the rules' window, the last inspection and report on or before
-- the scan day, and the open case (with whether its revival plan was missed). An officer's scan covers only the
-- estates they manage (:scoped, :estates); the daily scan and admins cover all.
WITH m AS (
    SELECT allocation_id, array_agg(kind) AS kinds, array_agg(deadline) AS deadlines,
           array_agg(achieved_on) AS achieved
      FROM milestone GROUP BY allocation_id
), r AS (
    SELECT allocation_id, array_agg(month) AS months, array_agg(electricity_kwh) AS kwh
      FROM utility_reading
     WHERE month >= :windowStart AND month < :windowEnd
     GROUP BY allocation_id
), i AS (
    SELECT DISTINCT ON (allocation_id) allocation_id, inspected_on, finding
      FROM inspection
     WHERE inspected_on <= :asOf
     ORDER BY allocation_id, inspected_on DESC, id DESC
), pr AS (
    SELECT allocation_id, max(reported_on) AS last_report
      FROM progress_report WHERE reported_on <= :asOf GROUP BY allocation_id
), oc AS (
    SELECT c.id, c.allocation_id, c.state, c.score, c.evidence::text AS evidence, c.sub_judice,
           (SELECT min(revival_item_effective_due(pi, CAST(:asOf AS date))) FROM revival_plan_item pi
             WHERE pi.case_id = c.id AND pi.met_on IS NULL AND pi.agency = 'HOLDER'
               AND revival_item_effective_due(pi, CAST(:asOf AS date)) < :asOf) AS plan_missed_since
      FROM idle_case c
     WHERE c.state IN ('OPEN', 'NOTICE_SERVED', 'REVIVAL_PLAN')
)
SELECT a.id, c.signed_on, e.kind AS estate_kind, e.code AS estate_code,
       m.kinds, m.deadlines, m.achieved, r.months, r.kwh, i.inspected_on, i.finding, pr.last_report,
       oc.id AS case_id, oc.state AS case_state, oc.score AS case_score, oc.evidence AS case_evidence,
       oc.sub_judice, oc.plan_missed_since
  FROM allocation a
  JOIN allocation_contract c ON c.allocation_id = a.id
  JOIN estate e ON e.id = a.estate_id
  LEFT JOIN m ON m.allocation_id = a.id
  LEFT JOIN r ON r.allocation_id = a.id
  LEFT JOIN i ON i.allocation_id = a.id
  LEFT JOIN pr ON pr.allocation_id = a.id
  LEFT JOIN oc ON oc.allocation_id = a.id
 WHERE a.status = 'ACTIVE'
   AND c.signed_on <= :asOf
   AND (NOT :scoped OR e.code = ANY(CAST(:estates AS text[])))
