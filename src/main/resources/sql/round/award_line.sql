-- What passing a plot on needs: the offer's current published document (the latest amendment's, else the close's),
-- its SHA-256, its payment_days, and the applications that hold or held a plot of it (holds an amendment revoked aside).
SELECT coalesce(am.document, o.document), encode(coalesce(am.document_sha256, o.document_sha256), 'hex'),
       o.payment_days,
       ARRAY(SELECT h.application_id FROM round_award_hold h WHERE h.offer_id = o.id AND h.state <> 'REVOKED' ORDER BY 1)
  FROM offer o
  LEFT JOIN LATERAL (SELECT l.document, l.document_sha256, l.version FROM round_amendment l
                      WHERE l.offer_id = o.id ORDER BY l.version DESC LIMIT 1) am ON true
 WHERE o.id = :offer
