-- A sample reservation whose deposit was paid at :at (sandbox): SUBMITTED, holding its plot until an officer decides.
WITH r AS (
    INSERT INTO reservation (investor_id, estate_id, status, activity_isic, investment, jobs, knowledge_based,
                             deposit_amount, created_at, hold_expires_at, submitted_at)
    VALUES (:inv, :estate, 'SUBMITTED', '2599', 30000000000, 18, :kb, 100000000,
            CAST(:at AS timestamptz) - interval '2 hours', CAST(:at AS timestamptz) + interval '70 hours', :at)
    RETURNING id
), plot AS (
    INSERT INTO reservation_parcel (reservation_id, parcel_id, active) SELECT id, :parcel, true FROM r
), paid AS (
    INSERT INTO payment (reservation_id, gateway, amount, sandbox, receipt, paid_at)
    SELECT id, 'sandbox', 100000000, true, 'SANDBOX-SAMPLE-' || id, :at FROM r
)
SELECT id FROM r
