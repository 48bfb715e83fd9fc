-- The GeoJSON Features of the plots :ids, in that order, each with its geodesic distance to the search
-- centre (when there is one) and to the nearest line of each infrastructure kind in :infraKinds.
SELECT coalesce(json_agg(json_build_object(
           'type', 'Feature',
           'id', p.id,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), 7)::json,
           'properties', json_build_object(
               'id', p.id,
               'plotNumber', p.plot_number,
               'estate', e.code,
               'estateName', e.name,
               'estateNameFa', e.name_fa,
               'province', pr.code,
               'areaM2', round(p.area_m2::numeric, 1),
               'landUse', p.land_use,
               'pricePerM2', p.price_per_m2,
               'price', round(p.area_m2 * p.price_per_m2)::bigint,
               'utilities', p.utilities,
               'status', p.status,
               'distanceM', CASE WHEN CAST(:nearLon AS float8) IS NULL THEN NULL ELSE round(ST_Distance(
                   p.geom::geography, ST_SetSRID(ST_MakePoint(:nearLon, :nearLat), 4326)::geography)::numeric, 1) END,
               'infraDistanceM', (SELECT json_object_agg(k.kind, (
                                      SELECT round(min(ST_Distance(l.geom::geography, p.geom::geography))::numeric, 1)
                                        FROM infrastructure_line l
                                       WHERE l.kind = k.kind
                                         AND ST_DWithin(l.geom::geography, p.geom::geography, k.max_m)))
                                    FROM unnest(CAST(:infraKinds AS text[]), CAST(:infraMaxM AS float8[])) AS k(kind, max_m))
           )) ORDER BY o.ord), '[]')::text
  FROM unnest(CAST(:ids AS bigint[])) WITH ORDINALITY AS o(id, ord)
  JOIN parcel p ON p.id = o.id
  JOIN estate e ON e.id = p.estate_id
  JOIN province pr ON pr.id = e.province_id
