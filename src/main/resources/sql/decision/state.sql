-- What a cached verdict depends on besides time: the signed checkpoints (a new or removed one calls for a new verdict).
SELECT count(*) || ':' || coalesce(max(id), 0) FROM decision_checkpoint
