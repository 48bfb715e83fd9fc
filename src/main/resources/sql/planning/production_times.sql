-- Per province or estate (:groupBy): allocations that reached production, and the sum of their days from the
-- allocation (its reservation.approved entry) to production (the first of: the plots logged IN_PRODUCTION, the
-- OPERATING_LICENCE milestone's date), all from the decision log's events (a legacy record as of the day it
-- happened).
WITH approved AS (
    SELECT CAST(d.public_details ->> 'allocationId' AS bigint) AS allocation_id, min(d.happened_at) AS since,
           min(d.estate_code) AS estate_code
      FROM decision_event d
     WHERE d.action = 'reservation.approved' AND d.public_details ->> 'allocationId' ~ '^[0-9]{1,18}$'
     GROUP BY 1
), produced AS (
    SELECT CAST(d.subject_id AS bigint) AS allocation_id,
           min(CASE WHEN d.action = 'allocation.milestone_reached' AND d.public_details ->> 'on' ~ '^\d{4}-\d{2}-\d{2}$'
                    THEN CAST(d.public_details ->> 'on' AS date)::timestamp AT TIME ZONE 'UTC'
                    ELSE d.happened_at END) AS at
      FROM decision_event d
     WHERE d.subject_type = 'allocation' AND d.subject_id ~ '^[0-9]{1,18}$'
       AND ((d.action = 'parcel.status_changed' AND d.to_state = 'IN_PRODUCTION')
         OR (d.action = 'allocation.milestone_reached' AND d.public_details ->> 'milestone' = 'OPERATING_LICENCE'))
     GROUP BY 1
)
SELECT CASE WHEN :groupBy = 'province' THEN pr.code ELSE e.code END AS code,
       count(*) AS allocations,
       sum(greatest(extract(epoch FROM p.at - a.since), 0)) / 86400.0 AS days
  FROM approved a
  JOIN produced p ON p.allocation_id = a.allocation_id
  JOIN estate e ON e.code = a.estate_code
  JOIN province pr ON pr.id = e.province_id
 WHERE (CAST(:estate AS text) IS NULL OR e.code = :estate)
   AND (CAST(:province AS text) IS NULL OR pr.code = :province)
 GROUP BY 1
