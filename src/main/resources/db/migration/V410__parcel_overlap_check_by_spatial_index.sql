-- The plot trigger's overlap lookup now always goes through the spatial index. With "p.estate_id = NEW.estate_id"
-- the planner, estimating from statistics taken while an estate was empty, looked the neighbours up through the
-- (estate_id, status) index instead and then tested every plot of the estate: a bulk insert into a new estate
-- (an import of 100,000 plots) became quadratic. Writing the estate test so that no b-tree index can serve it
-- ("+ 0") leaves the bounding-box search on parcel_geom_gix, whose cost does not grow with the estate. The rules
-- checked are unchanged.
CREATE OR REPLACE FUNCTION parcel_check_geometry() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    clash record;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.geom = OLD.geom AND NEW.estate_id = OLD.estate_id THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('zamin.parcel.geometry'), NEW.estate_id);
    IF NOT EXISTS (SELECT 1 FROM estate e WHERE e.id = NEW.estate_id AND ST_CoveredBy(NEW.geom, e.boundary)) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'parcel_inside_estate',
            MESSAGE = format('plot %s is not inside its estate boundary', NEW.plot_number);
    END IF;
    SELECT p.plot_number, ST_Area(ST_Intersection(p.geom, NEW.geom)::geography) AS overlap_m2 INTO clash
      FROM parcel p
     WHERE p.geom && NEW.geom
       AND p.estate_id + 0 = NEW.estate_id
       AND p.id <> NEW.id
       AND ST_Relate(p.geom, NEW.geom, '2********')
       AND ST_Area(ST_Intersection(p.geom, NEW.geom)::geography) > 0.01
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'parcel_no_overlap',
            MESSAGE = format('plot %s overlaps plot %s by %s m²', NEW.plot_number, clash.plot_number,
                             round(clash.overlap_m2::numeric, 2));
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
