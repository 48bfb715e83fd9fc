-- A payment the app asked the gateway to take: for a reservation's deposit or one instalment of an allocation.
INSERT INTO payment_session (token, gateway, payer_id, reservation_id, allocation_id, instalment_number, amount,
                             created_at)
VALUES (:token, :gateway, :payer, :reservation, :allocation, :number, :amount, :at)
RETURNING id
