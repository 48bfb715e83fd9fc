-- A payment the app asked the gateway to take: for a reservation's deposit, or one instalment or one idle charge of
-- an allocation.
INSERT INTO payment_session (token, gateway, payer_id, reservation_id, allocation_id, instalment_number, charge_id,
                             amount, created_at)
VALUES (:token, :gateway, :payer, :reservation, :allocation, :number, :charge, :amount, :at)
RETURNING id
