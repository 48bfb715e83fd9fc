-- The shipped samples' taken plots, each of which gets an allocation.
SELECT p.id, p.estate_id, p.status FROM parcel p JOIN estate e ON e.id = p.estate_id
 WHERE e.code LIKE ANY (CAST(:samples AS text[])) AND p.status IN ('ALLOCATED', 'UNDER_CONSTRUCTION', 'IN_PRODUCTION', 'IDLE', 'RECLAIMING')
 ORDER BY p.id
