-- The stopped clock of a revival plan (V730): an item the plan gives to an agency (not the holder) that passes its
-- due day unmet stops the clock against the holder from the next day until the agency meets it (or until :as_of).
-- Overlapping periods count once. The holder's own items are due that many days later; the delay is
-- government-caused.

CREATE OR REPLACE FUNCTION idle_case_stopped_days(p_case bigint, p_as_of date) RETURNS int
    LANGUAGE sql STABLE AS
$$
SELECT coalesce(sum(upper(r) - lower(r)), 0)::int
  FROM unnest((SELECT range_agg(daterange(pi.due_on + 1, least(coalesce(pi.met_on, p_as_of), p_as_of) + 1))
                 FROM revival_plan_item pi
                WHERE pi.case_id = p_case AND pi.agency <> 'HOLDER'
                  AND least(coalesce(pi.met_on, p_as_of), p_as_of) > pi.due_on)) AS r
$$;

-- True when an agency missed an item of the case's plan (met late or not yet met past its due day).
CREATE OR REPLACE FUNCTION idle_case_government_caused(p_case bigint, p_as_of date) RETURNS boolean
    LANGUAGE sql STABLE AS
$$
SELECT EXISTS (SELECT 1 FROM revival_plan_item pi
                WHERE pi.case_id = p_case AND pi.agency <> 'HOLDER'
                  AND least(coalesce(pi.met_on, p_as_of), p_as_of) > pi.due_on)
$$;

-- The same, as of today (UTC): the public register's and statistics' question.
CREATE OR REPLACE FUNCTION idle_case_government_caused(p_case bigint) RETURNS boolean
    LANGUAGE sql STABLE AS
$$
SELECT idle_case_government_caused(p_case, (now() AT TIME ZONE 'UTC')::date)
$$;

-- The day an item is due as of :as_of: the holder's items move by the stopped days, the agencies' do not.
CREATE OR REPLACE FUNCTION revival_item_effective_due(p_item revival_plan_item, p_as_of date) RETURNS date
    LANGUAGE sql STABLE AS
$$
SELECT CASE WHEN p_item.agency = 'HOLDER' THEN p_item.due_on + idle_case_stopped_days(p_item.case_id, p_as_of)
            ELSE p_item.due_on END
$$;

-- A diagnosis names only causes of the vocabulary (an array, which no foreign key can check).
CREATE OR REPLACE FUNCTION idle_diagnosis_check_causes() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM unnest(NEW.causes) AS c
                WHERE NOT EXISTS (SELECT 1 FROM vocabulary_idle_cause v WHERE v.code = c)) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_diagnosis_causes_known',
            MESSAGE = format('diagnosis causes %s: not all in vocabulary_idle_cause', NEW.causes);
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS idle_diagnosis_check_causes ON idle_diagnosis;
CREATE TRIGGER idle_diagnosis_check_causes
    BEFORE INSERT OR UPDATE OF causes ON idle_diagnosis
    FOR EACH ROW EXECUTE FUNCTION idle_diagnosis_check_causes();

-- A warning's cure period is moved on by the stopped clock in one place, idle_warning_cure_end
-- (R__idle_due_process.sql), whether the agency's item is still unmet or met late. An earlier trigger also added the
-- stopped days to idle_warning.cure_until when such an item was met, which counted them twice (V751 undid it).
DROP TRIGGER IF EXISTS revival_item_extend_cure ON revival_plan_item;
DROP FUNCTION IF EXISTS revival_item_extend_cure();
