-- One instalment as the contract's schedule has it; an unpaid one follows the schedule, a paid one stays.
INSERT INTO contract_instalment (allocation_id, number, due_on, amount, tracked_on)
VALUES (:allocation, :number, :dueOn, :amount, :today)
ON CONFLICT (allocation_id, number) DO UPDATE SET due_on = EXCLUDED.due_on, amount = EXCLUDED.amount
 WHERE (contract_instalment.due_on, contract_instalment.amount) IS DISTINCT FROM (EXCLUDED.due_on, EXCLUDED.amount)
   AND NOT EXISTS (SELECT 1 FROM instalment_payment p
                    WHERE p.allocation_id = contract_instalment.allocation_id
                      AND p.number = contract_instalment.number)
