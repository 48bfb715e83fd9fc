-- Moves every unmet milestone deadline of the allocation by :months.
UPDATE milestone SET deadline = deadline + make_interval(months => :months)
 WHERE allocation_id = :id AND achieved_on IS NULL
