-- A closed round's document and its SHA-256, with the application of :investor in it (null: none or not asked).
SELECT o.document, encode(o.document_sha256, 'hex'),
       (SELECT a.id FROM round_application a WHERE a.offer_id = o.id AND a.investor_id = :investor)
  FROM offer o
 WHERE o.id = :id AND o.state = 'CLOSED'
