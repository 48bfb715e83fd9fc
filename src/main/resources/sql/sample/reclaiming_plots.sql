-- The Gilan sample's plots shown as RECLAIMING (their cases are served a notice after the scan).
SELECT p.id FROM parcel p JOIN estate e ON e.id = p.estate_id WHERE e.code LIKE 'GIL-%' AND p.status = 'RECLAIMING'
