-- One plot as a GeoJSON Feature with its public properties (parcel_public and parcel_public_properties,
-- R__parcel_public.sql).
SELECT json_build_object(
           'type', 'Feature',
           'id', v.id,
           'geometry', ST_AsGeoJSON(ST_ForcePolygonCCW(v.geom), 7)::json,
           'properties', parcel_public_properties(v))::text
  FROM parcel_public v
 WHERE v.id = :id
