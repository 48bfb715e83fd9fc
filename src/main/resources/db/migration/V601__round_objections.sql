-- Objections to a round's published result (issue 12): an applicant files one within the offer's objection window
-- (objection_days after the close, default 10); an officer of the estate answers it on the record, UPHELD or DISMISSED.
-- When and how they may change is in R__round_guards.sql; the published document itself never changes.

ALTER TABLE offer ADD COLUMN objection_days int NOT NULL DEFAULT 10 CHECK (objection_days BETWEEN 0 AND 90);

CREATE TABLE round_objection (
    id             bigserial PRIMARY KEY,
    offer_id       bigint NOT NULL,
    application_id bigint NOT NULL,
    text           text NOT NULL CHECK (btrim(text) <> '' AND length(text) <= 4000),
    filed_at       timestamptz NOT NULL,
    outcome        text CHECK (outcome IN ('UPHELD', 'DISMISSED')),
    answer         text CHECK (answer IS NULL OR (btrim(answer) <> '' AND length(answer) <= 4000)),
    answered_by    bigint REFERENCES users (id),
    answered_at    timestamptz,
    CONSTRAINT round_objection_of_application FOREIGN KEY (offer_id, application_id)
        REFERENCES round_application (offer_id, id),
    CONSTRAINT round_objection_one_per_application UNIQUE (application_id),
    CONSTRAINT round_objection_answer_whole CHECK (
        (outcome IS NULL) = (answer IS NULL) AND (answer IS NULL) = (answered_at IS NULL)
        AND (answered_at IS NULL) = (answered_by IS NULL))
);
CREATE INDEX round_objection_offer_idx ON round_objection (offer_id);
