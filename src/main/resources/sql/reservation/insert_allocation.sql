-- The allocation an approved reservation creates, with its plots.
WITH allocation_row AS (
    INSERT INTO allocation (reservation_id, investor_id, estate_id, status, created_at)
    VALUES (:reservation, :investor, :estate, 'ACTIVE', :now)
    RETURNING id
), allocation_plots AS (
    INSERT INTO allocation_parcel (allocation_id, parcel_id)
    SELECT a.id, unnest(CAST(:parcels AS bigint[])) FROM allocation_row a
)
SELECT id FROM allocation_row
