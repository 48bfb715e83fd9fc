-- A HELD reservation (its id taken by reservation_claim), its plots, and the answer kept for replays of its
-- Idempotency-Key, in one statement.
WITH reservation_row AS (
    INSERT INTO reservation (id, investor_id, estate_id, status, activity_isic, investment, jobs, knowledge_based,
                             deposit_amount, created_at, hold_expires_at)
    VALUES (:id, :investor, :estate, 'HELD', :activity, :investment, :jobs, :knowledgeBased, :deposit, :now, :expires)
    RETURNING id
), plots AS (
    INSERT INTO reservation_parcel (reservation_id, parcel_id)
    SELECT reservation_row.id, unnest(CAST(:parcels AS bigint[])) FROM reservation_row
)
INSERT INTO idempotency_key (user_id, key, request_hash, response_status, response_body, created_at)
SELECT :investor, :key, :requestHash, 201, :body, :now FROM reservation_row
