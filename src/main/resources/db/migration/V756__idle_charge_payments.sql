-- Idle charges (V740 idle_charge: idle fee lines, paid extension slices) paid through the gateway's page like an
-- instalment: a payment session may be for one charge of an allocation, and a charge is paid once, for exactly its
-- amount, by the allocation's holder (R__payment_guards.sql).

ALTER TABLE payment_session ADD COLUMN charge_id bigint REFERENCES idle_charge (id);

-- V660's "an allocation's session is for an instalment" becomes "for an instalment or a charge, one of the two".
DO $$
DECLARE
    c text;
BEGIN
    SELECT conname INTO c FROM pg_constraint
     WHERE conrelid = 'payment_session'::regclass AND contype = 'c'
       AND pg_get_constraintdef(oid) LIKE '%(allocation_id IS NULL) = (instalment_number IS NULL)%';
    EXECUTE format('ALTER TABLE payment_session DROP CONSTRAINT %I', c);
END
$$;
ALTER TABLE payment_session ADD CONSTRAINT payment_session_subject CHECK (
    (allocation_id IS NULL AND instalment_number IS NULL AND charge_id IS NULL)
    OR (allocation_id IS NOT NULL AND (instalment_number IS NULL) <> (charge_id IS NULL)));
CREATE INDEX payment_session_charge_idx ON payment_session (charge_id) WHERE charge_id IS NOT NULL;

-- An idle charge paid: once (the key), for exactly its amount and by the allocation's holder.
CREATE TABLE idle_charge_payment (
    charge_id     bigint PRIMARY KEY REFERENCES idle_charge (id),
    allocation_id bigint NOT NULL REFERENCES allocation (id),
    session_id    bigint NOT NULL UNIQUE REFERENCES payment_session (id),
    payer_id      bigint NOT NULL REFERENCES users (id),
    amount        bigint NOT NULL CHECK (amount > 0),
    paid_at       timestamptz NOT NULL
);
CREATE INDEX idle_charge_payment_allocation_idx ON idle_charge_payment (allocation_id);
