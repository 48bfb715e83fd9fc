-- An allocation's instalments (0 is the cash share) with their payment and its receipt, if paid.
SELECT i.number, i.due_on, i.amount, p.paid_at, s.token AS receipt_token, s.id AS receipt_id
  FROM contract_instalment i
  LEFT JOIN instalment_payment p ON p.allocation_id = i.allocation_id AND p.number = i.number
  LEFT JOIN payment_session s ON s.id = p.session_id
 WHERE i.allocation_id = :allocation
 ORDER BY i.number
