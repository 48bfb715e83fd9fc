-- Plot counts and areas by status for each province (:groupBy = 'province') or estate (anything else);
-- groups without plots appear once with a NULL status. From the kept totals (parcel_tally_now, R__parcel_tally.sql),
-- not a count of the plots.
SELECT CASE WHEN :groupBy = 'province' THEN pr.code ELSE e.code END AS code,
       CASE WHEN :groupBy = 'province' THEN pr.name ELSE e.name END AS name,
       CASE WHEN :groupBy = 'province' THEN pr.name_fa ELSE e.name_fa END AS name_fa,
       pr.code AS province,
       t.status,
       coalesce(sum(t.plots), 0) AS plots,
       coalesce(sum(t.area_m2), 0) AS area_m2
  FROM estate e
  JOIN province pr ON pr.id = e.province_id
  LEFT JOIN parcel_tally_now t ON t.estate_id = e.id
 WHERE (CAST(:estate AS text) IS NULL OR e.code = :estate)
   AND (CAST(:province AS text) IS NULL OR pr.code = :province)
 GROUP BY 1, 2, 3, 4, 5
 ORDER BY 1, 5
