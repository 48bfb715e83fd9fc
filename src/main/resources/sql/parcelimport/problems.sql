-- Every problem the database finds, one row each: feature number, code, detail, location (WKT), an amount
-- (m² or metres) and the other party (feature or plot).
WITH e AS (
    SELECT boundary,
           ST_Expand(boundary::box2d::geometry,
                     greatest(ST_XMax(boundary) - ST_XMin(boundary), ST_YMax(boundary) - ST_YMin(boundary))) AS extent
      FROM estate WHERE id = :estateId
),
-- Each overlapping pair of the file's features once (the relate test is the costly part), reported for both
-- features below. "b.n - a.n > 0" rather than "a.n < b.n": written so, the planner cannot turn it into a range scan
-- of the primary key (half the table per feature) and finds the neighbours through the spatial index alone.
overlap AS (
    SELECT a.n AS a_n, a.plot_number AS a_plot, b.n AS b_n, b.plot_number AS b_plot,
           ST_AsText(ST_PointOnSurface(x.geom)) AS location, ST_Area(x.geom::geography) AS m2
      FROM import_feature a
      JOIN import_feature b ON a.geom && b.geom AND b.n - a.n > 0,
           LATERAL (SELECT ST_Intersection(a.geom, b.geom) AS geom) x
     WHERE a.ok AND b.ok AND ST_Relate(a.geom, b.geom, '2********')
       AND ST_Area(x.geom::geography) > 0.01
)
SELECT f.n, 'invalid_geometry' AS code, d.reason AS detail, ST_AsText(d.location) AS location,
       NULL::float8 AS amount, NULL::text AS other
  FROM import_feature f, LATERAL ST_IsValidDetail(f.src) d
 WHERE f.geom IS NULL AND NOT d.valid
UNION ALL
SELECT f.n, 'reprojection_failed', NULL, NULL, NULL, NULL
  FROM import_feature f WHERE NOT f.ok AND (f.geom IS NOT NULL OR ST_IsValid(f.src))
UNION ALL
SELECT f.n, CASE WHEN ST_FlipCoordinates(f.geom) && e.extent THEN 'swapped_coordinates' ELSE 'outside_extent' END,
       NULL, ST_AsText(ST_PointOnSurface(f.geom)), ST_Distance(f.geom::geography, e.boundary::geography), NULL
  FROM import_feature f, e
 WHERE f.ok AND NOT (f.geom && e.extent)
UNION ALL
SELECT f.n, 'outside_estate', NULL, ST_AsText(ST_PointOnSurface(ST_Difference(f.geom, e.boundary))),
       ST_Area(ST_Difference(f.geom, e.boundary)::geography), NULL
  FROM import_feature f, e
 WHERE f.ok AND f.geom && e.extent AND NOT ST_CoveredBy(f.geom, e.boundary)
UNION ALL
SELECT a_n, 'overlaps_feature', NULL, location, m2, '#' || b_n || ' (' || coalesce(b_plot, '?') || ')'
  FROM overlap
UNION ALL
SELECT b_n, 'overlaps_feature', NULL, location, m2, '#' || a_n || ' (' || coalesce(a_plot, '?') || ')'
  FROM overlap
UNION ALL
SELECT f.n, 'overlaps_plot', NULL, ST_AsText(ST_PointOnSurface(ST_Intersection(f.geom, p.geom))),
       ST_Area(ST_Intersection(f.geom, p.geom)::geography), p.plot_number || ' (' || p.status || ')'
  FROM import_feature f
  JOIN parcel p ON p.geom && f.geom AND p.estate_id + 0 = :estateId  -- "+ 0": by the spatial index, as in the trigger
 WHERE f.ok
   AND NOT EXISTS (SELECT 1 FROM import_feature g WHERE g.plot_number = p.plot_number)
   AND ST_Relate(f.geom, p.geom, '2********')
   AND ST_Area(ST_Intersection(f.geom, p.geom)::geography) > 0.01
ORDER BY 1, 2
