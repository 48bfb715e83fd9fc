-- A closed round's current document (the latest amendment's, else the close's), its SHA-256 and version, with the
-- application of :investor in it (null: none or not asked).
SELECT coalesce(am.document, o.document), encode(coalesce(am.document_sha256, o.document_sha256), 'hex'),
       (SELECT a.id FROM round_application a WHERE a.offer_id = o.id AND a.investor_id = :investor),
       coalesce(am.version, 1)
  FROM offer o
  LEFT JOIN LATERAL (SELECT l.document, l.document_sha256, l.version FROM round_amendment l
                      WHERE l.offer_id = o.id ORDER BY l.version DESC LIMIT 1) am ON true
 WHERE o.id = :id AND o.state = 'CLOSED'
