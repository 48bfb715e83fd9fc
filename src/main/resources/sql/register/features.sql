-- A page of the public idle register (idle_register, R__idle_register.sql) as GeoJSON Features, filtered by
-- estate, province and stage, ordered by case and plot; with how many match in all.
WITH matched AS (
    SELECT v.id, v.case_id, v.parcel_id, v AS entry
      FROM idle_register v
     WHERE (CAST(:estate AS text) IS NULL OR v.estate = :estate)
       AND (CAST(:province AS text) IS NULL OR v.province = :province)
       AND (CAST(:stage AS text) IS NULL OR v.stage = :stage)
),
page AS (
    SELECT * FROM matched ORDER BY case_id, parcel_id LIMIT :limit OFFSET :offset
)
SELECT (SELECT count(*) FROM matched) AS number_matched,
       (SELECT coalesce(json_agg(json_build_object(
                   'type', 'Feature',
                   'id', id,
                   'geometry', ST_AsGeoJSON((entry).geom, 6)::json,
                   'properties', idle_register_properties(entry)) ORDER BY case_id, parcel_id), '[]')
          FROM page)::text AS features
