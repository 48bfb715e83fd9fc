SELECT id, code, land_price_per_m2 FROM estate WHERE code = :code
