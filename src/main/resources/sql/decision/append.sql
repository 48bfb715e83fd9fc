-- The entry is linked into the hash chain later, by the sealer (decision_seal).
INSERT INTO decision (occurred_at, actor_id, actor_role, action, subject_type, subject_id, estate_code,
                      parcel_ids, from_state, to_state, reason, public_details, private_details)
VALUES (:occurredAt, :actorId, :actorRole, :action, :subjectType, :subjectId, :estateCode,
        CAST(:parcelIds AS bigint[]), :fromState, :toState, :reason, CAST(:publicDetails AS jsonb),
        CAST(:privateDetails AS jsonb))
RETURNING seq
