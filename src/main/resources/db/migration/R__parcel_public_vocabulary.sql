-- A plot's status and utilities are codes of the vocabularies vocabulary_plot_status and vocabulary_utility
-- (V440). No foreign key can check an array, and the status changes too often to share-lock its lookup row on
-- every write, so this trigger checks both; an unknown code is refused with SQLSTATE 23514 (check_violation), naming
-- the constraint parcel_status_known or parcel_utilities_known. Land use and estate kind are foreign keys (V440).
CREATE OR REPLACE FUNCTION parcel_check_vocabulary() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    unknown text;
BEGIN
    IF (TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status)
       AND NOT EXISTS (SELECT 1 FROM vocabulary_plot_status s WHERE s.code = NEW.status) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'parcel_status_known',
            TABLE = 'parcel', COLUMN = 'status',
            MESSAGE = format('plot %s: status %s is not a plot status (vocabulary_plot_status)',
                             NEW.plot_number, NEW.status);
    END IF;
    IF TG_OP = 'INSERT' OR NEW.utilities IS DISTINCT FROM OLD.utilities THEN
        SELECT coalesce(u, 'NULL') INTO unknown
          FROM unnest(NEW.utilities) AS u
         WHERE NOT EXISTS (SELECT 1 FROM vocabulary_utility v WHERE v.code = u)
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'parcel_utilities_known',
                TABLE = 'parcel', COLUMN = 'utilities',
                MESSAGE = format('plot %s: utility %s is not a utility (vocabulary_utility)', NEW.plot_number, unknown);
        END IF;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS parcel_check_vocabulary ON parcel;
CREATE TRIGGER parcel_check_vocabulary
    BEFORE INSERT OR UPDATE OF status, utilities ON parcel
    FOR EACH ROW EXECUTE FUNCTION parcel_check_vocabulary();

-- A status or utility code that plots still use cannot be removed or renamed (what a foreign key would refuse).
CREATE OR REPLACE FUNCTION vocabulary_keep_used_code() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.code = OLD.code THEN
        RETURN NEW;
    END IF;
    IF (TG_TABLE_NAME = 'vocabulary_plot_status' AND EXISTS (SELECT 1 FROM parcel WHERE status = OLD.code))
       OR (TG_TABLE_NAME = 'vocabulary_utility' AND EXISTS (SELECT 1 FROM parcel WHERE utilities @> ARRAY[OLD.code])) THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation', TABLE = TG_TABLE_NAME,
            MESSAGE = format('%s is still used by plots; it cannot leave %s', OLD.code, TG_TABLE_NAME);
    END IF;
    RETURN coalesce(NEW, OLD);
END
$$;

DROP TRIGGER IF EXISTS vocabulary_keep_used_code ON vocabulary_plot_status;
CREATE TRIGGER vocabulary_keep_used_code
    BEFORE UPDATE OF code OR DELETE ON vocabulary_plot_status
    FOR EACH ROW EXECUTE FUNCTION vocabulary_keep_used_code();

DROP TRIGGER IF EXISTS vocabulary_keep_used_code ON vocabulary_utility;
CREATE TRIGGER vocabulary_keep_used_code
    BEFORE UPDATE OF code OR DELETE ON vocabulary_utility
    FOR EACH ROW EXECUTE FUNCTION vocabulary_keep_used_code();
