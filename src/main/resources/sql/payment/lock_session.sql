-- A payment session, locked while its gateway's answer is recorded.
SELECT id, token, payer_id, reservation_id, allocation_id, instalment_number, charge_id, amount, state
  FROM payment_session WHERE token = :token
   FOR UPDATE
