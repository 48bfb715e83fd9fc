-- One idle charge of an allocation, with whether it is paid.
SELECT ch.id, ch.kind, ch.amount, EXISTS (SELECT 1 FROM idle_charge_payment p WHERE p.charge_id = ch.id) AS paid
  FROM idle_charge ch
 WHERE ch.id = :charge AND ch.allocation_id = :allocation
