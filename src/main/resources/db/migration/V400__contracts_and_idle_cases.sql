-- Allocations as lease-to-own contracts, activity evidence, and idle cases with their due process.
-- Configuration (contract terms, payment plans, idle rules) is data, one row per estate class, seeded here.
-- Invariants the database keeps whatever the code does: one open idle case per allocation (partial unique
-- index), legal case transitions only and none while sub judice (trigger), a contract and its milestones for
-- every allocation (deferred trigger), one pending extension request per allocation, upload limits.

CREATE TABLE contract_terms (
    estate_kind               text PRIMARY KEY CHECK (estate_kind IN ('INDUSTRIAL_ESTATE', 'INDUSTRIAL_ZONE',
                                                         'FREE_ZONE', 'CLUSTER', 'SMALL_WORKSHOP_COMPLEX')),
    possession_months         int NOT NULL CHECK (possession_months >= 0),
    permit_months             int NOT NULL CHECK (permit_months >= 0),
    construction_start_months int NOT NULL CHECK (construction_start_months >= 0),
    completion_months         int NOT NULL CHECK (completion_months >= construction_start_months),
    licence_months            int NOT NULL CHECK (licence_months >= completion_months),
    max_extensions            int NOT NULL CHECK (max_extensions >= 0),
    max_extension_months      int NOT NULL CHECK (max_extension_months >= 0),
    notice_reply_days         int NOT NULL CHECK (notice_reply_days >= 1)
);
INSERT INTO contract_terms VALUES
    ('INDUSTRIAL_ESTATE', 1, 6, 12, 30, 36, 1, 12, 30),
    ('INDUSTRIAL_ZONE', 1, 6, 12, 30, 36, 1, 12, 30),
    ('FREE_ZONE', 1, 6, 12, 30, 36, 1, 12, 30),
    ('CLUSTER', 1, 6, 12, 30, 36, 1, 12, 30),
    -- Workshops are small buildings: half the time to start and to produce.
    ('SMALL_WORKSHOP_COMPLEX', 1, 3, 6, 15, 18, 1, 6, 30);

CREATE TABLE payment_plan (
    estate_kind      text NOT NULL REFERENCES contract_terms (estate_kind),
    code             text NOT NULL CHECK (code IN ('STANDARD', 'KNOWLEDGE_BASED')),
    cash_share_bp    int NOT NULL CHECK (cash_share_bp BETWEEN 0 AND 10000),
    grace_months     int NOT NULL CHECK (grace_months >= 0),
    instalment_count int NOT NULL CHECK (instalment_count >= 0),
    interval_months  int NOT NULL CHECK (interval_months >= 1),
    forgiven_bp      int NOT NULL CHECK (forgiven_bp BETWEEN 0 AND 10000),
    PRIMARY KEY (estate_kind, code)
);
INSERT INTO payment_plan
SELECT estate_kind, 'STANDARD', 3000, 3, 12, 3, 0 FROM contract_terms
UNION ALL
SELECT estate_kind, 'KNOWLEDGE_BASED', 1000, 6, 16, 3, 2000 FROM contract_terms;

CREATE TABLE idle_rules (
    estate_kind                text PRIMARY KEY REFERENCES contract_terms (estate_kind),
    missed_milestone_weight    int NOT NULL CHECK (missed_milestone_weight >= 0),
    low_electricity_weight     int NOT NULL CHECK (low_electricity_weight >= 0),
    electricity_threshold_kwh  bigint NOT NULL CHECK (electricity_threshold_kwh >= 0),
    electricity_months         int NOT NULL CHECK (electricity_months BETWEEN 1 AND 24),
    inactive_inspection_weight int NOT NULL CHECK (inactive_inspection_weight >= 0),
    no_report_weight           int NOT NULL CHECK (no_report_weight >= 0),
    no_report_months           int NOT NULL CHECK (no_report_months BETWEEN 1 AND 60),
    open_score                 int NOT NULL CHECK (open_score >= 1)
);
INSERT INTO idle_rules SELECT estate_kind, 40, 30, 1000, 3, 30, 20, 6, 30 FROM contract_terms;
UPDATE idle_rules SET electricity_threshold_kwh = 300 WHERE estate_kind = 'SMALL_WORKSHOP_COMPLEX';

