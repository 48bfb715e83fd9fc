-- The codes of the estates whose codes match a LIKE pattern (the demo officers' estates: GIL-%, QZV-%).
SELECT code FROM estate WHERE code LIKE :pattern ORDER BY code
