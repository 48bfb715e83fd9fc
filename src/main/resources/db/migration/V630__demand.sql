-- Waitlist and demand: an investor's standing request for land (province or estates, area range, land use,
-- utilities, activity), the plots that matched it when they became available, and a daily record of supply so
-- planners can compare unmet demand with available land over time.
-- Notifications gain a message key and parameters, rendered in the reader's language (users.language).

ALTER TABLE users ADD COLUMN language text NOT NULL DEFAULT 'fa' CHECK (language IN ('en', 'fa'));

ALTER TABLE notification
    ALTER COLUMN subject DROP NOT NULL,
    ALTER COLUMN body DROP NOT NULL,
    ADD COLUMN message_key text CHECK (message_key ~ '^[a-z][A-Za-z0-9]*(\.[a-zA-Z0-9]+)+$'),
    ADD COLUMN params jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
    ADD COLUMN emailed_at timestamptz,
    ADD CONSTRAINT notification_has_text CHECK (message_key IS NOT NULL OR (subject IS NOT NULL AND body IS NOT NULL));

CREATE TABLE demand (
    id           bigserial PRIMARY KEY,
    investor_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    province_id  int REFERENCES province (id),
    estate_ids   int[] NOT NULL DEFAULT '{}',
    min_area_m2  numeric(12, 1) NOT NULL CHECK (min_area_m2 > 0),
    max_area_m2  numeric(12, 1) NOT NULL,
    land_use     text NOT NULL CHECK (land_use IN ('industrial', 'warehouse', 'workshop', 'services')),
    utilities    text[] NOT NULL DEFAULT '{}'
                 CHECK (utilities <@ ARRAY['water', 'power', 'gas', 'telecom', 'wastewater']::text[]),
    activity     text NOT NULL CHECK (activity ~ '^[0-9]{4}$'),
    created_at   timestamptz NOT NULL,
    withdrawn_at timestamptz,
    CONSTRAINT demand_area_range CHECK (max_area_m2 >= min_area_m2 AND max_area_m2 <= 10000000),
    CONSTRAINT demand_place CHECK (province_id IS NOT NULL OR cardinality(estate_ids) BETWEEN 1 AND 20),
    CONSTRAINT demand_withdrawn_after CHECK (withdrawn_at IS NULL OR withdrawn_at >= created_at)
);
-- The open requests, in the order they were registered: the waitlist's order.
CREATE INDEX demand_open_idx ON demand (created_at, id) WHERE withdrawn_at IS NULL;
CREATE INDEX demand_investor_idx ON demand (investor_id);

-- A plot that became available while a request was waiting for land like it; position is the request's place in
-- the line for that plot (1 = registered first).
CREATE TABLE demand_match (
    demand_id  bigint NOT NULL REFERENCES demand (id) ON DELETE CASCADE,
    parcel_id  bigint NOT NULL REFERENCES parcel (id) ON DELETE CASCADE,
    position   int NOT NULL CHECK (position >= 1),
    matched_at timestamptz NOT NULL,
    PRIMARY KEY (demand_id, parcel_id, matched_at)
);
CREATE INDEX demand_match_parcel_idx ON demand_match (parcel_id);

-- Available land per estate on each day the daily job ran: the supply side of the demand history.
CREATE TABLE supply_snapshot (
    day          date NOT NULL,
    estate_id    int NOT NULL REFERENCES estate (id) ON DELETE CASCADE,
    available_m2 double precision NOT NULL CHECK (available_m2 >= 0),
    plots        int NOT NULL CHECK (plots >= 0),
    PRIMARY KEY (day, estate_id)
);

