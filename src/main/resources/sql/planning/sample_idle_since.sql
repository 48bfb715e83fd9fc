-- Gives the idle plots of freshly loaded sample or generated estates their synthetic start of idleness.
UPDATE parcel SET idle_since = planning_sample_idle_since(id)
 WHERE estate_id = ANY (CAST(:estateIds AS int[])) AND status = 'IDLE'
