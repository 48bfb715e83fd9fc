-- Staged due process (V740): the rules in force on a day, the warnings' order and cure periods, the charges'
-- caps, and reclaim only after the last warning's cure period — enforced here whatever the code does.
-- idle_case's legal transitions live in R__idle_case_transition.sql; this file adds a separate trigger on it.

-- The due-process rules of an estate class in force on :day (the latest valid_from on or before it).
CREATE OR REPLACE FUNCTION idle_rules_on(kind text, day date) RETURNS idle_due_process_rules
    LANGUAGE sql STABLE AS
$$
SELECT r.* FROM idle_due_process_rules r
 WHERE r.estate_kind = kind AND r.valid_from <= day
 ORDER BY r.valid_from DESC LIMIT 1
$$;

-- Whether a case's delay is caused by the government on :as_of, and the days the clock stood still against the
-- holder between two days: both read the working group's plans through idle_case_government_caused and
-- idle_case_stopped_days (R__idle_revival.sql), called directly. These two are plpgsql, which resolves a call when
-- it runs, not when the function is created: repeatable migrations run in name order, so this file is applied
-- before R__idle_revival.sql on a new database, and the idle_register view (R__idle_register.sql, also before it)
-- calls the first.
CREATE OR REPLACE FUNCTION idle_register_government_caused(case_id bigint, as_of date) RETURNS boolean
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
    RETURN idle_case_government_caused(case_id, as_of);
END
$$;

CREATE OR REPLACE FUNCTION idle_case_clock_stopped(case_id bigint, from_day date, to_day date) RETURNS int
    LANGUAGE plpgsql STABLE AS
$$
BEGIN
    IF to_day <= from_day THEN
        RETURN 0;
    END IF;
    RETURN greatest(0, idle_case_stopped_days(case_id, to_day) - idle_case_stopped_days(case_id, from_day));
END
$$;