-- The contract of an allocation. The plan and the extension policy are copied at signing, so later changes of the
-- configuration never rewrite a signed contract.
CREATE TABLE allocation_contract (
    allocation_id        bigint PRIMARY KEY REFERENCES allocation (id),
    signed_on            date NOT NULL,
    price                bigint NOT NULL CHECK (price >= 0),
    plan_code            text NOT NULL,
    cash_share_bp        int NOT NULL CHECK (cash_share_bp BETWEEN 0 AND 10000),
    grace_months         int NOT NULL CHECK (grace_months >= 0),
    instalment_count     int NOT NULL CHECK (instalment_count >= 0),
    interval_months      int NOT NULL CHECK (interval_months >= 1),
    forgiven_bp          int NOT NULL CHECK (forgiven_bp BETWEEN 0 AND 10000),
    max_extensions       int NOT NULL CHECK (max_extensions >= 0),
    max_extension_months int NOT NULL CHECK (max_extension_months >= 0),
    notice_reply_days    int NOT NULL CHECK (notice_reply_days >= 1),
    extensions_granted   int NOT NULL DEFAULT 0 CHECK (extensions_granted BETWEEN 0 AND max_extensions)
);

CREATE TABLE milestone (
    allocation_id bigint NOT NULL REFERENCES allocation (id),
    kind          text NOT NULL CHECK (kind IN ('POSSESSION', 'BUILDING_PERMIT', 'CONSTRUCTION_START',
                                                'CONSTRUCTION_COMPLETION', 'OPERATING_LICENCE')),
    deadline      date NOT NULL,
    achieved_on   date,
    recorded_by   bigint REFERENCES users (id),
    PRIMARY KEY (allocation_id, kind)
);
-- The main idle rule's index: unmet milestones by deadline.
CREATE INDEX milestone_unmet_deadline_idx ON milestone (deadline) WHERE achieved_on IS NULL;

-- Every allocation gets its contract and milestones when its transaction commits (deferred: the plots are
-- inserted after the allocation row). The plan follows the reservation's knowledge-based flag and the estate class.
CREATE FUNCTION allocation_create_contract() RETURNS trigger
    LANGUAGE plpgsql AS
$$
DECLARE
    t contract_terms%ROWTYPE;
    pl payment_plan%ROWTYPE;
    kb boolean;
    signed date := (NEW.created_at AT TIME ZONE 'UTC')::date;
    possession date;
BEGIN
    IF EXISTS (SELECT 1 FROM allocation_contract WHERE allocation_id = NEW.id) THEN
        RETURN NULL;
    END IF;
    SELECT ct.* INTO t FROM contract_terms ct JOIN estate e ON e.kind = ct.estate_kind WHERE e.id = NEW.estate_id;
    SELECT coalesce(r.knowledge_based, false) INTO kb FROM reservation r WHERE r.id = NEW.reservation_id;
    SELECT * INTO pl FROM payment_plan
     WHERE estate_kind = t.estate_kind AND code = CASE WHEN kb THEN 'KNOWLEDGE_BASED' ELSE 'STANDARD' END;
    INSERT INTO allocation_contract (allocation_id, signed_on, price, plan_code, cash_share_bp, grace_months,
                                     instalment_count, interval_months, forgiven_bp, max_extensions,
                                     max_extension_months, notice_reply_days)
    SELECT NEW.id, signed,
           coalesce((SELECT sum(round(p.area_m2 * p.price_per_m2))::bigint
                       FROM allocation_parcel ap JOIN parcel p ON p.id = ap.parcel_id
                      WHERE ap.allocation_id = NEW.id), 0),
           pl.code, pl.cash_share_bp, pl.grace_months, pl.instalment_count, pl.interval_months, pl.forgiven_bp,
           t.max_extensions, t.max_extension_months, t.notice_reply_days;
    possession := signed + make_interval(months => t.possession_months);
    INSERT INTO milestone (allocation_id, kind, deadline) VALUES
        (NEW.id, 'POSSESSION', possession),
        (NEW.id, 'BUILDING_PERMIT', possession + make_interval(months => t.permit_months)),
        (NEW.id, 'CONSTRUCTION_START', possession + make_interval(months => t.construction_start_months)),
        (NEW.id, 'CONSTRUCTION_COMPLETION', possession + make_interval(months => t.completion_months)),
        (NEW.id, 'OPERATING_LICENCE', possession + make_interval(months => t.licence_months));
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER allocation_create_contract
    AFTER INSERT ON allocation DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION allocation_create_contract();

