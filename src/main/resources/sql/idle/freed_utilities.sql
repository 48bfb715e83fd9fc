-- For each utility the allocation's plots are connected to, the estate's capacity in proportion to their share of
-- the connected area (plots have no metered demand).
WITH mine AS (
    SELECT p.* FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id WHERE ap.allocation_id = :id
), u AS (SELECT DISTINCT unnest(utilities) AS utility FROM mine)
SELECT u.utility,
       (e.utilities -> u.utility ->> 'unit') AS unit,
       round(((e.utilities -> u.utility ->> 'capacity')::numeric
              * (SELECT sum(area_m2) FROM mine WHERE u.utility = ANY(utilities))::numeric
              / nullif((SELECT sum(area_m2) FROM parcel q
                         WHERE q.estate_id = e.id AND u.utility = ANY(q.utilities)), 0)::numeric), 2)
           AS capacity
  FROM u, estate e
 WHERE e.id = (SELECT estate_id FROM mine LIMIT 1)
   AND (e.utilities -> u.utility) IS NOT NULL
 ORDER BY u.utility
