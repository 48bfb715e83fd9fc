-- What an objection needs of its round: state, close time, window in days, estate, and the investor's application.
SELECT o.state, o.closed_at, o.objection_days, e.code,
       (SELECT a.id FROM round_application a WHERE a.offer_id = o.id AND a.investor_id = :investor)
  FROM offer o JOIN estate e ON e.id = o.estate_id
 WHERE o.id = :id
