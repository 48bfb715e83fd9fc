-- A payment session as its receipt: number, amount, when, who paid, what for, and the decision-log entry.
SELECT s.id, s.token, s.state, s.amount, to_char(s.paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS paid_at,
       (s.paid_at AT TIME ZONE 'UTC')::date::text AS paid_on, s.reference, s.sandbox, s.decision_id,
       s.reservation_id, s.allocation_id, s.instalment_number, s.charge_id, ch.kind AS charge_kind, s.payer_id,
       u.name AS payer_name, u.organisation AS payer_organisation,
       e.code AS estate, e.name AS estate_name, e.name_fa AS estate_name_fa,
       coalesce(a.investor_id, r.investor_id) AS holder_id
  FROM payment_session s
  JOIN users u ON u.id = s.payer_id
  LEFT JOIN reservation r ON r.id = s.reservation_id
  LEFT JOIN allocation a ON a.id = s.allocation_id
  LEFT JOIN idle_charge ch ON ch.id = s.charge_id
  JOIN estate e ON e.id = coalesce(a.estate_id, r.estate_id)
 WHERE s.token = :token
