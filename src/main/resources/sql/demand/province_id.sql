-- The id of the province with code :code.
SELECT id FROM province WHERE code = :code
