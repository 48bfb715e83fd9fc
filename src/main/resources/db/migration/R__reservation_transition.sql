-- The lifecycle of a reservation (table: V101__reservations.sql): HELD → SUBMITTED, EXPIRED or WITHDRAWN;
-- SUBMITTED → APPROVED, REJECTED or WITHDRAWN; nothing else. A reservation's plots stay `active` (the
-- one-active-reservation-per-plot index) while it is HELD or SUBMITTED.
CREATE OR REPLACE FUNCTION reservation_check_transition() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.status = OLD.status THEN
        RETURN NEW;
    END IF;
    IF NOT ((OLD.status = 'HELD' AND NEW.status IN ('SUBMITTED', 'EXPIRED', 'WITHDRAWN'))
         OR (OLD.status = 'SUBMITTED' AND NEW.status IN ('APPROVED', 'REJECTED', 'WITHDRAWN'))) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'reservation_transition',
            MESSAGE = format('reservation %s cannot go from %s to %s', OLD.id, OLD.status, NEW.status);
    END IF;
    UPDATE reservation_parcel SET active = NEW.status IN ('HELD', 'SUBMITTED')
     WHERE reservation_id = NEW.id AND active <> (NEW.status IN ('HELD', 'SUBMITTED'));
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS reservation_check_transition ON reservation;
CREATE TRIGGER reservation_check_transition
    BEFORE UPDATE OF status ON reservation
    FOR EACH ROW EXECUTE FUNCTION reservation_check_transition();
