-- The shipped samples' plots shown as RECLAIMING (their cases are served a notice after the scan).
SELECT p.id FROM parcel p JOIN estate e ON e.id = p.estate_id WHERE e.code LIKE ANY (CAST(:samples AS text[])) AND p.status = 'RECLAIMING'
