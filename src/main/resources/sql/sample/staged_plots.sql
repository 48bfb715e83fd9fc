-- The plots of the staged sample cases of one kind (staged_due_process.sql: 4 extended, 5 reclaimed).
SELECT ap.parcel_id FROM sample_staged s JOIN allocation_parcel ap ON ap.allocation_id = s.allocation_id
 WHERE s.kind = :kind
