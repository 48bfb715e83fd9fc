-- Plot adjacency: one row per ordered pair of plots that share a boundary segment of positive length (both
-- directions stored, so a plot's neighbours are one index range). Kept by the triggers of R__parcel_adjacency.sql
-- (and filled there for plots written before this table existed); a deleted plot takes its pairs with it.
CREATE TABLE parcel_adjacency (
    parcel_id    bigint NOT NULL REFERENCES parcel (id) ON DELETE CASCADE,
    neighbour_id bigint NOT NULL REFERENCES parcel (id) ON DELETE CASCADE,
    PRIMARY KEY (parcel_id, neighbour_id),
    CONSTRAINT parcel_adjacency_not_self CHECK (parcel_id <> neighbour_id)
);
-- The cascade from a deleted neighbour looks its pairs up by neighbour_id.
CREATE INDEX parcel_adjacency_neighbour ON parcel_adjacency (neighbour_id);
