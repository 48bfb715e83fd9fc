-- A published round becomes CLOSED with the log head it used and its document, sent as UTF-8 bytes with the SHA-256
-- the server computed while writing them (the table checks the hash against the text it stores).
UPDATE offer
   SET state = 'CLOSED', closed_at = :now, chain_head_pos = :headPos, chain_head_hash = decode(:headHash, 'hex'),
       document = convert_from(CAST(:document AS bytea), 'UTF8'), document_sha256 = CAST(:sha256 AS bytea)
 WHERE id = :id AND state = 'PUBLISHED'
RETURNING encode(document_sha256, 'hex')
