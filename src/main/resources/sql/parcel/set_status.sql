-- A plot status change through the one function that writes it (R__parcel_status.sql).
SELECT parcel_set_status(CAST(:ids AS bigint[]), :to, CAST(:from AS text[]))
