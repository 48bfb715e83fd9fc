-- Staged due process of idle cases as data: an estate class's warning stages and cure periods, the optional idle
-- fee, paid extension slices and whether the public register names the holder — dated rules (the row in force on a
-- day is the latest valid_from on or before it). Warnings served on a case (the "notice" is warning 1..n), charges
-- added to the contract's balance (idle fee, extension slices), and revival targets per province and year.
-- Money is integer rials (bigint); a charge's amount is a generated column, so the one rounding rule lives here:
-- rounded down to the whole rial (in the holder's favour).

CREATE TABLE idle_due_process_rules (
    estate_kind                text NOT NULL REFERENCES contract_terms (estate_kind),
    valid_from                 date NOT NULL,
    -- Cure period of each warning stage, in days; reclaim waits for the last stage's cure period.
    cure_days                  int[] NOT NULL CHECK (cardinality(cure_days) BETWEEN 1 AND 5
                                                     AND 1 <= ALL (cure_days) AND 730 >= ALL (cure_days)),
    -- Idle fee: basis points of the contract's land price per 365 days idle; 0 = off.
    idle_fee_bp_per_year       int NOT NULL DEFAULT 0 CHECK (idle_fee_bp_per_year BETWEEN 0 AND 10000),
    extension_slice_months     int NOT NULL CHECK (extension_slice_months BETWEEN 1 AND 24),
    extension_cap_months       int NOT NULL CHECK (extension_cap_months >= extension_slice_months
                                                   AND extension_cap_months <= 120),
    -- Price of one slice: basis points of the plots' current land value.
    extension_slice_price_bp   int NOT NULL CHECK (extension_slice_price_bp BETWEEN 0 AND 10000),
    -- Whether the public register shows the holder's organisation (never a person's name, e-mail or ID).
    register_names_holder      boolean NOT NULL DEFAULT false,
    PRIMARY KEY (estate_kind, valid_from)
);
-- Three written warnings of 90, 45 and 30 days; no idle fee; slices of 6 months up to 36, 5 % of the land value each.
INSERT INTO idle_due_process_rules (estate_kind, valid_from, cure_days, extension_slice_months, extension_cap_months,
                                    extension_slice_price_bp)
SELECT estate_kind, DATE '2000-01-01', ARRAY[90, 45, 30], 6, 36, 500 FROM contract_terms;

CREATE TABLE idle_warning (
    id         bigserial PRIMARY KEY,
    case_id    bigint NOT NULL REFERENCES idle_case (id),
    stage      int NOT NULL CHECK (stage >= 1),
    stages     int NOT NULL CHECK (stage <= stages),
    issued_on  date NOT NULL,
    cure_days  int NOT NULL CHECK (cure_days >= 1),
    -- The holder may cure through this day; the next step is allowed from the day after.
    cure_until date NOT NULL CHECK (cure_until >= issued_on + cure_days),
    reply      text CHECK (length(reply) <= 8000),
    replied_at timestamptz,
    issued_by  bigint REFERENCES users (id),
    issued_at  timestamptz NOT NULL,
    UNIQUE (case_id, stage),
    CHECK ((reply IS NULL) = (replied_at IS NULL))
);

-- Cases served a notice before warnings existed: their notice is warning 1 of 3.
INSERT INTO idle_warning (case_id, stage, stages, issued_on, cure_days, cure_until, issued_at, reply, replied_at)
SELECT c.id, 1, 3, (c.notice_served_at AT TIME ZONE 'UTC')::date,
       greatest(1, c.reply_deadline - (c.notice_served_at AT TIME ZONE 'UTC')::date),
       greatest(c.reply_deadline, (c.notice_served_at AT TIME ZONE 'UTC')::date + 1), c.notice_served_at,
       CASE WHEN c.replied_at IS NULL THEN NULL ELSE c.reply END, CASE WHEN c.reply IS NULL THEN NULL ELSE c.replied_at END
  FROM idle_case c
 WHERE c.notice_served_at IS NOT NULL AND c.reply_deadline IS NOT NULL;

CREATE TABLE idle_charge (
    id           bigserial PRIMARY KEY,
    case_id      bigint NOT NULL REFERENCES idle_case (id),
    allocation_id bigint NOT NULL REFERENCES allocation (id),
    kind         text NOT NULL CHECK (kind IN ('IDLE_FEE', 'EXTENSION')),
    -- IDLE_FEE: the contract's land price; EXTENSION: the plots' current land value (rials).
    base         bigint NOT NULL CHECK (base >= 0),
    rate_bp      int NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),
    -- IDLE_FEE: the days charged, [period_from, period_to).
    period_from  date,
    period_to    date,
    -- EXTENSION: slices bought, their months, and the cap in force.
    slices       int CHECK (slices >= 1),
    months       int CHECK (months >= 1),
    cap_months   int CHECK (cap_months >= 1),
    amount       bigint GENERATED ALWAYS AS (
                     CASE kind
                         WHEN 'IDLE_FEE' THEN floor(base::numeric * rate_bp * (period_to - period_from) / 3650000)
                         ELSE floor(base::numeric * rate_bp * slices / 10000)
                     END::bigint) STORED,
    charged_on   date NOT NULL,
    charged_by   bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL,
    CHECK (kind <> 'IDLE_FEE' OR (period_from IS NOT NULL AND period_to > period_from AND slices IS NULL)),
    CHECK (kind <> 'EXTENSION' OR (slices IS NOT NULL AND months IS NOT NULL AND cap_months IS NOT NULL
                                   AND period_from IS NULL))
);
CREATE INDEX idle_charge_allocation_idx ON idle_charge (allocation_id);
CREATE INDEX idle_charge_case_idx ON idle_charge (case_id);

-- The revival headquarters' target: units to revive per province and year.
CREATE TABLE revival_target (
    province_id int NOT NULL REFERENCES province (id),
    year        int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    target      int NOT NULL CHECK (target BETWEEN 0 AND 1000000),
    set_by      bigint REFERENCES users (id),
    set_at      timestamptz NOT NULL,
    PRIMARY KEY (province_id, year)
);
