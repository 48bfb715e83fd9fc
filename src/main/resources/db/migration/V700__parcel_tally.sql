-- Plot counts and areas per estate and status kept as plots change (the triggers in R__parcel_tally.sql), so that
-- statistics, the legend and the estates list read a few thousand rows instead of counting every plot.
-- parcel_tally holds the compacted totals; each statement that changes plots appends its net change to
-- parcel_tally_delta (insert-only, so concurrent holds never wait on one another's rows); readers add both
-- (the view parcel_tally_now) and parcel_tally_compact() folds the deltas into the totals now and then.
-- Areas are numeric so that adding and taking away the same plot leaves exactly what was there.
CREATE TABLE parcel_tally (
    estate_id int NOT NULL,
    status    text NOT NULL,
    plots     bigint NOT NULL,
    area_m2   numeric NOT NULL,
    PRIMARY KEY (estate_id, status)
);

CREATE TABLE parcel_tally_delta (
    id        bigserial PRIMARY KEY,
    estate_id int NOT NULL,
    status    text NOT NULL,
    plots     bigint NOT NULL,
    area_m2   numeric NOT NULL
);

INSERT INTO parcel_tally (estate_id, status, plots, area_m2)
SELECT estate_id, status, count(*), sum(area_m2::numeric)
  FROM parcel
 GROUP BY estate_id, status;

-- The map's change counter: every statement that changes plots or estates appends a row of weight 1; the sum of
-- the weights only grows as such statements commit (compaction replaces rows by one row of their summed weight),
-- so a tile cached under one sum holds what any later reader of the same sum would see.
CREATE TABLE map_change (
    id      bigserial PRIMARY KEY,
    changes bigint NOT NULL DEFAULT 1 CHECK (changes > 0)
);
INSERT INTO map_change (changes) VALUES (1);
