-- Whose a reservation is: its investor and its estate's code (who may see it).
SELECT r.investor_id, e.code FROM reservation r JOIN estate e ON e.id = r.estate_id WHERE r.id = :id
