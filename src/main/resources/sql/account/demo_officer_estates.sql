-- The estates the demo officer manages: every Gilan estate (codes GIL-…).
SELECT code FROM estate WHERE code LIKE 'GIL-%' ORDER BY code
