-- Gives the idle plots of one freshly loaded sample or generated estate their synthetic start of idleness.
UPDATE parcel SET idle_since = planning_sample_idle_since(id) WHERE estate_id = :estateId AND status = 'IDLE'