-- The last day of a warning's cure period as seen on :as_of: its cure_until, moved on by the days the clock was
-- stopped against the holder (a responsible agency's missed item) since the warning was issued. The one rule both
-- the triggers below and the service (sql/idle/last_warning.sql) read.
CREATE OR REPLACE FUNCTION idle_warning_cure_end(w idle_warning, as_of date) RETURNS date
    LANGUAGE sql STABLE AS
$$
SELECT w.cure_until + idle_case_clock_stopped(w.case_id, w.issued_on, as_of)
$$;

-- Warnings come in order, each only after the previous one's cure period has ended, on an open, unfrozen case;
-- a served warning is history: only the holder's reply (once) may be added, and the cure period only lengthened.
CREATE OR REPLACE FUNCTION idle_warning_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    c idle_case%ROWTYPE;
    prev idle_warning%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_warning_history',
            MESSAGE = format('warning %s of case %s is history', OLD.stage, OLD.case_id);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.id <> OLD.id OR NEW.case_id <> OLD.case_id OR NEW.stage <> OLD.stage OR NEW.stages <> OLD.stages
           OR NEW.issued_on <> OLD.issued_on OR NEW.cure_days <> OLD.cure_days OR NEW.cure_until < OLD.cure_until
           OR NEW.issued_at <> OLD.issued_at OR NEW.issued_by IS DISTINCT FROM OLD.issued_by
           OR (OLD.reply IS NOT NULL AND (NEW.reply IS DISTINCT FROM OLD.reply
                                          OR NEW.replied_at IS DISTINCT FROM OLD.replied_at)) THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_warning_history',
                MESSAGE = format('warning %s of case %s is history', OLD.stage, OLD.case_id);
        END IF;
        RETURN NEW;
    END IF;
    SELECT * INTO c FROM idle_case WHERE id = NEW.case_id FOR UPDATE;
    IF c.closed_at IS NOT NULL OR c.sub_judice THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_warning_case_open',
            MESSAGE = format('case %s is closed or sub judice: no warning', NEW.case_id);
    END IF;
    SELECT * INTO prev FROM idle_warning WHERE case_id = NEW.case_id ORDER BY stage DESC LIMIT 1;
    IF NEW.stage <> coalesce(prev.stage, 0) + 1 OR (prev.stage IS NOT NULL AND NEW.stages <> prev.stages) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_warning_order',
            MESSAGE = format('case %s: warning %s cannot follow warning %s of %s', NEW.case_id, NEW.stage,
                             coalesce(prev.stage, 0), coalesce(prev.stages, NEW.stages));
    END IF;
    IF prev.stage IS NOT NULL AND NEW.issued_on <= idle_warning_cure_end(prev, NEW.issued_on) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_warning_cure_period',
            MESSAGE = format('case %s: warning %s may be issued after %s, the end of warning %s''s cure period',
                             NEW.case_id, NEW.stage, idle_warning_cure_end(prev, NEW.issued_on), prev.stage);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS idle_warning_guard ON idle_warning;
CREATE TRIGGER idle_warning_guard
    BEFORE INSERT OR UPDATE OR DELETE ON idle_warning
    FOR EACH ROW EXECUTE FUNCTION idle_warning_guard();

-- Reclaim waits for the cure period of the latest warning to end (counted in the day of the update, UTC); from
-- NOTICE_SERVED it also needs the last warning stage served.
CREATE OR REPLACE FUNCTION idle_case_reclaim_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    w idle_warning%ROWTYPE;
    today date;
BEGIN
    IF NEW.state <> 'RECLAIMED' OR OLD.state = 'RECLAIMED' THEN
        RETURN NEW;
    END IF;
    SELECT * INTO w FROM idle_warning WHERE case_id = OLD.id ORDER BY stage DESC LIMIT 1;
    IF w.id IS NULL THEN
        IF OLD.state = 'NOTICE_SERVED' THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_warnings_first',
                MESSAGE = format('case %s: no warning served', OLD.id);
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.state = 'NOTICE_SERVED' AND w.stage < w.stages THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_warnings_first',
            MESSAGE = format('case %s: only %s of %s warnings served', OLD.id, w.stage, w.stages);
    END IF;
    today := (NEW.updated_at AT TIME ZONE 'UTC')::date;
    IF today <= idle_warning_cure_end(w, today) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_cure_period',
            MESSAGE = format('case %s: warning %s''s cure period runs until %s', OLD.id, w.stage,
                             idle_warning_cure_end(w, today));
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS idle_case_reclaim_guard ON idle_case;
CREATE TRIGGER idle_case_reclaim_guard
    BEFORE UPDATE ON idle_case
    FOR EACH ROW EXECUTE FUNCTION idle_case_reclaim_guard();

-- Charges are history (no update, no delete); idle-fee periods of a case never overlap; the months of extension
-- slices sold on an allocation never exceed the cap in force.
CREATE OR REPLACE FUNCTION idle_charge_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_charge_history',
            MESSAGE = 'a charge is history';
    END IF;
    PERFORM 1 FROM allocation WHERE id = NEW.allocation_id FOR UPDATE;
    IF NEW.kind = 'IDLE_FEE' AND EXISTS (
            SELECT 1 FROM idle_charge ch WHERE ch.case_id = NEW.case_id AND ch.kind = 'IDLE_FEE'
               AND daterange(ch.period_from, ch.period_to) && daterange(NEW.period_from, NEW.period_to)) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_charge_fee_overlap',
            MESSAGE = format('case %s: the idle fee for %s..%s is already charged', NEW.case_id, NEW.period_from,
                             NEW.period_to);
    END IF;
    IF NEW.kind = 'EXTENSION' AND NEW.months + coalesce((SELECT sum(months) FROM idle_charge
                                                         WHERE allocation_id = NEW.allocation_id
                                                           AND kind = 'EXTENSION'), 0) > NEW.cap_months THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_charge_extension_cap',
            MESSAGE = format('allocation %s: extensions would pass the cap of %s months', NEW.allocation_id,
                             NEW.cap_months);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS idle_charge_guard ON idle_charge;
CREATE TRIGGER idle_charge_guard
    BEFORE INSERT OR UPDATE OR DELETE ON idle_charge
    FOR EACH ROW EXECUTE FUNCTION idle_charge_guard();

-- A case's diagnosis by an adviser (the first visit and the causes found, from idle_diagnosis, V730; no row when
-- the case was never diagnosed): what the revival statistics read.
CREATE OR REPLACE FUNCTION idle_case_diagnosis(case_id bigint)
    RETURNS TABLE (diagnosed_on date, causes text[])
    LANGUAGE sql STABLE AS
$$
SELECT min(d.visited_on),
       (SELECT array_agg(DISTINCT x) FROM idle_diagnosis d2, unnest(d2.causes) x WHERE d2.case_id = $1)
  FROM idle_diagnosis d
 WHERE d.case_id = $1
HAVING count(*) > 0
$$;
