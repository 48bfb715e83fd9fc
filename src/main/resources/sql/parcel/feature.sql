-- One plot as a GeoJSON Feature with its public properties.
SELECT json_build_object(
           'type', 'Feature',
           'id', p.id,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(p.geom), 7)::json,
           'properties', json_build_object(
               'id', p.id,
               'plotNumber', p.plot_number,
               'estate', e.code,
               'estateName', e.name,
               'estateNameFa', e.name_fa,
               'areaM2', round(p.area_m2::numeric, 1),
               'landUse', p.land_use,
               'pricePerM2', p.price_per_m2,
               'price', round(p.area_m2 * p.price_per_m2)::bigint,
               'utilities', p.utilities,
               'status', p.status,
               'updatedAt', p.updated_at))::text
  FROM parcel p
  JOIN estate e ON e.id = p.estate_id
 WHERE p.id = :id
