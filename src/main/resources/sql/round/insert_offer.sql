-- A new offer, a DRAFT.
INSERT INTO offer (estate_id, mode, opens_at, closes_at, max_ranked, rules, created_by, created_at)
VALUES (:estate, :mode, :opensAt, :closesAt, :maxRanked, CAST(:rules AS jsonb), :createdBy, :now)
RETURNING id
