-- A published round becomes CLOSED with the log head it used and its document (the table checks the hash).
UPDATE offer
   SET state = 'CLOSED', closed_at = :now, chain_head_pos = :headPos, chain_head_hash = decode(:headHash, 'hex'),
       document = :document, document_sha256 = sha256(convert_to(:document, 'UTF8'))
 WHERE id = :id AND state = 'PUBLISHED'
RETURNING encode(document_sha256, 'hex')
