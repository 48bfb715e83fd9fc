-- The first plot of a ranking that the offer does not include (none: every ranked plot is offered); by primary key,
-- without reading the offer's other plots.
SELECT r.id
  FROM unnest(CAST(:ranking AS bigint[])) WITH ORDINALITY AS r (id, position)
 WHERE NOT EXISTS (SELECT 1 FROM offer_parcel op WHERE op.offer_id = :offer AND op.parcel_id = r.id)
 ORDER BY r.position
 LIMIT 1
