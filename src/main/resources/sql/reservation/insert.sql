-- A HELD reservation and its plots, in one statement.
WITH reservation_row AS (
    INSERT INTO reservation (investor_id, estate_id, status, activity_isic, investment, jobs, knowledge_based,
                             deposit_amount, created_at, hold_expires_at)
    VALUES (:investor, :estate, 'HELD', :activity, :investment, :jobs, :knowledgeBased, :deposit, :now, :expires)
    RETURNING id
), plots AS (
    INSERT INTO reservation_parcel (reservation_id, parcel_id)
    SELECT reservation_row.id, unnest(CAST(:parcels AS bigint[])) FROM reservation_row
)
SELECT id FROM reservation_row
