-- Estates never overlap one another, and a new boundary never leaves a plot outside. Writers of estate geometry
-- take one advisory lock, so two concurrent inserts cannot both pass the check.
CREATE OR REPLACE FUNCTION estate_check_boundary() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    other text;
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.boundary = OLD.boundary THEN
        RETURN NEW;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('zamin.estate.boundary'));
    SELECT e.code INTO other
      FROM estate e
     WHERE e.id <> NEW.id
       AND e.boundary && NEW.boundary
       AND ST_Relate(e.boundary, NEW.boundary, '2********')
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'exclusion_violation', CONSTRAINT = 'estate_no_overlap',
            MESSAGE = format('estate %s overlaps estate %s', NEW.code, other);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT p.plot_number INTO other
          FROM parcel p
         WHERE p.estate_id = NEW.id AND NOT ST_CoveredBy(p.geom, NEW.boundary)
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'parcel_inside_estate',
                MESSAGE = format('the new boundary of estate %s leaves plot %s outside', NEW.code, other);
        END IF;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS estate_check_boundary ON estate;
CREATE TRIGGER estate_check_boundary
    BEFORE INSERT OR UPDATE OF boundary ON estate
    FOR EACH ROW EXECUTE FUNCTION estate_check_boundary();
