-- An estate's id by its code.
SELECT id FROM estate WHERE code = :code
