-- Vacant blocks as GeoJSON Features: block :blockNos[i] holds plot :plotIds[i]. Each block's geometry is the
-- union of its plots; its area is the sum of their geodesic areas (plots do not overlap).
SELECT coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'id', b.block_no,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(b.geom), 7)::json,
           'properties', json_build_object(
               'block', b.block_no,
               'areaM2', round(b.area_m2::numeric, 1),
               'plotCount', b.plot_count,
               'plotIds', b.plot_ids,
               'plotNumbers', b.plot_numbers,
               'estates', b.estates,
               'distanceM', CASE WHEN CAST(:nearLon AS float8) IS NULL THEN NULL ELSE round(ST_Distance(
                   b.geom::geography, ST_SetSRID(ST_MakePoint(:nearLon, :nearLat), 4326)::geography)::numeric, 1) END)
           ) ORDER BY b.block_no), '[]')::text
  FROM (SELECT m.block_no,
               ST_Union(p.geom) AS geom,
               sum(p.area_m2) AS area_m2,
               count(*) AS plot_count,
               array_agg(p.id ORDER BY p.id) AS plot_ids,
               array_agg(p.plot_number ORDER BY p.id) AS plot_numbers,
               array_agg(DISTINCT e.code) AS estates
          FROM unnest(CAST(:plotIds AS bigint[]), CAST(:blockNos AS int[])) AS m(plot_id, block_no)
          JOIN parcel p ON p.id = m.plot_id
          JOIN estate e ON e.id = p.estate_id
         GROUP BY m.block_no) b
