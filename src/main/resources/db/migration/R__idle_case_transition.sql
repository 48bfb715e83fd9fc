-- Legal transitions only (REVIVED only from a revival plan whose holder items are all met); a sub judice case keeps its state until the stay is lifted; a closed case is final.
CREATE OR REPLACE FUNCTION idle_case_check_transition() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF OLD.closed_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_closed',
            MESSAGE = format('idle case %s is closed (%s)', OLD.id, OLD.state);
    END IF;
    IF NEW.state = OLD.state THEN
        RETURN NEW;
    END IF;
    IF OLD.sub_judice AND NEW.sub_judice THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_sub_judice',
            MESSAGE = format('idle case %s is sub judice', OLD.id);
    END IF;
    IF NOT ((OLD.state = 'OPEN' AND NEW.state IN ('NOTICE_SERVED', 'REVIVAL_PLAN', 'DISMISSED'))
         OR (OLD.state = 'NOTICE_SERVED' AND NEW.state IN ('REVIVAL_PLAN', 'EXTENDED', 'RECLAIMED', 'DISMISSED'))
         OR (OLD.state = 'REVIVAL_PLAN' AND NEW.state IN ('EXTENDED', 'RECLAIMED', 'DISMISSED', 'REVIVED'))) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_transition',
            MESSAGE = format('idle case %s cannot go from %s to %s', OLD.id, OLD.state, NEW.state);
    END IF;
    IF NEW.state = 'RECLAIMED' AND OLD.state = 'NOTICE_SERVED' AND OLD.replied_at IS NULL
       AND OLD.notice_served_at IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_notice_first',
            MESSAGE = format('idle case %s was never served a notice', OLD.id);
    END IF;
    -- Back in production: every item the holder was given is met (the service checks the production evidence).
    IF NEW.state = 'REVIVED' AND EXISTS (SELECT 1 FROM revival_plan_item pi
                                          WHERE pi.case_id = OLD.id AND pi.agency = 'HOLDER' AND pi.met_on IS NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_revived_plan_met',
            MESSAGE = format('idle case %s has holder plan items not met', OLD.id);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS idle_case_check_transition ON idle_case;
CREATE TRIGGER idle_case_check_transition
    BEFORE UPDATE ON idle_case
    FOR EACH ROW EXECUTE FUNCTION idle_case_check_transition();
