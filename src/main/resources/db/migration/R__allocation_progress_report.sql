-- Progress reports are written by the allocation's holder, in the investor role, and by no one else: an officer or
-- admin cannot post one in the holder's name, whatever the service asks. Rows from before this rule keep their
-- recorded author (V510); the rule applies to every new or re-attributed row.
CREATE OR REPLACE FUNCTION progress_report_by_holder() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.author_role IS DISTINCT FROM 'investor'
       OR NEW.created_by IS DISTINCT FROM (SELECT a.investor_id FROM allocation a WHERE a.id = NEW.allocation_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'progress_report_by_holder',
            MESSAGE = format('progress reports on allocation %s are written by its holder', NEW.allocation_id);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS progress_report_by_holder ON progress_report;
CREATE TRIGGER progress_report_by_holder
    BEFORE INSERT OR UPDATE OF allocation_id, created_by, author_role ON progress_report
    FOR EACH ROW EXECUTE FUNCTION progress_report_by_holder();
