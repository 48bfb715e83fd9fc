-- The GeoJSON Feature of one item of each OGC API collection, in the CRS a request asked for (ogc_crs_output,
-- R__ogc_crs.sql); sql/ogc/items_page.sql calls ogc_feature on the rows of a page only. Overloaded by the item's
-- row type: a plot (parcel_public, its public properties with utilities as one comma-separated text, as GDAL and
-- QGIS read attributes), an estate, an entry of the idle register. (Its name sorts it after R__parcel_public.sql,
-- R__idle_register.sql and R__ogc_crs.sql, which make the types and functions it uses.)
CREATE OR REPLACE FUNCTION ogc_feature(v parcel_public, srid int, latitude_first boolean, decimals int)
    RETURNS json LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT json_build_object(
    'type', 'Feature',
    'id', v.id,
    'geometry', ST_AsGeoJSON(ogc_crs_output(v.geom, srid, latitude_first), decimals)::json,
    'properties', parcel_public_properties(v)::jsonb
                  || jsonb_build_object('utilities', array_to_string(v.utilities, ',')))
$$;

CREATE OR REPLACE FUNCTION ogc_feature(e estate, srid int, latitude_first boolean, decimals int)
    RETURNS json LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT json_build_object(
    'type', 'Feature',
    'id', e.code,
    'geometry', ST_AsGeoJSON(ogc_crs_output(e.boundary, srid, latitude_first), decimals)::json,
    'properties', json_build_object(
        'code', e.code,
        'name', e.name,
        'nameFa', e.name_fa,
        'kind', e.kind,
        'province', (SELECT pr.code FROM province pr WHERE pr.id = e.province_id),
        'operator', e.operator,
        'landPricePerM2', e.land_price_per_m2,
        'areaM2', round(e.area_m2::numeric),
        'createdAt', e.created_at))
$$;

CREATE OR REPLACE FUNCTION ogc_feature(v idle_register, srid int, latitude_first boolean, decimals int)
    RETURNS json LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT json_build_object(
    'type', 'Feature',
    'id', v.id,
    'geometry', ST_AsGeoJSON(ogc_crs_output(v.geom, srid, latitude_first), decimals)::json,
    'properties', idle_register_properties(v))
$$;
