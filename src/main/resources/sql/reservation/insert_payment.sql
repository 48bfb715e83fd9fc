-- The deposit paid for a reservation, as the gateway's receipt says.
INSERT INTO payment (reservation_id, gateway, amount, sandbox, receipt, paid_at)
VALUES (:id, :gateway, :amount, :sandbox, :receipt, :paidAt)
