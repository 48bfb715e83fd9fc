-- What became of a session: PAID (with the gateway's receipt and the decision-log entry), REFUND_DUE (paid but
-- nothing left to pay for) or CANCELLED; only an OPEN session is settled.
UPDATE payment_session
   SET state = :state, paid_at = :paidAt, reference = :reference, sandbox = :sandbox, decision_id = :decision
 WHERE id = :id AND state = 'OPEN'
