INSERT INTO province (code, name, name_fa)
VALUES (:code, :name, :nameFa)
ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_fa = excluded.name_fa
RETURNING id
