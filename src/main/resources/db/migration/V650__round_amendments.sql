-- Amendments of a published round (issue 12): "nothing in a round changes after its results are published except
-- through a recorded objection outcome". An officer who upholds an objection records its outcome here: the corrected
-- inputs of the objector's application, the allocation re-run on the corrected inputs (same seed, same log head) and
-- the new published document version, which names the objection and the SHA-256 of the version it replaces. The
-- original document stays in offer.document (version 1) and every version stays on the record. The round's awards and
-- its award holds change only to agree with the latest version (R__round_guards.sql).

CREATE TABLE round_amendment (
    id               bigserial PRIMARY KEY,
    offer_id         bigint NOT NULL REFERENCES offer (id),
    -- The upheld objection whose outcome this is: one amendment per objection.
    objection_id     bigint NOT NULL UNIQUE REFERENCES round_objection (id),
    -- 2 for the first amendment (the close published version 1), then 3, …
    version          int NOT NULL CHECK (version >= 2),
    -- The objector's application as corrected (the fields of the document's inputs.applications entry).
    correction       jsonb NOT NULL CHECK (jsonb_typeof(correction) = 'object'),
    previous_sha256  bytea NOT NULL CHECK (length(previous_sha256) = 32),
    document         text NOT NULL,
    document_sha256  bytea NOT NULL CHECK (length(document_sha256) = 32),
    -- The amended winners (plot ids and their applications), as the document's result states them.
    parcel_ids       bigint[] NOT NULL,
    winner_ids       bigint[] NOT NULL,
    created_by       bigint NOT NULL REFERENCES users (id),
    created_at       timestamptz NOT NULL,
    CONSTRAINT round_amendment_version_once UNIQUE (offer_id, version),
    CONSTRAINT round_amendment_document_hash CHECK (document_sha256 = sha256(convert_to(document, 'UTF8'))),
    CONSTRAINT round_amendment_winners_paired CHECK (cardinality(parcel_ids) = cardinality(winner_ids))
);

-- A hold whose plot an amendment gave to someone else is REVOKED (by that amendment), not lapsed.
ALTER TABLE round_award_hold ADD COLUMN revoked_at timestamptz;
ALTER TABLE round_award_hold ADD COLUMN revoked_by bigint REFERENCES round_amendment (id);
ALTER TABLE round_award_hold DROP CONSTRAINT round_award_hold_state_check;
ALTER TABLE round_award_hold ADD CONSTRAINT round_award_hold_state_check
    CHECK (state IN ('DUE', 'PAID', 'LAPSED', 'REVOKED'));
ALTER TABLE round_award_hold ADD CONSTRAINT round_award_hold_revoked_whole CHECK (
    (state = 'REVOKED') = (revoked_at IS NOT NULL) AND (revoked_at IS NULL) = (revoked_by IS NULL));
-- One live award per plot, and one hold per application except those an amendment revoked.
DROP INDEX round_award_hold_one_live_per_plot;
CREATE UNIQUE INDEX round_award_hold_one_live_per_plot ON round_award_hold (offer_id, parcel_id)
    WHERE state IN ('DUE', 'PAID');
ALTER TABLE round_award_hold DROP CONSTRAINT round_award_hold_once_per_application;
CREATE UNIQUE INDEX round_award_hold_once_per_application ON round_award_hold (application_id)
    WHERE state <> 'REVOKED';
