-- access.sql, locking the allocation's row until the transaction ends.
SELECT a.id, a.investor_id, e.code, e.kind, a.status,
       ARRAY(SELECT parcel_id FROM allocation_parcel WHERE allocation_id = a.id ORDER BY parcel_id) AS parcels
  FROM allocation a
  JOIN estate e ON e.id = a.estate_id
 WHERE a.id = :id
   FOR UPDATE OF a
