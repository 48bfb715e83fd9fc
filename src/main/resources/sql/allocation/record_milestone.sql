-- Records that a milestone not yet reached was reached on :on; 0 rows when it already was.
UPDATE milestone SET achieved_on = :on, recorded_by = :by
 WHERE allocation_id = :id AND kind = :kind AND achieved_on IS NULL
