-- Hoarding-proof open offers (issue 12) and sign-up without enumeration (issue 13).
--
-- An account's address is confirmed through a link before its first sign-in: the link's single-use token is kept
-- only as its SHA-256 hash, expires, and is marked used. Accounts that existed before this upgrade, and accounts an
-- administrator creates, count as confirmed.
-- An investor holds plots in an OPEN offer only when verified: address confirmed, an Iranian national ID (کد ملی,
-- 10 digits) or company national ID (شناسه ملی, 11 digits) with a valid check digit (the CHECK calling
-- iran_id_valid is added by R__investor_identity.sql, where the function lives), one account per ID, and the
-- documents marked verified by an officer or administrator; and after paying the refundable open-offer deposit.

ALTER TABLE users
    ADD COLUMN email_confirmed_at    timestamptz,
    ADD COLUMN national_id           text,
    ADD COLUMN documents_verified_at timestamptz,
    ADD COLUMN documents_verified_by bigint REFERENCES users (id),
    ADD CONSTRAINT users_documents_verified_with_id
        CHECK (documents_verified_at IS NULL OR (national_id IS NOT NULL AND documents_verified_by IS NOT NULL));
UPDATE users SET email_confirmed_at = created_at;
CREATE UNIQUE INDEX users_national_id_unique ON users (national_id);

CREATE TABLE email_confirmation (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at AND expires_at <= created_at + interval '7 days'),
    used_at    timestamptz CHECK (used_at IS NULL OR used_at >= created_at)
);
CREATE INDEX email_confirmation_user_idx ON email_confirmation (user_id);

-- The refundable open-offer deposit, paid through the payment gateway before any hold; at most one unrefunded
-- deposit per investor.
CREATE TABLE open_deposit (
    id          bigserial PRIMARY KEY,
    investor_id bigint NOT NULL REFERENCES users (id),
    amount      bigint NOT NULL CHECK (amount >= 0),
    gateway     text NOT NULL CHECK (length(gateway) BETWEEN 1 AND 100),
    reference   text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
    sandbox     boolean NOT NULL,
    paid_at     timestamptz NOT NULL,
    refunded_at timestamptz CHECK (refunded_at IS NULL OR refunded_at >= paid_at)
);
CREATE UNIQUE INDEX open_deposit_one_unrefunded ON open_deposit (investor_id) WHERE refunded_at IS NULL;

-- The cool-down looks up an investor's lapsed holds of a plot.
CREATE INDEX reservation_investor_expired_idx ON reservation (investor_id, closed_at) WHERE status = 'EXPIRED';
