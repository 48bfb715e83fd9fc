-- Plots by province and status at the end of every month from :fromMonth to :currentMonth: closed months from their
-- snapshots (history_snapshot, R__planning_history.sql), any closed month not taken yet replayed from the decision
-- log (history_replay), and the current month (ending :now) from the kept tallies (parcel_tally_now). Scoped to one
-- estate or province when :estate or :province is set.
WITH scope AS (
    SELECT e.id, pr.code AS province
      FROM estate e
      JOIN province pr ON pr.id = e.province_id
     WHERE (CAST(:estate AS text) IS NULL OR e.code = :estate)
       AND (CAST(:province AS text) IS NULL OR pr.code = :province)
), missing AS (
    SELECT m::date AS month
      FROM generate_series(CAST(:fromMonth AS timestamp), CAST(:currentMonth AS timestamp) - interval '1 month',
                           interval '1 month') AS m
     WHERE NOT EXISTS (SELECT 1 FROM history_snapshot_month s WHERE s.month = m::date)
), counted AS (
    SELECT s.month, s.estate_id, s.status, s.plots, s.area_m2
      FROM history_snapshot s
     WHERE s.month >= CAST(:fromMonth AS date) AND s.month < CAST(:currentMonth AS date)
    UNION ALL
    SELECT r.month, r.estate_id, r.status, r.plots, r.area_m2
      FROM (SELECT min(month) AS lo, max(month) AS hi FROM missing) mm
      CROSS JOIN LATERAL history_replay(mm.lo, mm.hi, CAST(:now AS timestamptz),
                                        CASE WHEN CAST(:estate AS text) IS NULL AND CAST(:province AS text) IS NULL
                                             THEN NULL ELSE (SELECT array_agg(id) FROM scope) END) r
     WHERE r.month IN (SELECT month FROM missing)
    UNION ALL
    SELECT CAST(:currentMonth AS date), t.estate_id, t.status, t.plots, CAST(t.area_m2 AS numeric)
      FROM parcel_tally_now t
)
SELECT to_char(c.month, 'YYYY-MM') AS month, sc.province, c.status, sum(c.plots) AS plots,
       CAST(sum(c.area_m2) AS float8) AS area_m2
  FROM counted c
  JOIN scope sc ON sc.id = c.estate_id
 GROUP BY c.month, sc.province, c.status
 ORDER BY 1, 2, 3
