-- Every AVAILABLE plot that matches an availability search: inside :areaWkt (covered by it), within
-- :radiusM metres of (:nearLon, :nearLat) on the spheroid, in an estate or province, plot filters, and
-- maximum geodesic distances to each kind of infrastructure line. With :contiguous, each row also lists its
-- neighbours from the adjacency graph the database keeps (parcel_adjacency, R__parcel_adjacency.sql: a shared
-- boundary segment of positive length; a shared corner alone does not join two plots). The caller keeps only
-- neighbours that match too, and merges the matches into blocks (Blocks.merge).
SELECT p.id,
       p.area_m2,
       p.price_per_m2,
       CASE WHEN CAST(:nearLon AS float8) IS NULL THEN NULL
            ELSE ST_Distance(p.geom::geography, ST_SetSRID(ST_MakePoint(:nearLon, :nearLat), 4326)::geography)
       END AS distance_m,
       CASE WHEN CAST(:contiguous AS boolean)
            THEN ARRAY(SELECT a.neighbour_id FROM parcel_adjacency a WHERE a.parcel_id = p.id)
       END AS neighbours
  FROM parcel p
  JOIN estate e ON e.id = p.estate_id
  JOIN province pr ON pr.id = e.province_id
 WHERE p.status = 'AVAILABLE'
   AND (CAST(:areaWkt AS text) IS NULL OR ST_CoveredBy(p.geom, ST_GeomFromText(:areaWkt, 4326)))
   AND (CAST(:nearLon AS float8) IS NULL
        OR ST_DWithin(p.geom::geography, ST_SetSRID(ST_MakePoint(:nearLon, :nearLat), 4326)::geography, :radiusM))
   AND (CAST(:estate AS text) IS NULL OR e.code = :estate)
   AND (CAST(:province AS text) IS NULL OR pr.code = :province)
   AND (CAST(:minArea AS float8) IS NULL OR p.area_m2 >= :minArea)
   AND (CAST(:maxArea AS float8) IS NULL OR p.area_m2 <= :maxArea)
   AND (CAST(:maxPrice AS bigint) IS NULL OR p.price_per_m2 <= :maxPrice)
   AND (cardinality(CAST(:landUses AS text[])) = 0 OR p.land_use = ANY (CAST(:landUses AS text[])))
   AND p.utilities @> CAST(:utilities AS text[])
   AND (CAST(:maxRoadM AS float8) IS NULL OR EXISTS (
        SELECT 1 FROM infrastructure_line l
         WHERE l.kind = 'road' AND ST_DWithin(l.geom::geography, p.geom::geography, :maxRoadM)))
   AND (CAST(:maxRailM AS float8) IS NULL OR EXISTS (
        SELECT 1 FROM infrastructure_line l
         WHERE l.kind = 'rail' AND ST_DWithin(l.geom::geography, p.geom::geography, :maxRailM)))
   AND (CAST(:maxPowerM AS float8) IS NULL OR EXISTS (
        SELECT 1 FROM infrastructure_line l
         WHERE l.kind = 'power' AND ST_DWithin(l.geom::geography, p.geom::geography, :maxPowerM)))
   AND (CAST(:maxGasM AS float8) IS NULL OR EXISTS (
        SELECT 1 FROM infrastructure_line l
         WHERE l.kind = 'gas' AND ST_DWithin(l.geom::geography, p.geom::geography, :maxGasM)))
   AND (CAST(:maxWaterM AS float8) IS NULL OR EXISTS (
        SELECT 1 FROM infrastructure_line l
         WHERE l.kind = 'water' AND ST_DWithin(l.geom::geography, p.geom::geography, :maxWaterM)))
