-- Deposit holds of a round's awards (issue 12): "winners get a hold to pay the deposit; an unpaid hold passes the plot
-- to the next in line". The close opens one DUE hold per published winner, to be paid by the end of the objection
-- window plus the offer's payment_days (default 7); a hold unpaid at its deadline LAPSES and the plot passes to the
-- next applicant in the published allocation order who may use it and never held a plot of the round (a new hold,
-- passed_from naming the lapsed one), or returns to AVAILABLE when nobody is left. The published document never
-- changes: the holds are events that refer to it. What may change, and when, is in R__round_guards.sql.

ALTER TABLE offer ADD COLUMN payment_days int NOT NULL DEFAULT 7 CHECK (payment_days BETWEEN 1 AND 90);

CREATE TABLE round_award_hold (
    id             bigserial PRIMARY KEY,
    offer_id       bigint NOT NULL,
    parcel_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    -- The lapsed hold this one took the plot from; null for a published winner's hold.
    passed_from    bigint UNIQUE REFERENCES round_award_hold (id),
    state          text NOT NULL DEFAULT 'DUE' CHECK (state IN ('DUE', 'PAID', 'LAPSED')),
    deposit_amount bigint NOT NULL CHECK (deposit_amount >= 0),
    created_at     timestamptz NOT NULL,
    pay_by         timestamptz NOT NULL,
    gateway        text,
    receipt        text,
    sandbox        boolean,
    paid_at        timestamptz,
    lapsed_at      timestamptz,
    CONSTRAINT round_award_hold_plot_offered FOREIGN KEY (offer_id, parcel_id)
        REFERENCES offer_parcel (offer_id, parcel_id),
    CONSTRAINT round_award_hold_application_of_offer FOREIGN KEY (offer_id, application_id)
        REFERENCES round_application (offer_id, id),
    -- An applicant holds at most one plot of a round, ever: a lapsed winner is not offered another plot.
    CONSTRAINT round_award_hold_once_per_application UNIQUE (application_id),
    CONSTRAINT round_award_hold_deadline CHECK (pay_by > created_at),
    CONSTRAINT round_award_hold_paid_whole CHECK (
        (state = 'PAID') = (paid_at IS NOT NULL) AND (paid_at IS NULL) = (gateway IS NULL)
        AND (gateway IS NULL) = (receipt IS NULL) AND (receipt IS NULL) = (sandbox IS NULL)),
    -- Paid only before the deadline.
    CONSTRAINT round_award_hold_paid_in_time CHECK (paid_at IS NULL OR paid_at < pay_by),
    CONSTRAINT round_award_hold_lapsed_whole CHECK (
        (state = 'LAPSED') = (lapsed_at IS NOT NULL) AND (lapsed_at IS NULL OR lapsed_at >= pay_by)),
    CONSTRAINT round_award_hold_receipt_unique UNIQUE (gateway, receipt)
);
-- One live (DUE or PAID) award per plot per round.
CREATE UNIQUE INDEX round_award_hold_one_live_per_plot ON round_award_hold (offer_id, parcel_id)
    WHERE state <> 'LAPSED';
CREATE INDEX round_award_hold_due_idx ON round_award_hold (pay_by) WHERE state = 'DUE';
