-- The public idle register as rows for the CSV download (the same view as the page and the OGC collection), with
-- the plot's centroid in WGS 84.
SELECT v.id, v.case_id, v.estate, v.estate_name, v.estate_name_fa, v.province, v.plot_number, v.area_m2,
       v.idle_since, v.stage, v.warnings, v.government_caused, v.outcome, v.closed_on, v.holder_organisation,
       round(ST_X(ST_PointOnSurface(v.geom))::numeric, 6) AS lon, round(ST_Y(ST_PointOnSurface(v.geom))::numeric, 6) AS lat
  FROM idle_register v
 WHERE (CAST(:estate AS text) IS NULL OR v.estate = :estate)
   AND (CAST(:province AS text) IS NULL OR v.province = :province)
   AND (CAST(:stage AS text) IS NULL OR v.stage = :stage)
 ORDER BY v.case_id, v.parcel_id
 LIMIT :limit
