SELECT EXISTS (SELECT 1 FROM estate WHERE code = :code)
