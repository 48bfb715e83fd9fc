-- DUE holds whose deadline has passed, oldest deadline first.
SELECT id FROM round_award_hold WHERE state = 'DUE' AND pay_by <= :now ORDER BY pay_by, id LIMIT :limit
