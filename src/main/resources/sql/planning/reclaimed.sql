-- Land reclaimed per province or estate (:groupBy) and UTC year, from the decision log's idle_case.reclaimed
-- events (a legacy record's in the year it happened): the plots each names and their geodesic area.
SELECT CASE WHEN :groupBy = 'province' THEN pr.code ELSE e.code END AS code,
       CAST(extract(year FROM d.happened_at AT TIME ZONE 'UTC') AS int) AS year,
       count(*) AS plots,
       sum(p.area_m2) AS area_m2
  FROM decision_event d
  CROSS JOIN LATERAL unnest(d.parcel_ids) AS x(parcel_id)
  JOIN parcel p ON p.id = x.parcel_id
  JOIN estate e ON e.id = p.estate_id
  JOIN province pr ON pr.id = e.province_id
 WHERE d.action = 'idle_case.reclaimed'
   AND (CAST(:estate AS text) IS NULL OR e.code = :estate)
   AND (CAST(:province AS text) IS NULL OR pr.code = :province)
 GROUP BY 1, 2
 ORDER BY 1, 2
