-- The id of the estate with code :code.
SELECT id FROM estate WHERE code = :code
