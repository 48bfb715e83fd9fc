-- Reservations (applications for one plot or several adjacent plots), their deposits, idempotency keys, and the
-- minimal allocation an approval creates. One active reservation per plot is guaranteed by a partial unique
-- index, whatever the application does; the allowed status transitions are checked by a trigger.

CREATE TABLE reservation (
    id              bigserial PRIMARY KEY,
    investor_id     bigint NOT NULL REFERENCES users (id),
    estate_id       int NOT NULL REFERENCES estate (id),
    status          text NOT NULL DEFAULT 'HELD'
                    CHECK (status IN ('HELD', 'SUBMITTED', 'APPROVED', 'REJECTED', 'EXPIRED', 'WITHDRAWN')),
    -- ISIC Rev. 4 class of the planned activity (four digits).
    activity_isic   text NOT NULL CHECK (activity_isic ~ '^[0-9]{4}$'),
    investment      bigint NOT NULL CHECK (investment >= 0),
    jobs            int NOT NULL CHECK (jobs >= 0),
    knowledge_based boolean NOT NULL,
    deposit_amount  bigint NOT NULL CHECK (deposit_amount >= 0),
    created_at      timestamptz NOT NULL,
    hold_expires_at timestamptz NOT NULL CHECK (hold_expires_at > created_at),
    submitted_at    timestamptz,
    closed_at       timestamptz,
    decided_by      bigint REFERENCES users (id),
    reason          text
);
CREATE INDEX reservation_investor_idx ON reservation (investor_id, status);
CREATE INDEX reservation_estate_idx ON reservation (estate_id, status);
CREATE INDEX reservation_hold_due_idx ON reservation (hold_expires_at) WHERE status = 'HELD';

-- The plots of a reservation. `active` follows the reservation's status (trigger below): HELD and SUBMITTED
-- reservations hold their plots.
CREATE TABLE reservation_parcel (
    reservation_id bigint NOT NULL REFERENCES reservation (id),
    parcel_id      bigint NOT NULL REFERENCES parcel (id),
    active         boolean NOT NULL DEFAULT true,
    PRIMARY KEY (reservation_id, parcel_id)
);
-- The guarantee: never two active reservations of one plot.
CREATE UNIQUE INDEX reservation_parcel_one_active ON reservation_parcel (parcel_id) WHERE active;

CREATE FUNCTION reservation_check_transition() RETURNS trigger
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

CREATE TRIGGER reservation_check_transition
    BEFORE UPDATE OF status ON reservation
    FOR EACH ROW EXECUTE FUNCTION reservation_check_transition();

-- A replayed POST with the same Idempotency-Key gets the stored answer; another body under the same key is refused.
CREATE TABLE idempotency_key (
    user_id         bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key             text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash    bytea NOT NULL CHECK (length(request_hash) = 32),
    response_status int NOT NULL,
    response_body   text NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);

-- The deposit of a reservation, through a payment gateway.
CREATE TABLE payment (
    id             bigserial PRIMARY KEY,
    reservation_id bigint NOT NULL UNIQUE REFERENCES reservation (id),
    gateway        text NOT NULL,
    amount         bigint NOT NULL CHECK (amount >= 0),
    sandbox        boolean NOT NULL,
    receipt        text NOT NULL,
    paid_at        timestamptz NOT NULL,
    refund_status  text NOT NULL DEFAULT 'NONE' CHECK (refund_status IN ('NONE', 'DUE', 'REFUNDED')),
    CONSTRAINT payment_receipt_unique UNIQUE (gateway, receipt)
);

-- The right an approval creates: an investor's allocation of plots in an estate. Contract terms, payment plan
-- and milestones are added by the allocation feature.
CREATE TABLE allocation (
    id             bigserial PRIMARY KEY,
    reservation_id bigint NOT NULL UNIQUE REFERENCES reservation (id),
    investor_id    bigint NOT NULL REFERENCES users (id),
    estate_id      int NOT NULL REFERENCES estate (id),
    status         text NOT NULL DEFAULT 'ACTIVE',
    created_at     timestamptz NOT NULL,
    CONSTRAINT allocation_status_check CHECK (status IN ('ACTIVE', 'TERMINATED'))
);
CREATE INDEX allocation_investor_idx ON allocation (investor_id);
CREATE INDEX allocation_estate_idx ON allocation (estate_id);

CREATE TABLE allocation_parcel (
    allocation_id bigint NOT NULL REFERENCES allocation (id),
    parcel_id     bigint NOT NULL REFERENCES parcel (id),
    PRIMARY KEY (allocation_id, parcel_id)
);
CREATE INDEX allocation_parcel_parcel_idx ON allocation_parcel (parcel_id);
