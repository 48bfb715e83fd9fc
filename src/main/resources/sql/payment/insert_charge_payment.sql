-- An idle charge paid (R__payment_guards.sql: once, for its amount, by the holder).
INSERT INTO idle_charge_payment (charge_id, allocation_id, session_id, payer_id, amount, paid_at)
VALUES (:charge, :allocation, :session, :payer, :amount, :paidAt)
ON CONFLICT (charge_id) DO NOTHING
