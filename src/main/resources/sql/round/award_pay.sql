-- A DUE hold paid, as the gateway's receipt says (round_award_hold_paid_in_time refuses a payment after pay_by).
UPDATE round_award_hold
   SET state = 'PAID', gateway = :gateway, receipt = :receipt, sandbox = :sandbox, paid_at = :paidAt
 WHERE id = :id
