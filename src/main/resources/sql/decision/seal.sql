-- Links every committed, unsealed entry into the hash chain (decision_seal, R__decision_chain.sql).
SELECT decision_seal()
