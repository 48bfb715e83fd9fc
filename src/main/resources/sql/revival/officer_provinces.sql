-- The provinces in which an officer manages at least one estate.
SELECT DISTINCT e.province_id FROM officer_estate oe JOIN estate e ON e.id = oe.estate_id WHERE oe.user_id = :id
