-- Every problem the database finds, one row each: feature number, code, detail, location (WKT), an amount
-- (m² or metres) and the other party (feature or plot).
WITH e AS (
    SELECT boundary,
           ST_Expand(boundary::box2d::geometry,
                     greatest(ST_XMax(boundary) - ST_XMin(boundary), ST_YMax(boundary) - ST_YMin(boundary))) AS extent
      FROM estate WHERE id = :estateId
)
SELECT f.n, 'invalid_geometry' AS code, d.reason AS detail, ST_AsText(d.location) AS location,
       NULL::float8 AS amount, NULL::text AS other
  FROM import_feature f, LATERAL ST_IsValidDetail(f.src) d
 WHERE NOT ST_IsValid(f.src)
UNION ALL
SELECT f.n, 'reprojection_failed', NULL, NULL, NULL, NULL
  FROM import_feature f WHERE ST_IsValid(f.src) AND NOT f.ok
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
SELECT a.n, 'overlaps_feature', NULL, ST_AsText(ST_PointOnSurface(ST_Intersection(a.geom, b.geom))),
       ST_Area(ST_Intersection(a.geom, b.geom)::geography), '#' || b.n || ' (' || coalesce(b.plot_number, '?') || ')'
  FROM import_feature a
  JOIN import_feature b ON a.n <> b.n AND a.geom && b.geom
 WHERE a.ok AND b.ok AND ST_Relate(a.geom, b.geom, '2********')
   AND ST_Area(ST_Intersection(a.geom, b.geom)::geography) > 0.01
UNION ALL
SELECT f.n, 'overlaps_plot', NULL, ST_AsText(ST_PointOnSurface(ST_Intersection(f.geom, p.geom))),
       ST_Area(ST_Intersection(f.geom, p.geom)::geography), p.plot_number || ' (' || p.status || ')'
  FROM import_feature f
  JOIN parcel p ON p.estate_id = :estateId AND p.geom && f.geom
 WHERE f.ok
   AND NOT EXISTS (SELECT 1 FROM import_feature g WHERE g.plot_number = p.plot_number)
   AND ST_Relate(f.geom, p.geom, '2********')
   AND ST_Area(ST_Intersection(f.geom, p.geom)::geography) > 0.01
ORDER BY 1, 2
