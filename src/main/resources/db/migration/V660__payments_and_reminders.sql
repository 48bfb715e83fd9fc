-- Payments through the gateway's own page (a session the server opens with an amount and a return URL; the payment
-- is recorded only from the gateway's confirmation), the contract's instalments as rows so that each is paid once,
-- for its amount, by the holder, and the reminders sent (each once per subject and kind).

-- The sandbox gateway's own book: the sessions it was asked to take and what the payer did on its page.
CREATE TABLE sandbox_payment (
    token      text PRIMARY KEY CHECK (token ~ '^[A-Za-z0-9_-]{16,64}$'),
    purpose    text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 100),
    amount     bigint NOT NULL CHECK (amount > 0),
    return_url text NOT NULL CHECK (return_url ~ '^/'),
    state      text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'CONFIRMED', 'CANCELLED')),
    reference  text UNIQUE,
    created_at timestamptz NOT NULL,
    decided_at timestamptz,
    CHECK ((state = 'OPEN') = (decided_at IS NULL)),
    CHECK ((state = 'CONFIRMED') = (reference IS NOT NULL))
);

-- A contract's instalments (the cash share is number 0, due on signing), written from the schedule the contract
-- computes (InstalmentSchedule); an unpaid row follows the schedule (forgiveness), a paid one never changes.
CREATE TABLE contract_instalment (
    allocation_id bigint NOT NULL REFERENCES allocation (id),
    number        int NOT NULL CHECK (number >= 0),
    due_on        date NOT NULL,
    amount        bigint NOT NULL CHECK (amount >= 0),
    tracked_on    date NOT NULL,
    PRIMARY KEY (allocation_id, number)
);
CREATE INDEX contract_instalment_due_idx ON contract_instalment (due_on);

-- What the app asked the gateway to take, from whom and for what; a receipt once the gateway confirmed it.
CREATE TABLE payment_session (
    id                bigserial PRIMARY KEY,
    token             text NOT NULL UNIQUE,
    gateway           text NOT NULL,
    payer_id          bigint NOT NULL REFERENCES users (id),
    reservation_id    bigint REFERENCES reservation (id),
    allocation_id     bigint REFERENCES allocation (id),
    instalment_number int,
    amount            bigint NOT NULL CHECK (amount > 0),
    state             text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'PAID', 'CANCELLED', 'REFUND_DUE')),
    created_at        timestamptz NOT NULL,
    paid_at           timestamptz,
    reference         text,
    sandbox           boolean,
    decision_id       bigint,
    CHECK ((reservation_id IS NULL) <> (allocation_id IS NULL)),
    CHECK ((allocation_id IS NULL) = (instalment_number IS NULL)),
    CHECK ((state IN ('PAID', 'REFUND_DUE')) = (paid_at IS NOT NULL AND reference IS NOT NULL)),
    CONSTRAINT payment_session_reference_unique UNIQUE (gateway, reference)
);
CREATE INDEX payment_session_payer_idx ON payment_session (payer_id, created_at DESC);
CREATE INDEX payment_session_allocation_idx ON payment_session (allocation_id, instalment_number);

-- An instalment paid: once (the key), for exactly its amount and by the allocation's holder (R__payment_guards.sql).
CREATE TABLE instalment_payment (
    allocation_id bigint NOT NULL,
    number        int NOT NULL,
    session_id    bigint NOT NULL UNIQUE REFERENCES payment_session (id),
    payer_id      bigint NOT NULL REFERENCES users (id),
    amount        bigint NOT NULL CHECK (amount > 0),
    paid_at       timestamptz NOT NULL,
    PRIMARY KEY (allocation_id, number),
    FOREIGN KEY (allocation_id, number) REFERENCES contract_instalment (allocation_id, number)
);

-- The reminders sent: one per subject (e.g. 'reservation:12', 'instalment:5:3') and kind, whichever server sends.
CREATE TABLE reminder_sent (
    subject text NOT NULL CHECK (subject ~ '^[a-z_]+:[0-9:]+$'),
    kind    text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
    sent_at timestamptz NOT NULL,
    PRIMARY KEY (subject, kind)
);
