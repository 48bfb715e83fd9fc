-- The GeoJSON Features of the plots :ids, in that order: each plot's public properties (parcel_public and
-- parcel_public_properties, R__parcel_public.sql) with its province, its geodesic distance to the search centre
-- (when there is one) and to the nearest line of each infrastructure kind in :infraKinds.
SELECT coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'id', v.id,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(v.geom), 7)::json,
           'properties', parcel_public_properties(v)::jsonb || jsonb_build_object(
               'province', pr.code,
               'distanceM', CASE WHEN CAST(:nearLon AS float8) IS NULL THEN NULL ELSE round(ST_Distance(
                   v.geom::geography, ST_SetSRID(ST_MakePoint(:nearLon, :nearLat), 4326)::geography)::numeric, 1) END,
               'infraDistanceM', (SELECT json_object_agg(k.kind, (
                                      SELECT round(min(ST_Distance(l.geom::geography, v.geom::geography))::numeric, 1)
                                        FROM infrastructure_line l
                                       WHERE l.kind = k.kind
                                         AND ST_DWithin(l.geom::geography, v.geom::geography, k.max_m)))
                                    FROM unnest(CAST(:infraKinds AS text[]), CAST(:infraMaxM AS float8[])) AS k(kind, max_m))
           )) ORDER BY o.ord), '[]')::text
  FROM unnest(CAST(:ids AS bigint[])) WITH ORDINALITY AS o(id, ord)
  JOIN parcel_public v ON v.id = o.id
  JOIN estate e ON e.id = v.estate_id
  JOIN province pr ON pr.id = e.province_id
