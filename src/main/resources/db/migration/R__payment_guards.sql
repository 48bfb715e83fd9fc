-- The rules of an instalment payment (tables: V660__payments_and_reminders.sql), whatever the code does
-- (payment.PaymentService checks the same first and answers with a precise code):
--   * it is paid once (instalment_payment's key) and never changed or removed;
--   * its amount is exactly the instalment's amount;
--   * its payer is the allocation's holder, and the session it comes from is that payer's, for that instalment and
--     amount;
--   * a paid instalment's amount and due date no longer change.

CREATE OR REPLACE FUNCTION instalment_payment_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    due     bigint;
    holder  bigint;
    s       payment_session%ROWTYPE;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'instalment_payment_final',
            MESSAGE = format('the payment of instalment %s of allocation %s is final', OLD.number, OLD.allocation_id);
    END IF;
    SELECT amount INTO due FROM contract_instalment WHERE allocation_id = NEW.allocation_id AND number = NEW.number;
    IF due IS DISTINCT FROM NEW.amount THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'instalment_payment_amount',
            MESSAGE = format('instalment %s of allocation %s is %s, not %s', NEW.number, NEW.allocation_id, due,
                             NEW.amount);
    END IF;
    SELECT investor_id INTO holder FROM allocation WHERE id = NEW.allocation_id;
    IF holder IS DISTINCT FROM NEW.payer_id THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'instalment_payment_payer',
            MESSAGE = format('only the holder of allocation %s pays its instalments', NEW.allocation_id);
    END IF;
    SELECT * INTO s FROM payment_session WHERE id = NEW.session_id;
    IF s.payer_id IS DISTINCT FROM NEW.payer_id OR s.allocation_id IS DISTINCT FROM NEW.allocation_id
       OR s.instalment_number IS DISTINCT FROM NEW.number OR s.amount IS DISTINCT FROM NEW.amount THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'instalment_payment_session',
            MESSAGE = 'the payment session does not match the instalment';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS instalment_payment_guard ON instalment_payment;
CREATE TRIGGER instalment_payment_guard BEFORE INSERT OR UPDATE OR DELETE ON instalment_payment
    FOR EACH ROW EXECUTE FUNCTION instalment_payment_guard();

CREATE OR REPLACE FUNCTION contract_instalment_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF EXISTS (SELECT 1 FROM instalment_payment p WHERE p.allocation_id = OLD.allocation_id AND p.number = OLD.number)
       AND (TG_OP = 'DELETE' OR (NEW.amount, NEW.due_on) IS DISTINCT FROM (OLD.amount, OLD.due_on)) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'instalment_paid',
            MESSAGE = format('instalment %s of allocation %s is paid and no longer changes', OLD.number,
                             OLD.allocation_id);
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

DROP TRIGGER IF EXISTS contract_instalment_guard ON contract_instalment;
CREATE TRIGGER contract_instalment_guard BEFORE UPDATE OR DELETE ON contract_instalment
    FOR EACH ROW EXECUTE FUNCTION contract_instalment_guard();

-- The rules of an idle charge's payment (V756 idle_charge_payment), the same as an instalment's:
--   * it is paid once (the key) and never changed or removed;
--   * its amount is exactly the charge's amount, and the charge is the allocation's;
--   * its payer is the allocation's holder, and the session it comes from is that payer's, for that charge and amount.
CREATE OR REPLACE FUNCTION idle_charge_payment_guard() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    ch      idle_charge%ROWTYPE;
    holder  bigint;
    s       payment_session%ROWTYPE;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_charge_payment_final',
            MESSAGE = format('the payment of idle charge %s is final', OLD.charge_id);
    END IF;
    SELECT * INTO ch FROM idle_charge WHERE id = NEW.charge_id;
    IF ch.allocation_id IS DISTINCT FROM NEW.allocation_id OR ch.amount IS DISTINCT FROM NEW.amount THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_charge_payment_amount',
            MESSAGE = format('idle charge %s of allocation %s is %s, not %s', NEW.charge_id, ch.allocation_id,
                             ch.amount, NEW.amount);
    END IF;
    SELECT investor_id INTO holder FROM allocation WHERE id = NEW.allocation_id;
    IF holder IS DISTINCT FROM NEW.payer_id THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_charge_payment_payer',
            MESSAGE = format('only the holder of allocation %s pays its idle charges', NEW.allocation_id);
    END IF;
    SELECT * INTO s FROM payment_session WHERE id = NEW.session_id;
    IF s.payer_id IS DISTINCT FROM NEW.payer_id OR s.allocation_id IS DISTINCT FROM NEW.allocation_id
       OR s.charge_id IS DISTINCT FROM NEW.charge_id OR s.amount IS DISTINCT FROM NEW.amount THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_charge_payment_session',
            MESSAGE = 'the payment session does not match the idle charge';
    END IF;
    RETURN NEW;
END
$$;

DROP TRIGGER IF EXISTS idle_charge_payment_guard ON idle_charge_payment;
CREATE TRIGGER idle_charge_payment_guard BEFORE INSERT OR UPDATE OR DELETE ON idle_charge_payment
    FOR EACH ROW EXECUTE FUNCTION idle_charge_payment_guard();
