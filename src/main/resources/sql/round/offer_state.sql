-- Whether an offer exists, its state and its estate's code.
SELECT o.state, e.code FROM offer o JOIN estate e ON e.id = o.estate_id WHERE o.id = :id
