-- The full recount of the history: plots by estate and status at the end of every month from :from to the month
-- of :now, replayed from the whole decision log (history_replay, R__planning_history.sql), for the estates :estates.
SELECT to_char(r.month, 'YYYY-MM') AS month, e.code AS estate, r.status, sum(r.plots) AS plots,
       CAST(sum(r.area_m2) AS float8) AS area_m2
  FROM history_replay(CAST(:from AS date),
                      CAST(date_trunc('month', CAST(:now AS timestamptz) AT TIME ZONE 'UTC') AS date),
                      CAST(:now AS timestamptz),
                      (SELECT array_agg(id) FROM estate WHERE code = ANY (:estates))) r
  JOIN estate e ON e.id = r.estate_id
 GROUP BY r.month, e.code, r.status
 ORDER BY 1, 2, 3