CREATE TABLE extension_request (
    id              bigserial PRIMARY KEY,
    allocation_id   bigint NOT NULL REFERENCES allocation (id),
    months          int NOT NULL CHECK (months BETWEEN 1 AND 60),
    reason          text NOT NULL CHECK (btrim(reason) <> '' AND length(reason) <= 4000),
    status          text NOT NULL DEFAULT 'REQUESTED' CHECK (status IN ('REQUESTED', 'GRANTED', 'REFUSED')),
    requested_by    bigint NOT NULL REFERENCES users (id),
    requested_at    timestamptz NOT NULL,
    decided_by      bigint REFERENCES users (id),
    decided_at      timestamptz,
    decision_reason text,
    CHECK ((status = 'REQUESTED') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX extension_request_one_pending ON extension_request (allocation_id) WHERE status = 'REQUESTED';

CREATE TABLE progress_report (
    id            bigserial PRIMARY KEY,
    allocation_id bigint NOT NULL REFERENCES allocation (id),
    reported_on   date NOT NULL,
    percent       int NOT NULL CHECK (percent BETWEEN 0 AND 100),
    text          text NOT NULL CHECK (length(text) <= 4000),
    created_by    bigint REFERENCES users (id),
    created_at    timestamptz NOT NULL
);
CREATE INDEX progress_report_allocation_idx ON progress_report (allocation_id, reported_on DESC);

CREATE TABLE inspection (
    id            bigserial PRIMARY KEY,
    allocation_id bigint NOT NULL REFERENCES allocation (id),
    inspected_on  date NOT NULL,
    finding       text NOT NULL CHECK (finding IN ('ACTIVE', 'PARTLY_ACTIVE', 'INACTIVE')),
    notes         text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
    inspector_id  bigint REFERENCES users (id),
    created_at    timestamptz NOT NULL
);
CREATE INDEX inspection_allocation_idx ON inspection (allocation_id, inspected_on DESC, id DESC);

-- Photos and documents of reports and inspections: 5 MB each, JPEG, PNG, WebP or PDF only.
CREATE TABLE attachment (
    id            bigserial PRIMARY KEY,
    report_id     bigint REFERENCES progress_report (id),
    inspection_id bigint REFERENCES inspection (id),
    file_name     text NOT NULL CHECK (btrim(file_name) <> '' AND length(file_name) <= 200),
    content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
    size_bytes    int NOT NULL CHECK (size_bytes BETWEEN 1 AND 5242880),
    data          bytea NOT NULL,
    CHECK (num_nonnulls(report_id, inspection_id) = 1),
    CHECK (octet_length(data) = size_bytes)
);
CREATE INDEX attachment_report_idx ON attachment (report_id);
CREATE INDEX attachment_inspection_idx ON attachment (inspection_id);

-- Monthly meter readings per allocation; `month` is the first day of the month.
CREATE TABLE utility_reading (
    allocation_id   bigint NOT NULL REFERENCES allocation (id),
    month           date NOT NULL CHECK (extract(day FROM month) = 1),
    electricity_kwh bigint NOT NULL CHECK (electricity_kwh >= 0),
    water_m3        bigint CHECK (water_m3 >= 0),
    imported_at     timestamptz NOT NULL,
    PRIMARY KEY (allocation_id, month)
);
CREATE INDEX utility_reading_month_idx ON utility_reading (month);

CREATE TABLE idle_case (
    id               bigserial PRIMARY KEY,
    allocation_id    bigint NOT NULL REFERENCES allocation (id),
    state            text NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'NOTICE_SERVED', 'REVIVAL_PLAN', 'EXTENDED',
                                                                  'RECLAIMED', 'DISMISSED')),
    score            int NOT NULL CHECK (score >= 0),
    evidence         jsonb NOT NULL CHECK (jsonb_typeof(evidence) = 'array'),
    opened_as_of     date NOT NULL,
    opened_at        timestamptz NOT NULL,
    notice_served_at timestamptz,
    reply_deadline   date,
    reply            text CHECK (length(reply) <= 8000),
    replied_at       timestamptz,
    sub_judice       boolean NOT NULL DEFAULT false,
    closed_at        timestamptz,
    updated_at       timestamptz NOT NULL,
    CHECK (state IN ('OPEN') OR reply_deadline IS NOT NULL OR state = 'DISMISSED'),
    CHECK ((state IN ('OPEN', 'NOTICE_SERVED', 'REVIVAL_PLAN')) = (closed_at IS NULL))
);
-- The guarantee: never two open idle cases for one allocation.
CREATE UNIQUE INDEX idle_case_one_open ON idle_case (allocation_id) WHERE state IN ('OPEN', 'NOTICE_SERVED', 'REVIVAL_PLAN');
CREATE INDEX idle_case_state_score_idx ON idle_case (state, score DESC);

