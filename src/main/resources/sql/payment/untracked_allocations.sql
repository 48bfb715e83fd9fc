-- Active allocations whose instalments are not rows yet.
SELECT a.id FROM allocation a
 WHERE a.status = 'ACTIVE'
   AND NOT EXISTS (SELECT 1 FROM contract_instalment i WHERE i.allocation_id = a.id)
 ORDER BY a.id
 LIMIT :limit
