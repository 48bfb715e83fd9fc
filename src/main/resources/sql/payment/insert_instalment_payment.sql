-- An instalment paid (R__payment_guards.sql: once, for its amount, by the holder).
INSERT INTO instalment_payment (allocation_id, number, session_id, payer_id, amount, paid_at)
VALUES (:allocation, :number, :session, :payer, :amount, :paidAt)
ON CONFLICT (allocation_id, number) DO NOTHING
