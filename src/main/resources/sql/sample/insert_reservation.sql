-- An approved reservation signed at :at, behind a sample allocation.
INSERT INTO reservation (investor_id, estate_id, status, activity_isic, investment, jobs, knowledge_based,
                         deposit_amount, created_at, hold_expires_at, submitted_at, closed_at)
VALUES (:inv, :estate, 'APPROVED', '2599', 50000000000, 25, :kb, 100000000, :at,
        CAST(:at AS timestamptz) + interval '72 hours', :at, :at)
RETURNING id
