-- A plot is a valid polygon, lies inside its estate and overlaps no other plot; its area is geodesic (WGS84
-- spheroid), computed here and never typed in. Neighbours may share an edge; any shared area above a hundredth of a
-- square metre (survey noise) is an overlap, and so is a plot inside another. Geometry writers of one estate take
-- that estate's advisory lock, so concurrent writers are checked one after the other and can never both commit an
-- overlap. The trigger runs only when the geometry, the estate or the area is written, so a status change stays a
-- heap-only update (V431). An invalid or empty polygon is refused with SQLSTATE 23514 naming parcel_geom_valid.
CREATE OR REPLACE FUNCTION parcel_check_geometry() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    clash record;
BEGIN
    IF TG_OP = 'INSERT' OR NEW.geom IS DISTINCT FROM OLD.geom OR NEW.area_m2 IS DISTINCT FROM OLD.area_m2 THEN
        IF NOT ST_IsValid(NEW.geom) OR ST_IsEmpty(NEW.geom) THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'parcel_geom_valid',
                MESSAGE = format('plot %s is not a valid polygon (parcel_geom_valid): %s', NEW.plot_number,
                                 coalesce(ST_IsValidReason(NEW.geom), 'empty'));
        END IF;
        -- Geodesic area on the WGS84 spheroid, computed by the database and never typed in.
        NEW.area_m2 := ST_Area(NEW.geom::geography);
    END IF;
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

DROP TRIGGER IF EXISTS parcel_check_geometry ON parcel;
CREATE TRIGGER parcel_check_geometry
    BEFORE INSERT OR UPDATE OF geom, estate_id, area_m2 ON parcel
    FOR EACH ROW EXECUTE FUNCTION parcel_check_geometry();
