-- The allocation an approved reservation creates, with its plots (allocation_open: R__allocation_open.sql).
SELECT allocation_open(CAST(:reservation AS bigint), NULL, CAST(:investor AS bigint), CAST(:estate AS int),
                       CAST(:parcels AS bigint[]), CAST(:now AS timestamptz))
