-- Plots by status at the end of every month from :fromMonth to now (the current month ends :now), replayed from
-- the decision log. Each log entry that moves plots sets their status from its time on (reservation.* and
-- idle_case.* by their action, parcel.status_changed by to_state); before a plot's first such entry it had the
-- status that entry implies it came from. Rows with a NULL month are plots the log never moved: they count with
-- their current status in every month. Scoped to one estate or province when :estate or :province is set.
WITH ev AS (
    SELECT d.occurred_at AS at, d.seq, x.parcel_id,
           CASE d.action
               WHEN 'reservation.held' THEN 'RESERVED'
               WHEN 'reservation.submitted' THEN 'RESERVED'
               WHEN 'reservation.approved' THEN 'ALLOCATED'
               WHEN 'idle_case.opened' THEN 'IDLE'
               WHEN 'idle_case.notice_served' THEN 'RECLAIMING'
               WHEN 'idle_case.reclaimed' THEN 'AVAILABLE'
               WHEN 'parcel.status_changed' THEN d.to_state
               ELSE 'AVAILABLE' -- reservation.withdrawn, .rejected, .expired
           END AS status,
           CASE d.action
               WHEN 'reservation.held' THEN 'AVAILABLE'
               WHEN 'idle_case.opened' THEN 'ALLOCATED'
               WHEN 'idle_case.notice_served' THEN 'IDLE'
               WHEN 'idle_case.reclaimed' THEN 'RECLAIMING'
               WHEN 'parcel.status_changed' THEN CASE d.to_state
                   WHEN 'UNDER_CONSTRUCTION' THEN 'ALLOCATED'
                   WHEN 'IN_PRODUCTION' THEN 'UNDER_CONSTRUCTION'
                   WHEN 'RECLAIMING' THEN 'IDLE'
                   WHEN 'AVAILABLE' THEN 'RECLAIMING'
                   WHEN 'IDLE' THEN 'ALLOCATED'
                   ELSE 'IDLE' END -- back to a milestone status when a case closes
               ELSE 'RESERVED'
           END AS prior
      FROM decision d
      CROSS JOIN LATERAL unnest(d.parcel_ids) AS x(parcel_id)
     WHERE d.action IN ('reservation.held', 'reservation.submitted', 'reservation.approved', 'reservation.withdrawn',
                        'reservation.rejected', 'reservation.expired', 'idle_case.opened', 'idle_case.notice_served',
                        'idle_case.reclaimed', 'parcel.status_changed')
       AND (d.action <> 'parcel.status_changed' OR d.to_state IS NOT NULL)
       AND d.occurred_at <= :now
), ordered AS (
    SELECT parcel_id, at, status, prior,
           lead(at) OVER w AS until,
           row_number() OVER w AS n
      FROM ev
    WINDOW w AS (PARTITION BY parcel_id ORDER BY at, seq)
), spans AS (
    SELECT parcel_id, at AS since, until, status FROM ordered
    UNION ALL
    SELECT parcel_id, NULL, at, prior FROM ordered WHERE n = 1
), scope AS (
    SELECT p.id, p.status, p.area_m2
      FROM parcel p
      JOIN estate e ON e.id = p.estate_id
      JOIN province pr ON pr.id = e.province_id
     WHERE (CAST(:estate AS text) IS NULL OR e.code = :estate)
       AND (CAST(:province AS text) IS NULL OR pr.code = :province)
), months AS (
    SELECT m AS month, least((m + interval '1 month') AT TIME ZONE 'UTC', CAST(:now AS timestamptz)) AS t
      FROM generate_series(CAST(:fromMonth AS timestamp),
                           date_trunc('month', CAST(:now AS timestamptz) AT TIME ZONE 'UTC'),
                           interval '1 month') AS m
)
SELECT to_char(mo.month, 'YYYY-MM') AS month, mo.t AS as_of, s.status, count(*) AS plots, sum(p.area_m2) AS area_m2
  FROM months mo
  JOIN spans s ON (s.since IS NULL OR s.since < mo.t) AND (s.until IS NULL OR s.until >= mo.t)
  JOIN scope p ON p.id = s.parcel_id
 GROUP BY mo.month, mo.t, s.status
UNION ALL
SELECT NULL, NULL, p.status, count(*), sum(p.area_m2)
  FROM scope p
 WHERE NOT EXISTS (SELECT 1 FROM ev WHERE ev.parcel_id = p.id)
 GROUP BY p.status
 ORDER BY 1, 3
