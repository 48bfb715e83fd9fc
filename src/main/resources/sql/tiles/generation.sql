-- The map generation the tile cache keys on: the number of committed statements that changed plots or estates
-- (R__parcel_tally.sql).
SELECT map_generation()
