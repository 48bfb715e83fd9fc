INSERT INTO allocation (reservation_id, investor_id, estate_id, created_at) VALUES (:r, :inv, :estate, :at)
RETURNING id
