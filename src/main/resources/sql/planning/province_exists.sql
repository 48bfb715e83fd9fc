-- Whether a province with this code exists.
SELECT EXISTS (SELECT 1 FROM province WHERE code = :code)
