-- The refundable open-offer deposit paid; no row when the investor already has an unrefunded one.
INSERT INTO open_deposit (investor_id, amount, gateway, reference, sandbox, paid_at)
VALUES (:user, :amount, :gateway, :reference, :sandbox, :paidAt)
ON CONFLICT (investor_id) WHERE refunded_at IS NULL DO NOTHING
RETURNING id
