-- Legacy records: past events migrated from the paper register, appended NOW to the decision log like any entry
-- (their recorded time is the transaction's, and they are chained and verified like the rest) but carrying the day
-- they happened: action 'legacy.imported', public_details.event the action it stands for (reservation.approved, …)
-- and public_details.occurredOn the day (YYYY-MM-DD, UTC). Only decision_record_legacy writes them; decision_record
-- refuses them (R__decision_record.sql); the rules below hold for every writer, the owner included.

-- The events a legacy record may stand for: those the statistics replay, and the milestones.
CREATE OR REPLACE FUNCTION decision_legacy_events() RETURNS text[]
    LANGUAGE sql IMMUTABLE AS
$$
SELECT ARRAY['reservation.held', 'reservation.submitted', 'reservation.approved', 'reservation.withdrawn',
             'reservation.rejected', 'reservation.expired', 'allocation.milestone_reached', 'parcel.status_changed',
             'idle_case.opened', 'idle_case.notice_served', 'idle_case.reclaimed', 'idle_case.dismissed']
$$;

-- When an entry's event happened: a legacy record's occurredOn (midnight UTC), any other entry's recorded time.
-- Immutable: the day is read digit by digit (make_date), never through the session's DateStyle.
CREATE OR REPLACE FUNCTION decision_happened_at(p_occurred_at timestamptz, p_action text, p_public jsonb)
    RETURNS timestamptz
    LANGUAGE sql IMMUTABLE AS
$$
SELECT CASE WHEN p_action = 'legacy.imported' AND p_public ->> 'occurredOn' ~ '^\d{4}-\d{2}-\d{2}$'
            THEN make_date(substr(p_public ->> 'occurredOn', 1, 4)::int, substr(p_public ->> 'occurredOn', 6, 2)::int,
                           substr(p_public ->> 'occurredOn', 9, 2)::int)::timestamp AT TIME ZONE 'UTC'
            ELSE p_occurred_at END
$$;

-- The log as events: each entry's action as the event it records (a legacy record's event) and the time it happened
-- (legacy: the day it happened; else when it was recorded). What the statistics read (planning/*.sql).
CREATE OR REPLACE VIEW decision_event AS
SELECT d.seq,
       decision_happened_at(d.occurred_at, d.action, d.public_details) AS happened_at,
       d.occurred_at AS recorded_at,
       d.action = 'legacy.imported' AS legacy,
       CASE WHEN d.action = 'legacy.imported' THEN d.public_details ->> 'event' ELSE d.action END AS action,
       d.subject_type, d.subject_id, d.estate_code, d.parcel_ids, d.from_state, d.to_state, d.public_details
  FROM decision d;

-- The rules of legacy records, for every insert: only 'legacy.imported' carries occurredOn; it must be a real day,
-- not after the day the entry is recorded, and its event one of decision_legacy_events().
CREATE OR REPLACE FUNCTION decision_legacy_rules() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    day text := NEW.public_details ->> 'occurredOn';
    happened date;
BEGIN
    IF NEW.action <> 'legacy.imported' THEN
        IF NEW.public_details ? 'occurredOn' THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation',
                MESSAGE = 'decision log: only a legacy.imported record says when it happened (occurredOn)';
        END IF;
        RETURN NEW;
    END IF;
    IF day IS NULL OR day !~ '^\d{4}-\d{2}-\d{2}$' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'decision log: a legacy record needs occurredOn as YYYY-MM-DD, got ' || coalesce(day, 'nothing');
    END IF;
    BEGIN
        happened := make_date(substr(day, 1, 4)::int, substr(day, 6, 2)::int, substr(day, 9, 2)::int);
    EXCEPTION WHEN datetime_field_overflow OR invalid_datetime_format THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'decision log: a legacy record''s occurredOn is no day: ' || day;
    END;
    IF happened > (NEW.occurred_at AT TIME ZONE 'UTC')::date THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'decision log: a legacy record cannot have happened (' || day || ') after it is recorded ('
                      || to_char(NEW.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ')';
    END IF;
    IF NOT (NEW.public_details ->> 'event') = ANY (decision_legacy_events()) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'decision log: a legacy record must name its event, one of '
                      || array_to_string(decision_legacy_events(), ', ');
    END IF;
    RETURN NEW;
END
$$;
DROP TRIGGER IF EXISTS decision_legacy_rules ON decision;
CREATE TRIGGER decision_legacy_rules
    BEFORE INSERT ON decision
    FOR EACH ROW EXECUTE FUNCTION decision_legacy_rules();

-- The legacy-import writer: p_entries as for decision_record, each with action 'legacy.imported' and its event and
-- occurredOn in publicDetails; the actor is the session's and the recorded time the transaction's, as for any entry.
-- SECURITY DEFINER: the service's role may call it but may not insert into the table itself.
CREATE OR REPLACE FUNCTION decision_record_legacy(p_entries jsonb)
    RETURNS SETOF bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
    SET plan_cache_mode = force_generic_plan AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_entries) e WHERE e ->> 'action' IS DISTINCT FROM 'legacy.imported') THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation',
            MESSAGE = 'decision log: the legacy import writes legacy.imported records only';
    END IF;
    RETURN QUERY SELECT decision_insert_as_session(p_entries);
END
$$;
