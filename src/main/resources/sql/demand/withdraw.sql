-- Withdraws one of the investor's requests; returns whether it was open (no row: not theirs or no such request).
WITH target AS (
    SELECT id, withdrawn_at IS NULL AS was_open FROM demand WHERE id = :id AND investor_id = :investor FOR UPDATE
), done AS (
    UPDATE demand d SET withdrawn_at = :at FROM target t WHERE d.id = t.id AND t.was_open
)
SELECT was_open FROM target
