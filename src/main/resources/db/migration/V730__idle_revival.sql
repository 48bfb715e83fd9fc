-- Revival before reclaim: advisers' diagnoses of idle units, the province working group's sessions and decisions,
-- revival-plan items with the agency responsible for each, and the REVIVED outcome of an idle case.
-- The functions that compute the stopped clock live in R__idle_revival.sql; the transitions in
-- R__idle_case_transition.sql.

-- Vocabularies (labels in web/i18n/*.json, keyed by code).
CREATE TABLE vocabulary_idle_cause (
    code     text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{0,31}$'),
    position smallint NOT NULL UNIQUE
);
INSERT INTO vocabulary_idle_cause (code, position) VALUES
    ('BANK_DEBT', 1), ('MANAGEMENT', 2), ('TECHNOLOGY', 3), ('RAW_MATERIALS', 4), ('MARKET', 5),
    ('PERMITS_LEGAL', 6), ('UTILITIES', 7), ('GOVERNMENT', 8);

CREATE TABLE vocabulary_revival_agency (
    code     text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{0,31}$'),
    position smallint NOT NULL UNIQUE
);
INSERT INTO vocabulary_revival_agency (code, position) VALUES
    ('HOLDER', 1), ('BANK', 2), ('POWER', 3), ('GAS', 4), ('WATER', 5), ('ENVIRONMENT', 6), ('MUNICIPALITY', 7),
    ('ORGANISATION', 8), ('OTHER', 9);

-- Officers marked as business advisers: they diagnose idle units of the estates they manage (officer_estate).
CREATE TABLE idle_adviser (
    user_id   bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    marked_at timestamptz NOT NULL
);

-- An adviser's diagnosis after visiting an idle unit: causes from the vocabulary, evidence, a recommendation.
CREATE TABLE idle_diagnosis (
    id             bigserial PRIMARY KEY,
    case_id        bigint NOT NULL REFERENCES idle_case (id),
    adviser_id     bigint NOT NULL REFERENCES users (id),
    visited_on     date NOT NULL,
    causes         text[] NOT NULL CHECK (cardinality(causes) BETWEEN 1 AND 8 AND array_position(causes, NULL) IS NULL),
    evidence       text NOT NULL CHECK (btrim(evidence) <> '' AND length(evidence) <= 4000),
    recommendation text NOT NULL CHECK (recommendation IN ('REVIVE', 'EXTEND', 'RECLAIM')),
    created_at     timestamptz NOT NULL
);
CREATE INDEX idle_diagnosis_case_idx ON idle_diagnosis (case_id, id);

-- A session of a province's working group for removing production obstacles, with the members present.
CREATE TABLE working_group_session (
    id          bigserial PRIMARY KEY,
    province_id int NOT NULL REFERENCES province (id),
    held_on     date NOT NULL,
    members     text[] NOT NULL CHECK (cardinality(members) BETWEEN 1 AND 40 AND array_position(members, NULL) IS NULL),
    created_by  bigint NOT NULL REFERENCES users (id),
    created_at  timestamptz NOT NULL
);
CREATE INDEX working_group_session_province_idx ON working_group_session (province_id, held_on DESC);

-- A unit (idle case) on a session's agenda, and the group's decision on it (one per unit and session).
CREATE TABLE working_group_agenda (
    id             bigserial PRIMARY KEY,
    session_id     bigint NOT NULL REFERENCES working_group_session (id),
    case_id        bigint NOT NULL REFERENCES idle_case (id),
    decision       text CHECK (decision IN ('APPROVE_PLAN', 'REFER_TO_BANK', 'EXTEND', 'PROCEED_TO_RECLAIM')),
    bank_name      text CHECK (btrim(bank_name) <> '' AND length(bank_name) <= 200),
    facility_rials bigint CHECK (facility_rials > 0),
    note           text CHECK (length(note) <= 4000),
    decided_by     bigint REFERENCES users (id),
    decided_at     timestamptz,
    UNIQUE (session_id, case_id),
    CHECK ((decision IS NULL) = (decided_at IS NULL)),
    CHECK ((decision = 'REFER_TO_BANK') = (facility_rials IS NOT NULL AND bank_name IS NOT NULL)
           OR (decision IS NULL AND facility_rials IS NULL AND bank_name IS NULL))
);
CREATE INDEX working_group_agenda_case_idx ON working_group_agenda (case_id);

-- Each plan item names the agency responsible; an agency's missed item stops the clock against the holder.
ALTER TABLE revival_plan_item
    ADD COLUMN agency text NOT NULL DEFAULT 'HOLDER' REFERENCES vocabulary_revival_agency (code),
    ADD COLUMN agenda_id bigint REFERENCES working_group_agenda (id);

-- REVIVED: the unit is back in production (a closed state). A revival plan no longer needs a served notice (the
-- working group may approve one for an OPEN case); a served notice still needs its reply deadline.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint
              WHERE conrelid = 'idle_case'::regclass AND contype = 'c'
                AND (pg_get_constraintdef(oid) LIKE '%reply_deadline IS NOT NULL%'
                     OR pg_get_constraintdef(oid) LIKE '%''RECLAIMED''%''DISMISSED''%') LOOP
        EXECUTE format('ALTER TABLE idle_case DROP CONSTRAINT %I', c.conname);
    END LOOP;
END
$$;
ALTER TABLE idle_case
    ADD CONSTRAINT idle_case_state_known CHECK (state IN ('OPEN', 'NOTICE_SERVED', 'REVIVAL_PLAN', 'EXTENDED',
                                                           'RECLAIMED', 'DISMISSED', 'REVIVED')),
    ADD CONSTRAINT idle_case_notice_deadline CHECK (state <> 'NOTICE_SERVED' OR reply_deadline IS NOT NULL);
