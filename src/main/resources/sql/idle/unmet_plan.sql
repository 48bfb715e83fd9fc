-- Due days of a case's revival-plan items not yet met.
SELECT due_on FROM revival_plan_item WHERE case_id = :id AND met_on IS NULL
