-- Unpaid instalments past due of active allocations, in the given estates (all when :allEstates), oldest first.
SELECT i.allocation_id, i.number, i.due_on::text AS due_on, i.amount, e.code AS estate, e.name AS estate_name,
       e.name_fa AS estate_name_fa, u.name AS holder_name, u.organisation AS holder_organisation
  FROM contract_instalment i
  JOIN allocation a ON a.id = i.allocation_id AND a.status = 'ACTIVE'
  JOIN estate e ON e.id = a.estate_id
  JOIN users u ON u.id = a.investor_id
 WHERE i.amount > 0 AND i.due_on < :today
   AND (:allEstates OR e.code = ANY(:estates))
   AND NOT EXISTS (SELECT 1 FROM instalment_payment p WHERE p.allocation_id = i.allocation_id AND p.number = i.number)
 ORDER BY i.due_on, i.allocation_id, i.number
 LIMIT :limit
