-- A plot's public fields, defined once: the view parcel_public gives them as columns (plus estate_id and geom, for
-- joins, filters and drawing) and parcel_public_properties turns one row of it into the GeoJSON properties object.
-- Every reader uses them — the map's search and one plot (sql/parcel/*), the availability search and its export
-- (sql/planning/plot_features.sql, export_plots.sql), the OGC API (sql/ogc/parcels.sql), the vector tiles
-- (sql/tiles/parcels.sql) and the exports (sql/parcelimport/export.sql).
-- Both are inlined by PostgreSQL into each query (a plain view; a LANGUAGE sql function of one expression): a reader
-- pays only for the columns it reads, a bbox filter on geom still uses parcel_geom_gix, and a page builds the
-- properties of its own plots only.
CREATE OR REPLACE VIEW parcel_public AS
SELECT p.id,
       p.estate_id,
       p.geom,
       p.plot_number,
       e.code AS estate,
       e.name AS estate_name,
       e.name_fa AS estate_name_fa,
       p.area_m2,
       round(p.area_m2::numeric, 1) AS area_m2_rounded,
       p.land_use,
       p.price_per_m2,
       round(p.area_m2 * p.price_per_m2)::bigint AS price,
       p.utilities,
       p.status,
       p.updated_at
  FROM parcel p
  JOIN estate e ON e.id = p.estate_id;

-- Not STRICT and no SET clause, so that the planner can inline it.
CREATE OR REPLACE FUNCTION parcel_public_properties(v parcel_public) RETURNS json
    LANGUAGE sql STABLE PARALLEL SAFE AS
$$
SELECT json_build_object(
           'id', v.id,
           'plotNumber', v.plot_number,
           'estate', v.estate,
           'estateName', v.estate_name,
           'estateNameFa', v.estate_name_fa,
           'areaM2', v.area_m2_rounded,
           'landUse', v.land_use,
           'pricePerM2', v.price_per_m2,
           'price', v.price,
           'utilities', v.utilities,
           'status', v.status,
           'updatedAt', v.updated_at)
$$;
