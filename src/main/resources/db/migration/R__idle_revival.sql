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

-- An agency's item met after its due day stopped the clock: the holder's running cure period (the staged warnings'
-- idle_warning.cure_until, when that table exists) is lengthened by the days this item added to the stopped time.
CREATE OR REPLACE FUNCTION revival_item_extend_cure() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    added int;
BEGIN
    IF NEW.agency = 'HOLDER' OR NEW.met_on IS NULL OR OLD.met_on IS NOT NULL OR NEW.met_on <= NEW.due_on
       OR to_regclass('idle_warning') IS NULL THEN
        RETURN NEW;
    END IF;
    -- the stopped days with this item's period, less those the other items alone stopped
    SELECT idle_case_stopped_days(NEW.case_id, NEW.met_on)
           - coalesce((SELECT sum(upper(r) - lower(r))::int
                         FROM unnest((SELECT range_agg(daterange(pi.due_on + 1,
                                                                 least(coalesce(pi.met_on, NEW.met_on), NEW.met_on) + 1))
                                        FROM revival_plan_item pi
                                       WHERE pi.case_id = NEW.case_id AND pi.agency <> 'HOLDER' AND pi.id <> NEW.id
                                         AND least(coalesce(pi.met_on, NEW.met_on), NEW.met_on) > pi.due_on)) AS r), 0)
      INTO added;
    IF added > 0 THEN
        EXECUTE 'UPDATE idle_warning w SET cure_until = w.cure_until + $1
                  WHERE w.case_id = $2 AND w.cure_until >= $3
                    AND w.stage = (SELECT max(x.stage) FROM idle_warning x WHERE x.case_id = $2)'
            USING added, NEW.case_id, NEW.due_on;
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS revival_item_extend_cure ON revival_plan_item;
CREATE TRIGGER revival_item_extend_cure
    AFTER UPDATE OF met_on ON revival_plan_item
    FOR EACH ROW EXECUTE FUNCTION revival_item_extend_cure();
