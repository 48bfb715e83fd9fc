-- An upheld objection's recorded outcome: the next document version and its winners (checked by round_amendment_guard).
INSERT INTO round_amendment (offer_id, objection_id, version, correction, previous_sha256, document, document_sha256,
                             parcel_ids, winner_ids, created_by, created_at)
VALUES (:offer, :objection, :version, CAST(:correction AS jsonb), decode(:previousSha256, 'hex'), :document,
        sha256(convert_to(:document, 'UTF8')), CAST(:parcels AS bigint[]), CAST(:winners AS bigint[]), :by, :now)
RETURNING id, encode(document_sha256, 'hex')
