-- Monthly snapshots of plots by estate and status, so that the statistics' month-by-month history reads a few rows
-- per month instead of replaying the decision log (functions and triggers: R__planning_history.sql).
-- history_snapshot holds each closed month's counts and areas at the month's end (UTC), per estate and status;
-- history_snapshot_month says which months are taken (a month may have no plots at all) and when.
-- history_snapshot_state remembers the first month of the history (the month of the log's earliest event), so that
-- the sweep knows which months are missing without reading the whole log.
CREATE TABLE history_snapshot_month (
    month    date PRIMARY KEY CHECK (extract(day FROM month) = 1),
    taken_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE history_snapshot (
    month     date NOT NULL REFERENCES history_snapshot_month (month) ON DELETE CASCADE,
    estate_id int NOT NULL,
    status    text NOT NULL,
    plots     bigint NOT NULL CHECK (plots > 0),
    area_m2   numeric NOT NULL,
    PRIMARY KEY (month, estate_id, status)
);

CREATE TABLE history_snapshot_state (
    only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    first_month date CHECK (extract(day FROM first_month) = 1)
);
INSERT INTO history_snapshot_state (first_month) VALUES (NULL);
