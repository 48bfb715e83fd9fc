-- Kept true by the database: only idle plots carry idle_since; a plot that becomes idle is idle from today
-- unless the writer says since when; leaving IDLE clears it.
CREATE OR REPLACE FUNCTION parcel_track_idle_since() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.status <> 'IDLE' THEN
        NEW.idle_since := NULL;
    ELSIF NEW.idle_since IS NULL THEN
        NEW.idle_since := current_date;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS parcel_track_idle_since ON parcel;
CREATE TRIGGER parcel_track_idle_since
    BEFORE INSERT OR UPDATE OF status, idle_since ON parcel
    FOR EACH ROW EXECUTE FUNCTION parcel_track_idle_since();
