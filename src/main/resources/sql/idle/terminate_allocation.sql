-- A reclaimed allocation ends.
UPDATE allocation SET status = 'TERMINATED' WHERE id = :id
