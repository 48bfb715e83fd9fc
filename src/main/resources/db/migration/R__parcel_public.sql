-- A plot's public fields: the one definition every reader uses — the map's search and one plot
-- (sql/parcel/*), the availability search (sql/planning/plot_features.sql, export_plots.sql), the OGC API
-- (sql/ogc/parcels.sql), the vector tiles (sql/tiles/parcels.sql) and the exports (sql/parcelimport/export.sql).
-- `properties` is the GeoJSON properties object; the plain columns are the same values for filtering, ordering,
-- tiles and file exports, plus estate_id and geom. A plain view, so PostgreSQL inlines it into each query: a
-- reader pays only for the columns it reads, and a bbox filter on geom still uses parcel_geom_gix.
CREATE OR REPLACE VIEW parcel_public AS
SELECT f.*,
       json_build_object(
           'id', f.id,
           'plotNumber', f.plot_number,
           'estate', f.estate,
           'estateName', f.estate_name,
           'estateNameFa', f.estate_name_fa,
           'areaM2', f.area_m2_rounded,
           'landUse', f.land_use,
           'pricePerM2', f.price_per_m2,
           'price', f.price,
           'utilities', f.utilities,
           'status', f.status,
           'updatedAt', f.updated_at) AS properties
  FROM (SELECT p.id,
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
          JOIN estate e ON e.id = p.estate_id) f;
