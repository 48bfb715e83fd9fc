-- An attachment's distance from the plots it is about (the plots of the allocation its inspection or report
-- concerns), in metres on the spheroid, whenever its location is written; NULL without a location.
CREATE OR REPLACE FUNCTION attachment_distance() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.location IS NULL THEN
        NEW.distance_m := NULL;
        RETURN NEW;
    END IF;
    SELECT min(ST_Distance(p.geom::geography, NEW.location::geography))
      INTO NEW.distance_m
      FROM allocation_parcel ap
      JOIN parcel p ON p.id = ap.parcel_id
     WHERE ap.allocation_id = coalesce(
               (SELECT i.allocation_id FROM inspection i WHERE i.id = NEW.inspection_id),
               (SELECT r.allocation_id FROM progress_report r WHERE r.id = NEW.report_id));
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS attachment_distance ON attachment;
CREATE TRIGGER attachment_distance BEFORE INSERT OR UPDATE OF location ON attachment
    FOR EACH ROW EXECUTE FUNCTION attachment_distance();
