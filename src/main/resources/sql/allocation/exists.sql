-- Whether an allocation with this id exists, whoever may see it.
SELECT EXISTS (SELECT 1 FROM allocation WHERE id = :id)
