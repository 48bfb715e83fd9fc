-- Months of paid extension slices already sold on an allocation.
SELECT coalesce(sum(months), 0) FROM idle_charge WHERE allocation_id = :allocation AND kind = 'EXTENSION'