-- Legal transitions only; a sub judice case keeps its state until the stay is lifted; a closed case is final.
CREATE FUNCTION idle_case_check_transition() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF OLD.closed_at IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_closed',
            MESSAGE = format('idle case %s is closed (%s)', OLD.id, OLD.state);
    END IF;
    IF NEW.state = OLD.state THEN
        RETURN NEW;
    END IF;
    IF OLD.sub_judice AND NEW.sub_judice THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_sub_judice',
            MESSAGE = format('idle case %s is sub judice', OLD.id);
    END IF;
    IF NOT ((OLD.state = 'OPEN' AND NEW.state IN ('NOTICE_SERVED', 'DISMISSED'))
         OR (OLD.state = 'NOTICE_SERVED' AND NEW.state IN ('REVIVAL_PLAN', 'EXTENDED', 'RECLAIMED', 'DISMISSED'))
         OR (OLD.state = 'REVIVAL_PLAN' AND NEW.state IN ('EXTENDED', 'RECLAIMED', 'DISMISSED'))) THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_transition',
            MESSAGE = format('idle case %s cannot go from %s to %s', OLD.id, OLD.state, NEW.state);
    END IF;
    IF NEW.state = 'RECLAIMED' AND OLD.state = 'NOTICE_SERVED' AND OLD.replied_at IS NULL
       AND OLD.notice_served_at IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'check_violation', CONSTRAINT = 'idle_case_notice_first',
            MESSAGE = format('idle case %s was never served a notice', OLD.id);
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER idle_case_check_transition
    BEFORE UPDATE ON idle_case
    FOR EACH ROW EXECUTE FUNCTION idle_case_check_transition();

-- A revival plan's own milestones, watched by the next scans.
CREATE TABLE revival_plan_item (
    id          bigserial PRIMARY KEY,
    case_id     bigint NOT NULL REFERENCES idle_case (id),
    description text NOT NULL CHECK (btrim(description) <> '' AND length(description) <= 1000),
    due_on      date NOT NULL,
    met_on      date
);
CREATE INDEX revival_plan_item_case_idx ON revival_plan_item (case_id);

-- The in-app inbox (every notification lands here; e-mail is sent as well when SMTP is configured).
CREATE TABLE notification (
    id         bigserial PRIMARY KEY,
    user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       text NOT NULL CHECK (kind ~ '^[a-z_]+$'),
    subject    text NOT NULL,
    body       text NOT NULL,
    link       text,
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);
CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);
