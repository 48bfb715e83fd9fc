-- The one way an allocation is made (V761): an approved reservation's (sql/reservation/insert_allocation.sql) or a
-- round's paid award's (sql/round/award_allocate.sql). Writes the allocation and its plots; the deferred trigger
-- allocation_create_contract (R__allocation_contract.sql) writes its contract, milestones and plan at commit.
CREATE OR REPLACE FUNCTION allocation_open(p_reservation bigint, p_award_hold bigint, p_investor bigint,
                                           p_estate int, p_parcels bigint[], p_at timestamptz) RETURNS bigint
    LANGUAGE plpgsql AS
$$
DECLARE
    made bigint;
BEGIN
    INSERT INTO allocation (reservation_id, award_hold_id, investor_id, estate_id, status, created_at)
    VALUES (p_reservation, p_award_hold, p_investor, p_estate, 'ACTIVE', p_at)
    RETURNING id INTO made;
    INSERT INTO allocation_parcel (allocation_id, parcel_id) SELECT made, unnest(p_parcels);
    RETURN made;
END
$$;

-- An award's allocation: only for a PAID hold, to its winner, in its offer's estate, once the objection window is
-- over (as of the allocation's time); its source never changes.
CREATE OR REPLACE FUNCTION allocation_award_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    w record;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.award_hold_id IS DISTINCT FROM OLD.award_hold_id
           OR NEW.reservation_id IS DISTINCT FROM OLD.reservation_id THEN
            RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'allocation_source_kept',
                MESSAGE = 'an allocation''s source (reservation or award) never changes';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.award_hold_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT h.state, h.paid_at, a.investor_id, o.estate_id,
           o.closed_at + make_interval(days => o.objection_days) AS objections_end
      INTO w
      FROM round_award_hold h
      JOIN round_application a ON a.id = h.application_id
      JOIN offer o ON o.id = h.offer_id
     WHERE h.id = NEW.award_hold_id
       FOR SHARE OF h;
    IF w.state IS DISTINCT FROM 'PAID' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'allocation_award_paid',
            MESSAGE = 'an award becomes an allocation only once its deposit is paid';
    END IF;
    IF NEW.investor_id <> w.investor_id OR NEW.estate_id <> w.estate_id THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'allocation_award_winner',
            MESSAGE = 'an award''s allocation is its winner''s, in its offer''s estate';
    END IF;
    IF NEW.created_at < w.objections_end OR NEW.created_at < w.paid_at THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'allocation_award_objection_window',
            MESSAGE = 'an award becomes an allocation only after its objection window';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS allocation_award_guard ON allocation;
CREATE TRIGGER allocation_award_guard
    BEFORE INSERT OR UPDATE ON allocation
    FOR EACH ROW EXECUTE FUNCTION allocation_award_guard();

-- An award's allocation holds the award's plot and nothing else, and only a plot no other active allocation holds.
CREATE OR REPLACE FUNCTION allocation_award_plot_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    plot bigint;
BEGIN
    SELECT h.parcel_id INTO plot
      FROM allocation a JOIN round_award_hold h ON h.id = a.award_hold_id
     WHERE a.id = NEW.allocation_id;
    IF NOT FOUND THEN
        RETURN NEW;
    END IF;
    IF NEW.parcel_id <> plot OR EXISTS (
            SELECT FROM allocation_parcel ap JOIN allocation a ON a.id = ap.allocation_id
             WHERE ap.parcel_id = NEW.parcel_id AND a.status = 'ACTIVE' AND a.id <> NEW.allocation_id) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'allocation_award_plot',
            MESSAGE = 'an award''s allocation holds the award''s plot alone, held by no other active allocation';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS allocation_award_plot_guard ON allocation_parcel;
CREATE TRIGGER allocation_award_plot_guard
    BEFORE INSERT OR UPDATE ON allocation_parcel
    FOR EACH ROW EXECUTE FUNCTION allocation_award_plot_guard();

-- At commit, an award's allocation holds exactly one plot (its award's; the trigger above refuses any other).
CREATE OR REPLACE FUNCTION allocation_award_has_plot() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.award_hold_id IS NOT NULL
       AND (SELECT count(*) FROM allocation_parcel WHERE allocation_id = NEW.id) <> 1 THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'allocation_award_plot',
            MESSAGE = 'an award''s allocation holds its award''s plot';
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS allocation_award_has_plot ON allocation;
CREATE CONSTRAINT TRIGGER allocation_award_has_plot
    AFTER INSERT ON allocation DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION allocation_award_has_plot();
