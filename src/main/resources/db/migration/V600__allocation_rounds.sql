-- Offers and allocation rounds (issue 12): an officer offers plots of one estate; in a ROUND, investors apply during a
-- published window ranking up to max_ranked plots; at close the committed lottery seed is revealed and the plots are
-- allocated by the documented algorithm (README "Allocation rounds"), whose whole input and output is stored as one
-- canonical JSON document with its SHA-256. The rules of what may change when live in R__round_guards.sql.

CREATE TABLE offer (
    id              bigserial PRIMARY KEY,
    estate_id       int NOT NULL REFERENCES estate (id),
    mode            text NOT NULL CHECK (mode IN ('OPEN', 'ROUND')),
    state           text NOT NULL DEFAULT 'DRAFT' CHECK (state IN ('DRAFT', 'PUBLISHED', 'CLOSED')),
    opens_at        timestamptz NOT NULL,
    closes_at       timestamptz NOT NULL,
    -- How many plots one application may rank (its primary and alternatives).
    max_ranked      int NOT NULL CHECK (max_ranked BETWEEN 1 AND 10),
    -- Eligibility, criteria weights and caps, minimum score: data, versioned with the offer, logged when published.
    rules           jsonb NOT NULL CHECK (jsonb_typeof(rules) = 'object'),
    created_by      bigint NOT NULL REFERENCES users (id),
    created_at      timestamptz NOT NULL,
    published_at    timestamptz,
    -- The lottery seed: generated at publication and kept here, secret, until close; only its SHA-256 is published.
    seed            bytea CHECK (length(seed) = 32),
    seed_commitment bytea CHECK (length(seed_commitment) = 32),
    closed_at       timestamptz,
    -- The decision-log head (chain position and hash) at close: the value nobody knew in advance.
    chain_head_pos  bigint,
    chain_head_hash bytea CHECK (length(chain_head_hash) = 32),
    document        text,
    document_sha256 bytea CHECK (length(document_sha256) = 32),
    CONSTRAINT offer_window CHECK (closes_at > opens_at),
    CONSTRAINT offer_seed_committed CHECK (seed IS NULL OR seed_commitment = sha256(seed)),
    CONSTRAINT offer_published_whole CHECK (
        (state = 'DRAFT') = (published_at IS NULL) AND (published_at IS NULL) = (seed IS NULL)
        AND (seed IS NULL) = (seed_commitment IS NULL)),
    CONSTRAINT offer_closed_whole CHECK (
        (state = 'CLOSED') = (closed_at IS NOT NULL) AND (closed_at IS NULL) = (document IS NULL)
        AND (document IS NULL) = (document_sha256 IS NULL) AND (document IS NULL) = (chain_head_hash IS NULL)
        AND (chain_head_hash IS NULL) = (chain_head_pos IS NULL)),
    CONSTRAINT offer_document_hash CHECK (document IS NULL OR document_sha256 = sha256(convert_to(document, 'UTF8')))
);
CREATE INDEX offer_estate_idx ON offer (estate_id, state);

CREATE TABLE offer_parcel (
    offer_id  bigint NOT NULL REFERENCES offer (id),
    parcel_id bigint NOT NULL REFERENCES parcel (id),
    PRIMARY KEY (offer_id, parcel_id)
);
CREATE INDEX offer_parcel_parcel_idx ON offer_parcel (parcel_id);

CREATE TABLE round_application (
    id               bigserial PRIMARY KEY,
    offer_id         bigint NOT NULL REFERENCES offer (id),
    investor_id      bigint NOT NULL REFERENCES users (id),
    -- Plot ids, best first; each one of the offer's plots (checked by round_application_guard).
    ranking          bigint[] NOT NULL CHECK (cardinality(ranking) BETWEEN 1 AND 10),
    activity_isic    text NOT NULL CHECK (activity_isic ~ '^[0-9]{4}$'),
    investment       bigint NOT NULL CHECK (investment >= 0),
    jobs             int NOT NULL CHECK (jobs BETWEEN 0 AND 1000000),
    knowledge_based  boolean NOT NULL,
    export_share_pct int NOT NULL CHECK (export_share_pct BETWEEN 0 AND 100),
    submitted_at     timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT round_application_one_per_investor UNIQUE (offer_id, investor_id),
    CONSTRAINT round_application_of_offer UNIQUE (offer_id, id)
);

-- The allocation's output: one winner per plot per round, one plot per application.
CREATE TABLE round_award (
    offer_id       bigint NOT NULL,
    parcel_id      bigint NOT NULL,
    application_id bigint NOT NULL,
    CONSTRAINT round_award_one_winner_per_plot PRIMARY KEY (offer_id, parcel_id),
    CONSTRAINT round_award_one_plot_per_application UNIQUE (application_id),
    CONSTRAINT round_award_plot_offered FOREIGN KEY (offer_id, parcel_id) REFERENCES offer_parcel (offer_id, parcel_id),
    CONSTRAINT round_award_application_of_offer FOREIGN KEY (offer_id, application_id)
        REFERENCES round_application (offer_id, id)
);
