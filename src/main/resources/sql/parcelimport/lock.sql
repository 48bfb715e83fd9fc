-- The same per-estate lock the parcel trigger takes, held from validation to commit so that a concurrent import
-- validates against this one's result.
SELECT pg_advisory_xact_lock(hashtext('zamin.parcel.geometry'), :estateId)
