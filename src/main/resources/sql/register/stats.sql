-- The revival headquarters' figures per province for :year — the one place they are counted (join new sources
-- here): cases opened (units idle) that year, diagnosed that year (idle_case_diagnosis), put under a revival plan
-- that year by the province's working group (an APPROVE_PLAN decision on the unit, working_group_agenda — an
-- officer's plan without the group does not count), revived and reclaimed that year (closed in it), the average days
-- from the idle day to revival, the causes found, and the province's target (revival_target) for the year.
WITH cases AS (
    SELECT c.id, c.state, c.opened_as_of, (c.closed_at AT TIME ZONE 'UTC')::date AS closed_on, e.province_id
      FROM idle_case c
      JOIN allocation a ON a.id = c.allocation_id
      JOIN estate e ON e.id = a.estate_id
     WHERE c.state <> 'DISMISSED'
),
planned AS (
    SELECT DISTINCT c.id, c.province_id
      FROM cases c
      JOIN working_group_agenda ag ON ag.case_id = c.id
     WHERE ag.decision = 'APPROVE_PLAN' AND extract(year FROM ag.decided_at AT TIME ZONE 'UTC') = :year
),
diagnosed AS (
    SELECT c.id, c.province_id, d.diagnosed_on, d.causes
      FROM cases c, idle_case_diagnosis(c.id) d
),
per_province AS (
    SELECT pr.id AS province_id,
           (SELECT count(*) FROM cases c WHERE c.province_id = pr.id
               AND extract(year FROM c.opened_as_of) = :year) AS idle,
           (SELECT count(*) FROM diagnosed d WHERE d.province_id = pr.id
               AND extract(year FROM d.diagnosed_on) = :year) AS diagnosed,
           (SELECT count(*) FROM planned p WHERE p.province_id = pr.id) AS under_plan,
           (SELECT count(*) FROM cases c WHERE c.province_id = pr.id AND c.state = 'REVIVED'
               AND extract(year FROM c.closed_on) = :year) AS revived,
           (SELECT count(*) FROM cases c WHERE c.province_id = pr.id AND c.state = 'RECLAIMED'
               AND extract(year FROM c.closed_on) = :year) AS reclaimed,
           (SELECT round(avg(c.closed_on - c.opened_as_of)) FROM cases c WHERE c.province_id = pr.id
               AND c.state = 'REVIVED' AND extract(year FROM c.closed_on) = :year) AS avg_days_to_revival,
           (SELECT json_object_agg(x.cause, x.n) FROM (
                SELECT cause, count(*) AS n FROM diagnosed d, unnest(d.causes) cause
                 WHERE d.province_id = pr.id AND extract(year FROM d.diagnosed_on) = :year GROUP BY cause) x)
               AS causes,
           (SELECT t.target FROM revival_target t WHERE t.province_id = pr.id AND t.year = :year) AS target
      FROM province pr
)
SELECT pr.code AS province, pr.name, pr.name_fa, p.idle, p.diagnosed, p.under_plan, p.revived, p.reclaimed,
       p.avg_days_to_revival, coalesce(p.causes, '{}')::text AS causes, p.target
  FROM per_province p JOIN province pr ON pr.id = p.province_id
 WHERE p.idle + p.diagnosed + p.under_plan + p.revived + p.reclaimed > 0 OR p.target IS NOT NULL
 ORDER BY pr.code
