-- What passing a plot on needs: the offer's published document, its SHA-256, its payment_days, and the applications
-- that already held a plot of it.
SELECT o.document, encode(o.document_sha256, 'hex'), o.payment_days,
       ARRAY(SELECT h.application_id FROM round_award_hold h WHERE h.offer_id = o.id ORDER BY 1)
  FROM offer o
 WHERE o.id = :offer
