-- A DUE hold unpaid at its deadline lapses.
UPDATE round_award_hold SET state = 'LAPSED', lapsed_at = :now WHERE id = :id
