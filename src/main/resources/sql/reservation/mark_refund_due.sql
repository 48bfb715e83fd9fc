-- A paid deposit to be refunded; no row when nothing was paid (or the refund is already due).
UPDATE payment SET refund_status = 'DUE' WHERE reservation_id = :id AND refund_status = 'NONE'
